"""crimemap:briefingmap: the PDF's text (pdftotext) against independent counts, the team, priorities and
events from the store, the attribution; the PNG is not blank; a batch has one page a neighbourhood."""

import re
import subprocess
import unicodedata

import pytest
from qgis.core import QgsProcessingException
from qgis.PyQt.QtGui import QImage

from crimemap_plugin.core import categories
from crimemap_plugin.core.importer import import_path
from tests.api_server import imported_force
from tests.cheltenham import counts_inside, st_marks_polygon, write_street_csvs
from tests.independent import months, street_counts, street_files, total
from tests.shared_data import city_of_london_street
from tests.stores import BACKENDS, drop, new_store

PERIOD, BEFORE = months("2021-05", 3), months("2021-02", 3)


@pytest.fixture(scope="module", params=BACKENDS)
def store(request, tmp_path_factory):
    """Gloucestershire's neighbourhoods (local police.uk) and the real crimes around St Marks, in a
    GeoPackage and in PostGIS (its map's layers then come through the postgres provider)."""
    folder = tmp_path_factory.mktemp("briefing")
    path = imported_force(folder, new_store(request.param, folder, "briefing"))
    write_street_csvs(folder / "csv")
    import_path(folder / "csv", path)
    yield path
    drop(path)


@pytest.fixture()
def run(plugin, qgis_processing):
    import processing
    return processing.run


def pdf_text(path) -> str:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return unicodedata.normalize("NFKC", text)   # "ﬁ" ligatures back to "fi"


def pdf_text_of(layout, path) -> str:
    from crimemap_plugin.layers.briefing import export
    export(layout, str(path))
    return pdf_text(path)


def table_row(text: str, label: str) -> list:
    """The cells printed after a headline group's name in the table (the line where numbers follow it)."""
    for line in text.splitlines():
        found = re.search(re.escape(label) + r"\s+((?:[+-]?[\d,]+%?|no data)\s+.*)$", line)
        if found:
            return re.findall(r"[+-]?[\d,]+%?|no data|yes|no", found.group(1))
    raise AssertionError(f"{label!r} with numbers not in the briefing")


def test_neighbourhood_briefing_pdf(run, store, tmp_path):
    out = tmp_path / "st-marks.pdf"
    result = run("crimemap:briefingmap", {"STORE": str(store), "FORCE": "gloucestershire", "NEIGHBOURHOOD": "AA3",
                                          "END_MONTH": "2021-05", "MONTHS": 3, "BASELINE": "previous_period",
                                          "OUTPUT": str(out)})
    assert result["PAGES"] == 1
    text = pdf_text(out)
    assert "St Marks (Gloucestershire Constabulary): crime briefing" in text
    assert "All crime: March–May 2021 compared with December 2020–February 2021" in text
    counted = counts_inside(st_marks_polygon())
    for slug in categories.HEADLINE:
        now = sum(n for (m, c), n in counted.items() if m in PERIOD and slug in ("all-crime", c))
        before = sum(n for (m, c), n in counted.items() if m in BEFORE and slug in ("all-crime", c))
        label = categories.label(slug)
        row = table_row(text, label)
        assert row[:3] == [f"{now:,}", f"{before:,}", f"{now - before:+,}"], (slug, row)
    # The team, current priorities and the next (future) event, from the store, as plain text.
    assert "PC Jane Doe, Police Constable" in text
    assert "Speeding on Tewkesbury Road" in text and "Speed checks weekly" in text
    assert "Street briefing" in text and "Old surgery" not in text
    assert not re.search(r"<[a-z/]", text) and "script" not in text.lower() and "evil.example" not in text
    # Attribution and the date it was made.
    flat = " ".join(text.split())
    assert "Contains public sector information licensed under the Open Government Licence v3.0" in flat
    assert "Source: Office for National Statistics" in flat and "Contains OS data" in flat
    assert re.search(r"Made on \d{1,2} \w+ \d{4}", flat)
    assert "Change in all crime, Mar–May 2021 against Dec 2020–Feb 2021" in flat  # the legend's title


def test_png_is_a_real_page(run, store, tmp_path):
    out = tmp_path / "st-marks.png"
    run("crimemap:briefingmap", {"STORE": str(store), "FORCE": "gloucestershire", "NEIGHBOURHOOD": "AA3",
                                 "END_MONTH": "2021-05", "CATEGORY": "burglary", "OUTPUT": str(out)})
    image = QImage(str(out))
    assert image.width() > image.height() > 1000            # A4 landscape at 150 dpi
    step = 7
    colours, inked = set(), 0
    samples = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            rgb = image.pixel(x, y) & 0xFFFFFF
            colours.add(rgb)
            inked += rgb != 0xFFFFFF
            samples += 1
    assert len(colours) > 30 and inked / samples > 0.15


def test_every_neighbourhood_one_page_each(run, store, tmp_path):
    out = tmp_path / "gloucestershire.pdf"
    result = run("crimemap:briefingmap", {"STORE": str(store), "FORCE": "gloucestershire", "ALL_NEIGHBOURHOODS": True,
                                          "END_MONTH": "2021-05", "OUTPUT": str(out)})
    assert result["PAGES"] == 55
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+55\b", info)
    text = pdf_text(out)
    assert text.count("crime briefing") == 55 and text.count("Open Government Licence v3.0") == 55
    assert "St Marks (Gloucestershire Constabulary)" in text


def test_force_briefing_against_the_csv_files(run, sample_store, tmp_path):
    out = tmp_path / "city.pdf"
    run("crimemap:briefingmap", {"STORE": str(sample_store), "FORCE": "city-of-london", "CATEGORY": "burglary",
                                 "END_MONTH": "2025-12", "OUTPUT": str(out)})
    text = pdf_text(out)
    assert "City of London Police: crime briefing" in text
    assert "Burglary: October–December 2025 compared with October–December 2024" in text
    counts = street_counts(street_files(city_of_london_street()))
    for slug in categories.HEADLINE:
        now, before = total(counts, slug, months("2025-12", 3)), total(counts, slug, months("2024-12", 3))
        label = categories.label(slug)
        assert table_row(text, label)[:3] == [f"{now:,}", f"{before:,}", f"{now - before:+,}"], slug
    assert "Largest rises in burglary (LSOAs)" in text


def test_bad_requests_are_refused_clearly(run, store, tmp_path):
    with pytest.raises(QgsProcessingException, match="'ZZ1' of gloucestershire is not in the store"):
        run("crimemap:briefingmap", {"STORE": str(store), "FORCE": "gloucestershire", "NEIGHBOURHOOD": "ZZ1",
                                     "OUTPUT": str(tmp_path / "x.pdf")})
    with pytest.raises(QgsProcessingException, match=r"\.pdf or \.png"):
        run("crimemap:briefingmap", {"STORE": str(store), "FORCE": "gloucestershire",
                                     "OUTPUT": str(tmp_path / "x.docx")})
    with pytest.raises(QgsProcessingException, match="unknown force"):
        run("crimemap:briefingmap", {"STORE": str(store), "FORCE": "atlantis", "OUTPUT": str(tmp_path / "x.pdf")})
    assert not list(tmp_path.iterdir())


def test_briefing_from_the_panel_opens_in_the_layout_designer(plugin, qgis_iface, store, tmp_path, monkeypatch):
    """The panel's button: the layout goes into the project with saved layers, for last edits."""
    from qgis.core import QgsProject

    from crimemap_plugin import settings
    opened = []
    monkeypatch.setattr(qgis_iface, "openLayoutDesigner", opened.append, raising=False)
    settings.DOCK_STATE.set_value('{"category": "burglary", "end": "2021-05", "length": 3, '
                                  '"baseline": "previous_period"}')
    plugin.start_identify()
    panel = plugin.neighbourhood_dock
    panel.store_path = str(store)
    assert panel.show_stored("gloucestershire", "AA3")
    assert panel.briefing_button.isEnabled()
    panel.briefing_button.click()
    layout = QgsProject.instance().layoutManager().layoutByName("St Marks (Gloucestershire Constabulary): "
                                                                "crime briefing")
    assert layout is not None and opened == [layout]
    maps = [i for i in layout.items() if i.__class__.__name__ == "QgsLayoutItemMap"]
    from crimemap_plugin.stores import beside
    folder = str(beside(str(store), "_briefings"))   # beside a GeoPackage; in the profile for PostGIS
    assert maps and all(la.source().startswith(folder) for la in maps[0].layers())
    assert all(QgsProject.instance().mapLayer(la.id()) is not None for la in maps[0].layers())
    out = tmp_path / "edited.pdf"
    from crimemap_plugin.layers.briefing import export
    export(layout, str(out))
    assert "Burglary: March–May 2021 compared with December 2020–February 2021" in pdf_text(out)
    # Made again: one layout of that name, and the old one's layers gone from the project.
    before = set(QgsProject.instance().mapLayers())
    panel.briefing_button.click()
    layouts = QgsProject.instance().layoutManager().printLayouts()
    assert [la.name() for la in layouts].count("St Marks (Gloucestershire Constabulary): crime briefing") == 1
    assert len(set(QgsProject.instance().mapLayers()) - before) == 2 and len(before - set(
        QgsProject.instance().mapLayers())) == 2
    # Saved with the project, the briefing reopens whole: the layout and the layers its map draws.
    project_file = tmp_path / "briefing.qgz"
    assert QgsProject.instance().write(str(project_file))
    QgsProject.instance().clear()
    assert QgsProject.instance().read(str(project_file))
    reopened = QgsProject.instance().layoutManager().layoutByName(
        "St Marks (Gloucestershire Constabulary): crime briefing")
    maps = [i for i in reopened.items() if i.__class__.__name__ == "QgsLayoutItemMap"]
    assert [len(m.layers()) for m in maps] == [2]
    assert all(la.isValid() and la.featureCount() > 0 for la in maps[0].layers())
    assert "St Marks" in pdf_text_of(reopened, tmp_path / "reopened.pdf")
    QgsProject.instance().clear()
    settings.DOCK_STATE.set_value("")


def test_long_team_texts_are_cut_to_the_box_and_say_how_many_more(qgis_app):
    from crimemap_plugin.layers.briefing import RIGHT_W, TEXT_BOTTOM, TEXT_TOP, fit_sections, line_mm, section_mm
    long = "Anti-social behaviour around the shops on the high street in the evenings. " * 3
    sections, dropped = fit_sections([("Your neighbourhood team", [f"PC {i} Example, Police Constable" for i in
                                                                   range(6)]),
                                      ("Current priorities", [long] * 10), ("Next events", ["Surgery"] * 3)],
                                     RIGHT_W, TEXT_BOTTOM - TEXT_TOP, 7.5)
    assert dropped > 0 and [h for h, _ in sections] == ["Your neighbourhood team", "Current priorities",
                                                        "Next events"]
    used = sum(section_mm(body, RIGHT_W, 7.5) for _, body in sections) + line_mm(7.5)  # and the "more" line
    assert used <= TEXT_BOTTOM - TEXT_TOP
    assert all(body for _, body in sections), "every section keeps at least one line"
