"""crimemap:briefingmap and the panel's briefing: the PDF's text (pdftotext) against independent counts,
p-values (scipy), Benjamini–Hochberg and populations; the headline, the rate and the names residents
know (neighbourhoods, else local authority districts summed from LSOAs); the team's contacts and web page; the page's
geometry (filled, nothing over the north arrow), its trend (a scale, the store's months only, partial
months marked); text kept as text through the designer's export; the panel's choice of whole months;
`make run`'s headless map. Every store test runs on a GeoPackage and on PostGIS."""

import csv
import json
import os
import re
import subprocess
import sys
import unicodedata
from collections import Counter
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from osgeo import ogr
from qgis.core import (
    Qgis,
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsLayoutExporter,
    QgsLayoutItemLabel,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsLayoutItemShape,
    QgsProcessingException,
    QgsProject,
)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor, QImage
from scipy.stats import binomtest

from crimemap_plugin.core import categories
from crimemap_plugin.core.api import PoliceApi
from crimemap_plugin.core.importer import import_path
from crimemap_plugin.core.neighbourhoods import import_force
from crimemap_plugin.core.store import open_store
from tests.api_server import FAST, FakePoliceUk, UrllibTransport
from tests.cheltenham import census_population_inside, counts_inside, st_marks_polygon, write_street_csvs
from tests.independent import months, street_counts, street_files, total
from tests.shared_data import city_of_london_street, shared_data
from tests.stores import BACKENDS, drop, new_store

REPO = Path(__file__).resolve().parents[2]
PERIOD, BEFORE = months("2021-05", 3), months("2021-02", 3)
MINUS = "\u2212"
WEB = "http://www.gloucestershire.police.uk/neighbourhood-policing/cheltenham/st-marks/"
CONTACTS = {"email": "stmarks.team@example.police.uk", "telephone": "01452 726920", "web": WEB}


@pytest.fixture(autouse=True)
def no_street_map():
    """These pages without the street map (test_briefing_where_qgis.py draws it from a local server)."""
    from crimemap_plugin import settings
    before = settings.BASEMAP_ENABLED.value()
    settings.BASEMAP_ENABLED.set_value(False)
    yield
    settings.BASEMAP_ENABLED.set_value(before)


@pytest.fixture(scope="module", params=BACKENDS)
def store(request, tmp_path_factory):
    """Gloucestershire's neighbourhoods (local police.uk; St Marks with its team's contacts and web page)
    and the real crimes around St Marks, in a GeoPackage and in PostGIS (its map's layers then come
    through the postgres provider)."""
    folder = tmp_path_factory.mktemp("briefing")
    path = new_store(request.param, folder, "briefing")
    detail = json.loads((shared_data() / "api" / "gloucestershire_AA3_neighbourhood.json").read_text())
    detail["contact_details"] = dict(CONTACTS)
    with FakePoliceUk(rate=1000, burst=1000, answers={"/api/gloucestershire/AA3": detail}) as server:
        api = PoliceApi(UrllibTransport(), server.url, FAST, backoff=0.01)
        with open_store(path) as s:
            import_force(api, s, "gloucestershire")
    write_street_csvs(folder / "csv")
    import_path(folder / "csv", path)
    yield path
    drop(path)


@pytest.fixture(scope="module")
def kent_store(tmp_path_factory):
    """Kent's five real months, October 2018 to February 2019: December 2018 is a partial submission."""
    path = tmp_path_factory.mktemp("kent") / "kent.gpkg"
    import_path(shared_data() / "police_uk" / "kent-2018-10_2019-02", path)
    return path


@pytest.fixture()
def run(plugin, qgis_processing):
    import processing
    return processing.run


# -- independent helpers ----------------------------------------------------------------------------
def pdf_text(path, layout: bool = True) -> str:
    text = subprocess.run(["pdftotext"] + (["-layout"] if layout else []) + [str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    return unicodedata.normalize("NFKC", text)   # "ﬁ" ligatures back to "fi"


def pdf_text_of(layout, path) -> str:
    from crimemap_plugin.layers.briefing import export
    export(layout, str(path))
    return pdf_text(path)


def flat(text: str) -> str:
    return " ".join(text.split())


def signed(n: int) -> str:
    return f"+{n:,}" if n > 0 else f"{MINUS}{-n:,}" if n < 0 else "0"


def pct(now: int, before: int) -> str:
    """A change % as the page must print it: whole per cent, halves away from zero, sign always (not on 0)."""
    whole = int((Decimal(abs(now - before) * 100) / Decimal(before)).quantize(Decimal(1), ROUND_HALF_UP))
    return "0%" if whole == 0 else (f"+{whole:,}%" if now > before else f"{MINUS}{whole:,}%")


def bh(p: list) -> list:
    """Benjamini–Hochberg q-values, written out plainly."""
    m = len(p)
    order = sorted(range(m), key=lambda i: p[i])
    q, running = [0.0] * m, 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        running = min(running, p[i] * m / rank)
        q[i] = running
    return q


def neighbourhood_q(slug: str, period=PERIOD, before=BEFORE) -> dict:
    """Every Gloucestershire neighbourhood's q-value for `slug`, from the crimes inside each boundary the
    local police.uk serves (GEOS), an exact binomial test and Benjamini–Hochberg over all 55."""
    fake = FakePoliceUk()
    counts = {}
    for index, item in enumerate(fake.listing):
        ring = ogr.Geometry(ogr.wkbLinearRing)
        points = fake._boundary_for(index)
        for p in points + points[:1]:
            ring.AddPoint_2D(float(p["longitude"]), float(p["latitude"]))
        polygon = ogr.Geometry(ogr.wkbPolygon)
        polygon.AddGeometry(ring)
        inside = counts_inside(polygon)
        counts[item["id"]] = [sum(n for (m, c), n in inside.items() if m in months_ and slug in ("all-crime", c))
                              for months_ in (period, before)]
    ids = sorted(counts)
    p = [binomtest(counts[i][0], sum(counts[i]), 0.5).pvalue if sum(counts[i]) and counts[i][0] != counts[i][1]
         else 1.0 for i in ids]
    return dict(zip(ids, bh(p)))


def table_row(text: str, label: str) -> list:
    """The cells printed after a headline group's name in the table (the line where numbers follow it)."""
    for line in text.splitlines():
        found = re.search(re.escape(label) + r"\s+((?:[+\u2212]?[\d,]+%?|no data)\s+.*)$", line)
        if found:
            return re.findall(r"[+\u2212]?[\d,]+%?|no data|partial data|n/a|yes|no", found.group(1))
    raise AssertionError(f"{label!r} with numbers not in the briefing")


def items(layout, page: int, kind=None):
    """The layout's items on a page (0-based), pages themselves left out."""
    out = []
    for item in layout.items():
        if isinstance(item, QgsLayoutItemPage) or not hasattr(item, "page") or item.page() != page:
            continue
        if kind is None or isinstance(item, kind):
            out.append(item)
    return out


def by_id(layout, item_id):
    found = layout.itemById(item_id)
    assert found is not None, item_id
    return found


def page_image(layout, page: int, dpi: float = 100) -> QImage:
    exporter = QgsLayoutExporter(layout)
    return exporter.renderPageToImage(page, QSize(), dpi)


def blank_band_mm(image: QImage, x0_mm: float, x1_mm: float, y0_mm: float, y1_mm: float) -> float:
    """The tallest run of all-white pixel rows between x0 and x1 (mm), from y0 to y1."""
    scale = image.width() / 297.0
    longest = run = 0
    for y in range(int(y0_mm * scale), int(y1_mm * scale)):
        blank = all((image.pixel(x, y) & 0xFFFFFF) == 0xFFFFFF for x in range(int(x0_mm * scale),
                                                                              int(x1_mm * scale), 2))
        run = run + 1 if blank else 0
        longest = max(longest, run)
    return longest / scale


def make(store, force="gloucestershire", neighbourhood="", **kw):
    from crimemap_plugin.layers.briefing import make_briefings
    return make_briefings(str(store), force, neighbourhood, **kw)


# -- the neighbourhood page --------------------------------------------------------------------------
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
    q = neighbourhood_q("all-crime")["AA3"]
    for slug in categories.HEADLINE:
        now = sum(n for (m, c), n in counted.items() if m in PERIOD and slug in ("all-crime", c))
        before = sum(n for (m, c), n in counted.items() if m in BEFORE and slug in ("all-crime", c))
        row = table_row(text, categories.label(slug))
        assert row[:4] == [f"{now:,}", f"{before:,}", signed(now - before), pct(now, before)], (slug, row)
    # The headline: the change in words, with the significance the q-value over the 55 gives.
    now = sum(n for (m, c), n in counted.items() if m in PERIOD)
    before = sum(n for (m, c), n in counted.items() if m in BEFORE)
    verb, more = ("rose", "more") if now > before else ("fell", "fewer")
    chance = "more than chance would explain" if q < 0.05 else "within what chance would explain"
    headline = (f"All crime {verb} {pct(now, before).lstrip('+' + MINUS)} — {abs(now - before):,} {more} than the 3 "
                f"months before; {chance}")
    assert headline in flat(text)
    # The rate per 1,000 residents and the population it uses (Census 2021 residents of the LSOAs whose
    # population-weighted centroid lies inside St Marks).
    residents = census_population_inside(st_marks_polygon())
    assert f"{now / residents * 1000:.1f} per 1,000 residents (Census 2021: {residents:,})" in flat(text)
    # The team and its contacts; the neighbourhood's web page upgraded to https (police.uk serves it).
    assert "PC Jane Doe, Police Constable — jane.doe@example.police.uk" in text
    assert "Email: stmarks.team@example.police.uk" in text and "Telephone: 01452 726920" in text
    squeezed = re.sub(r"\s+", "", pdf_text(out, layout=False))   # a long link may wrap onto a second line
    assert "Webpage:" + WEB.replace("http://", "https://") in squeezed
    # Each priority on its line and its action on the next; older than a year: under "earlier priorities".
    lines = text.splitlines()
    issue = next(i for i, line in enumerate(lines) if "Speeding on Tewkesbury Road" in line)
    assert "Speed checks weekly" not in lines[issue] and "Action: Speed checks weekly" in lines[issue + 1]
    assert (datetime.now() - datetime(2024, 3, 1)).days > 365
    assert "Earlier priorities (more than a year old)" in text
    assert "Street briefing" in text and "Old surgery" not in text
    assert not re.search(r"<[a-z/]", text) and "script" not in text.lower() and "evil.example" not in text
    # The map's legend: where crime happened (test_briefing_where_qgis.py checks the cells themselves).
    assert re.search(r"Hot spots of all crime, Mar–May 2021 \(Getis–Ord Gi\*, \d+ m cells\)",
                     flat(pdf_text(out, layout=False)))
    # Attribution, the test and how many areas it allowed for, the date it was made.
    text = flat(text)
    assert "Contains public sector information licensed under the Open Government Licence v3.0" in text
    assert "Source: Office for National Statistics" in text and "Contains OS data" in text
    assert "Benjamini–Hochberg q < 0.05 over the areas compared" in text and "(55 areas compared)" in text
    assert re.search(r"Made on \d{1,2} \w+ \d{4}", text)


def test_signs_are_alike_on_every_label(store, tmp_path):
    """Change % and change in crimes read +12%, −8%, 0% wherever they are printed: table, headline, the
    map's labels (each area's, checked against its own counts: the briefing's comparison layer at the
    neighbourhood level, as a force page of neighbourhoods labels it), never a hyphen or a signed zero."""
    from crimemap_plugin.core.compare import NEIGHBOURHOOD, compare
    from crimemap_plugin.core.periods import Period
    from crimemap_plugin.layers.boundaries import comparison_areas
    from crimemap_plugin.layers.briefing_layers import briefing_comparison_layer
    layout, layers, briefs = make(store, neighbourhood="AA3", category="burglary", end="2021-05",
                                  baseline="previous_period")
    text = pdf_text_of(layout, tmp_path / "signs.pdf")
    assert not re.search(r"(?<![\w.])-\d[\d,]*%?(?!\d)", text.replace("Hochberg", "")), "a hyphen for a minus"
    assert not re.search(rf"[+{MINUS}]0%", text)
    with open_store(store, create=False, read_only=True) as s:
        made = compare(s, NEIGHBOURHOOD, "burglary", Period("2021-05", 3), "previous_period")
    comparison = briefing_comparison_layer(made, *comparison_areas(NEIGHBOURHOOD, str(store)))
    settings = comparison.labeling().settings()
    expression = QgsExpression(settings.fieldName)
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(comparison))
    checked = 0
    for feature in comparison.getFeatures():
        context.setFeature(feature)
        shown = expression.evaluate(context)
        if not feature["complete"] or feature["change_pct"] is None or feature["baseline"] in (None, 0):
            continue
        assert shown == f"{feature['area_name']}\n{pct(feature['current'], feature['baseline'])}", shown
        checked += 1
    assert checked >= 3
    for line in briefs[0].headline:
        if line.complete and line.baseline:
            assert table_row(text, line.label)[3] == pct(line.current, line.baseline)


def test_the_page_is_filled_and_nothing_is_over_the_north_arrow(store):
    for kw in ({"neighbourhood": "AA3"}, {}):
        layout, _layers, _briefs = make(store, end="2021-05", baseline="previous_period", **kw)
        arrow, bar, map_item = by_id(layout, "north_arrow1"), by_id(layout, "scale_bar1"), by_id(layout, "map1")
        rect = arrow.sceneBoundingRect()
        for item in items(layout, 0):
            if item is not arrow:
                assert not rect.intersects(item.sceneBoundingRect()), (kw, item.id() or type(item).__name__)
        assert not bar.sceneBoundingRect().intersects(map_item.sceneBoundingRect())
        # No band of blank paper in either column between the header and the footer, and ink from
        # margin to margin.
        image = page_image(layout, 0)
        assert blank_band_mm(image, 10, 184, 34, 196) < 8.0, kw
        assert blank_band_mm(image, 190, 287, 34, 196) < 8.0, kw
        assert blank_band_mm(image, 0, 297, 0, 210) < 12.0
        left = min(item.sceneBoundingRect().left() for item in items(layout, 0))
        right = max(item.sceneBoundingRect().right() for item in items(layout, 0))
        bottom = max(item.sceneBoundingRect().bottom() for item in items(layout, 0))
        assert left <= 10.5 and right >= 286.5 and bottom >= 200


def test_the_trend_has_a_scale_and_only_the_months_the_store_has(store, tmp_path):
    layout, _layers, briefs = make(store, neighbourhood="AA3", end="2021-05", baseline="previous_period")
    held = months("2021-05", 9)                      # the Cheltenham answers: September 2020 to May 2021
    assert briefs[0].trend_months == held
    counted = counts_inside(st_marks_polygon())
    per_month = {m: sum(n for (mm, _c), n in counted.items() if mm == m) for m in held}
    for m in held:
        assert by_id(layout, f"trend_value1_{m}").text() == f"{per_month[m]:,}", m
        assert layout.itemById(f"trend_bar1_{months('2020-08', 1)[0]}") is None
    ticks = []
    k = 0
    while layout.itemById(f"trend_tick1_{k}") is not None:
        ticks.append(float(by_id(layout, f"trend_tick1_{k}").text().replace(",", "")))
        k += 1
    assert ticks[0] == 0 and len(ticks) >= 3 and ticks == sorted(ticks) and ticks[-1] >= max(per_month.values())
    steps = {b - a for a, b in zip(ticks, ticks[1:])}
    assert len(steps) == 1
    # A taller month's bar is taller, on the same scale as the ticks.
    tick_y = {t: by_id(layout, f"trend_tick1_{i}").sceneBoundingRect().center().y() for i, t in enumerate(ticks)}
    mm_per_crime = (tick_y[ticks[0]] - tick_y[ticks[-1]]) / ticks[-1]
    for m in held:
        bar = by_id(layout, f"trend_bar1_{m}").sceneBoundingRect()
        assert abs(bar.height() - per_month[m] * mm_per_crime) < 0.5, m
    text = pdf_text_of(layout, tmp_path / "trend.pdf")
    assert "All crime each month, Sep 2020–May 2021" in text
    for tick in ("Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar", "Apr", "May"):
        assert re.search(rf"\b{tick}\b", text)
    assert "no data" not in text.split("All crime each month")[1].split("Your neighbourhood team")[0]


def test_partial_months_are_marked_on_the_trend_and_not_compared(kent_store, tmp_path):
    """Kent's December 2018 is a partial submission: its bar is hatched in the partial colour, the key
    says so, and a period holding it is not compared. Kent has no stored neighbourhoods: its largest
    rises are by local authority district, never by LSOA name."""
    from crimemap_plugin.core.classify import PARTIAL_DATA
    layout, _layers, briefs = make(kent_store, "kent", end="2019-02", months=1, baseline="previous_period")
    assert briefs[0].trend_months == months("2019-02", 5)
    bar = by_id(layout, "trend_bar1_2018-12")
    symbol = bar.symbol().symbolLayer(0)
    assert symbol.color().name() == QColor(PARTIAL_DATA).name() and symbol.brushStyle() != 1  # not solid
    whole = by_id(layout, "trend_bar1_2019-01").symbol().symbolLayer(0)
    assert whole.brushStyle() == 1
    text = pdf_text_of(layout, tmp_path / "kent.pdf")
    assert "partial month" in text
    assert "Largest rises in all crime, by local authority district" in text
    places = text.split("Largest rises")[1].split("Contains public sector")[0]
    assert not re.search(r"\b\d{3}[A-Z]\b|E0[12]\d{6}", places), "an LSOA name or code"
    assert re.search(r"(Medway|Thanet|Maidstone|Canterbury|Swale|Dover|Gravesham|Dartford|Ashford|Shepway|Sevenoaks|"
                     r"Tonbridge and Malling|Tunbridge Wells): [\d,]+, (up|down) from", flat(places))
    layout, _layers, briefs = make(kent_store, "kent", end="2018-12", months=1, baseline="previous_period")
    assert briefs[0].summary == ("All crime: partial data for December 2018 (the force published part of the "
                                 "month), so not compared")
    assert "partial data" in pdf_text_of(layout, tmp_path / "kent-partial.pdf")


def test_the_designer_export_keeps_text_as_text(store, tmp_path):
    """The layout carries its own PDF text setting, so Export as PDF in the layout designer (which takes
    its settings from the layout) writes text, not outlines."""
    layout, _layers, briefs = make(store, neighbourhood="AA3", end="2021-05", baseline="previous_period")
    assert layout.customProperty("pdfTextFormat") == int(Qgis.TextRenderFormat.AlwaysText)

    def designer_pdf(path):
        settings = QgsLayoutExporter.PdfExportSettings()       # as the designer fills it from the layout
        settings.dpi = layout.renderContext().dpi()
        settings.textRenderFormat = Qgis.TextRenderFormat(int(layout.customProperty("pdfTextFormat", 0)))
        assert QgsLayoutExporter(layout).exportToPdf(str(path), settings) == QgsLayoutExporter.ExportResult.Success
        return pdf_text(path)

    # The title, a table cell, the scale bar's unit and (on the force's page) a map label, a neighbouring
    # force's name: all text.
    drawn_text = ("St Marks (Gloucestershire Constabulary): crime briefing", "Violence and sexual offences", "km")
    text = designer_pdf(tmp_path / "designer.pdf")
    assert all(t in text for t in drawn_text)
    layout.removeCustomProperty("pdfTextFormat")   # without it the designer draws outlines of the letters
    text = designer_pdf(tmp_path / "outlines.pdf")
    assert not any(t in text for t in drawn_text[1:])
    layout, _layers, briefs = make(store, end="2021-05", baseline="previous_period")
    assert "Warwickshire Police" in designer_pdf(tmp_path / "force.pdf")
    layout.removeCustomProperty("pdfTextFormat")
    assert "Warwickshire Police" not in designer_pdf(tmp_path / "force-outlines.pdf")


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



def test_a_batch_as_images_is_one_file_a_page(store, tmp_path):
    """PNG batches: name.png, name_2.png… one whole A4 page each, in the order of the PDF."""
    from crimemap_plugin.layers.layout_items import export
    layouts, _layers, briefs = make(store, every_neighbourhood=True, end="2021-05")
    assert len(layouts) == len(briefs) == 55
    written = export(layouts[:3], str(tmp_path / "batch.png"))
    assert written == [str(tmp_path / name) for name in ("batch.png", "batch_2.png", "batch_3.png")]
    sizes = set()
    for path in written:
        image = QImage(path)
        assert not image.isNull(), path
        sizes.add((image.width(), image.height()))
    assert len(sizes) == 1
    width, height = sizes.pop()
    assert abs(width / height - 297 / 210) < 0.01 or abs(width / height - 210 / 297) < 0.01
    assert [layout.pageCollection().pageCount() for layout in layouts[:3]] == [1, 1, 1]

# -- force pages ---------------------------------------------------------------------------------------
def test_a_force_page_names_its_neighbourhoods(store, tmp_path):
    layout, _layers, briefs = make(store, end="2021-05", baseline="previous_period")
    text = flat(pdf_text_of(layout, tmp_path / "force.pdf"))
    assert "Largest rises in all crime, by neighbourhood" in text
    counted = counts_inside(st_marks_polygon())
    now = sum(n for (m, _c), n in counted.items() if m in PERIOD)
    before = sum(n for (m, _c), n in counted.items() if m in BEFORE)
    q = neighbourhood_q("all-crime")["AA3"]
    line = f"St Marks: {now:,}, up from {before:,} ({pct(now, before)})" + (" — beyond chance" if q < 0.05 else "")
    assert now > before and line in text
    assert "Largest falls in all crime, by neighbourhood" in text


def shared_residents() -> dict:
    with open(shared_data() / "population" / "pfa_population_census2021_derived.csv", newline="") as fh:
        return {r["police_uk_slug"]: int(r["population"]) for r in csv.DictReader(fh)}


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
        assert table_row(text, categories.label(slug))[:4] == [f"{now:,}", f"{before:,}", signed(now - before),
                                                               pct(now, before)], slug
    residents = shared_residents()
    now, before = total(counts, "burglary", months("2025-12", 3)), total(counts, "burglary", months("2024-12", 3))
    text = flat(text)
    assert f"{now / residents['city-of-london'] * 1000:.1f} per 1,000 residents (Census 2021: 8,583)" in text
    # By local authority district: the City's own (its LSOAs are named "City of London 001A"…), counted
    # from the files' LSOA names; the crimes it placed in Westminster, Camden… are not listed.
    district = {0: 0, 1: 0}
    for path in street_files(city_of_london_street()):
        with open(path, newline="", encoding="utf-8-sig") as fh:
            for r in csv.DictReader(fh):
                if r["Crime type"] != "Burglary" or not r["LSOA name"].startswith("City of London "):
                    continue
                side = 0 if r["Month"] in months("2025-12", 3) else 1 if r["Month"] in months("2024-12", 3) else None
                if side is not None:
                    district[side] += 1
    a, b = district[0], district[1]
    assert a != b
    column = flat(pdf_text(out, layout=False))       # the column's own text, in order
    assert f"by local authority district • City of London: {a:,}, {'up' if a > b else 'down'} from {b:,}" in column
    assert "Districts: local authority districts as police.uk's LSOA names give them" in text
    assert not re.search(r"City of London 0\d\d[A-Z]|Westminster|Camden", text), "an LSOA or another district"


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


# -- from the panel ------------------------------------------------------------------------------------
@pytest.fixture()
def bar_messages(monkeypatch):
    said = []
    import crimemap_plugin.ui.briefing as ui_briefing
    real = ui_briefing.log

    def log(message, level=None, bar=False, **kw):
        if bar:
            said.append(message)
        return real(message, *(() if level is None else (level,)), bar=bar, **kw)

    monkeypatch.setattr(ui_briefing, "log", log)
    return said


def test_briefing_from_the_panel_opens_in_the_layout_designer(plugin, qgis_iface, store, tmp_path, monkeypatch):
    """The panel's button: the layout goes into the project with saved layers, for last edits."""
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
    maps = [i for i in layout.items() if isinstance(i, QgsLayoutItemMap)]
    from crimemap_plugin.stores import beside
    folder = str(beside(str(store), "_briefings"))   # beside a GeoPackage; in the profile for PostGIS
    assert maps and all(la.source().startswith(folder) for la in maps[0].layers())
    assert all(QgsProject.instance().mapLayer(la.id()) is not None for la in maps[0].layers())
    out = tmp_path / "edited.pdf"
    from crimemap_plugin.layers.briefing import export
    export(layout, str(out))
    text = pdf_text(out)
    assert "Burglary: March–May 2021 compared with December 2020–February 2021" in text
    assert "Period chosen" not in text                   # the dock's choice, held whole: kept as it is
    # Made again: one layout of that name, and the old one's layers gone from the project.
    before = set(QgsProject.instance().mapLayers())
    panel.briefing_button.click()
    layouts = QgsProject.instance().layoutManager().printLayouts()
    assert [la.name() for la in layouts].count("St Marks (Gloucestershire Constabulary): crime briefing") == 1
    # (its map: the neighbourhood's outline, its 14 burglaries as points, the top locations)
    assert len(set(QgsProject.instance().mapLayers()) - before) == 3 and len(before - set(
        QgsProject.instance().mapLayers())) == 3
    # Saved with the project, the briefing reopens whole: the layout, its PDF setting and its layers.
    project_file = tmp_path / "briefing.qgz"
    assert QgsProject.instance().write(str(project_file))
    QgsProject.instance().clear()
    assert QgsProject.instance().read(str(project_file))
    reopened = QgsProject.instance().layoutManager().layoutByName(
        "St Marks (Gloucestershire Constabulary): crime briefing")
    assert int(reopened.customProperty("pdfTextFormat")) == int(Qgis.TextRenderFormat.AlwaysText)
    maps = [i for i in reopened.items() if isinstance(i, QgsLayoutItemMap)]
    assert [len(m.layers()) for m in maps] == [3]
    assert all(la.isValid() and la.featureCount() > 0 for la in maps[0].layers())
    assert "St Marks" in pdf_text_of(reopened, tmp_path / "reopened.pdf")
    QgsProject.instance().clear()
    settings.DOCK_STATE.set_value("")


def test_the_panel_chooses_months_the_store_holds_and_says_so(plugin, qgis_iface, store, tmp_path, monkeypatch,
                                                              bar_messages):
    """The dock on a month the force has no data for, and a baseline a year back that the store lacks: the
    briefing uses the latest whole months with the previous period, and says so on the page and in the
    message bar. A period longer than anything whole gives no page, and the bar says why."""
    from crimemap_plugin import settings
    from crimemap_plugin.ui.briefing import open_briefing
    monkeypatch.setattr(qgis_iface, "openLayoutDesigner", lambda layout: None, raising=False)
    settings.DOCK_STATE.set_value('{"category": "all-crime", "end": "2025-12", "length": 3, '
                                  '"baseline": "same_period_last_year"}')
    layout = open_briefing(qgis_iface, str(store), "gloucestershire", "AA3")
    text = flat(pdf_text_of(layout, tmp_path / "chosen.pdf"))
    assert "All crime: March–May 2021 compared with December 2020–February 2021" in text
    note = ("Period chosen: the latest 3 months the store holds whole for Gloucestershire Constabulary, compared "
            "with the 3 months before.")
    assert note in text and "The dock's choice (Oct–Dec 2025 against the same months last year)" in text
    assert any(note in m and "March–May 2021 compared with December 2020–February 2021" in m for m in bar_messages)
    bar_messages.clear()
    settings.DOCK_STATE.set_value('{"category": "all-crime", "end": "2021-05", "length": 6, '
                                  '"baseline": "same_period_last_year"}')
    layouts = len(QgsProject.instance().layoutManager().printLayouts())
    assert open_briefing(qgis_iface, str(store), "gloucestershire", "AA3") is None
    assert len(QgsProject.instance().layoutManager().printLayouts()) == layouts
    assert bar_messages and "No briefing for Gloucestershire Constabulary" in bar_messages[0] and \
        "6 whole months" in bar_messages[0]
    settings.DOCK_STATE.set_value("")


def test_long_team_texts_are_cut_to_the_box_and_say_how_many_more(qgis_app):
    from crimemap_plugin.layers.briefing_page import RIGHT_W
    from crimemap_plugin.layers.briefing_sections import fit_sections, sections_mm
    box = 60.0
    long = "Anti-social behaviour around the shops on the high street in the evenings. " * 3
    sections, dropped = fit_sections([("Your neighbourhood team", [f"PC {i} Example, Police Constable" for i in
                                                                   range(6)]),
                                      ("Current priorities", [long + "\nAction: patrols"] * 10),
                                      ("Next events", ["Surgery"] * 3)], RIGHT_W, box, 7.5)
    assert dropped > 0 and [h for h, _ in sections] == ["Your neighbourhood team", "Current priorities",
                                                        "Next events"]
    assert sections_mm(sections, dropped, RIGHT_W, 7.5) <= box
    assert all(body for _, body in sections), "every section keeps at least one line"


# -- `make run` without a display ------------------------------------------------------------------------
def test_the_headless_run_writes_a_map_that_shows_something(tmp_path):
    """scripts/render_headless.py as `make run` runs it without a display: the PNG is zoomed to the
    sample's force (the City's change colour fills much of it, not a hatched England), and the sheet has
    a title and a legend."""
    profiles = tmp_path / "profile"
    profiles.mkdir()
    env = dict(os.environ, CRIMEMAP_STORE=str(tmp_path / "run.gpkg"), PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, str(REPO / "scripts" / "render_headless.py"), str(profiles)], env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    image = QImage(str(profiles / "crimemap-map.png"))
    assert image.width() > 1000 and image.height() > 600
    # City of London, all crime, Oct–Dec 2025 against Oct–Dec 2024, counted from the files: a fall of
    # between 5 % and 10 %, the class drawn in RdBu's light blue (#d1e5f0).
    counts = street_counts(street_files(city_of_london_street()))
    now, before = total(counts, "all-crime", months("2025-12", 3)), total(counts, "all-crime", months("2024-12", 3))
    assert -10 < (now - before) / before * 100 < -5
    shades = Counter(image.pixel(x, y) & 0xFFFFFF for y in range(0, image.height(), 5)
                     for x in range(0, image.width(), 5))
    share = shades[QColor("#d1e5f0").rgb() & 0xFFFFFF] / sum(shades.values())
    assert share > 0.08, share
    assert (profiles / "crimemap-briefing.pdf").exists() and (profiles / "crimemap-briefing.png").exists()


def test_the_map_sheet_has_a_title_a_legend_and_the_force_in_view(sample_store, tmp_path):
    from crimemap_plugin.layers.briefing import export
    from crimemap_plugin.layers.map_sheet import map_sheet
    layout, _layers, _comparison = map_sheet(str(sample_store), "city-of-london")
    text = flat(pdf_text_of(layout, tmp_path / "sheet.pdf"))
    assert "City of London Police: all crime, October–December 2025 compared with October–December 2024" in text
    assert "Change in all crime, Oct–Dec 2025 against Oct–Dec 2024" in text and "down 5% to 10%" in text
    counts = street_counts(street_files(city_of_london_street()))
    now, before = total(counts, "all-crime", months("2025-12", 3)), total(counts, "all-crime", months("2024-12", 3))
    assert f"All crime fell {pct(now, before)[1:]} — {before - now:,} fewer than the same months last year" in text
    extent = by_id(layout, "map1").extent()
    assert extent.width() < 10_000 and extent.height() < 10_000     # metres: the City, not England
    assert export(layout, str(tmp_path / "sheet.png"))
    assert any(isinstance(i, QgsLayoutItemLabel) for i in layout.items())
    assert not any(isinstance(i, QgsLayoutItemShape) and i.id().startswith("trend") for i in layout.items())
