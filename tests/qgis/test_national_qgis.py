"""The dock, compareperiods, countinpolygons and briefingmap on a real national store: December 2018
for 41 forces (BTP and PSNI among them, Kent's partial month), with Kent and BTP over five months."""

import pytest
from qgis.core import NULL, QgsVectorLayer
from qgis.PyQt.QtCore import Qt

from crimemap_plugin.core.importer import import_path
from crimemap_plugin.layers.boundaries import FORCE_AREAS_PATH
from tests.independent import street_counts, street_files
from tests.qgis.conftest import open_dock
from tests.qgis.test_briefing_qgis import pdf_text
from tests.shared_data import shared_data


def folder(name):
    return shared_data() / "police_uk" / name


def files():
    return sorted({f.name: f for name in ("national-2018-12", "kent-2018-10_2019-02", "btp-2018-10_2019-02")
                   for f in street_files(folder(name))}.values())


def count(force, month, category="all-crime"):
    return sum(n for (f, m, c), n in street_counts(files()).items()
               if f == force and m == month and category in ("all-crime", c))


@pytest.fixture(scope="module")
def national(tmp_path_factory):
    path = tmp_path_factory.mktemp("national") / "national.gpkg"
    for name in ("national-2018-12", "kent-2018-10_2019-02", "btp-2018-10_2019-02"):
        import_path(folder(name), path)
    return path


@pytest.fixture()
def run(plugin, qgis_processing):
    import processing
    return processing.run


def test_compareperiods_lists_every_force_btp_and_psni_without_geometry(run, national, tmp_path):
    out = tmp_path / "national.gpkg"
    result = run("crimemap:compareperiods", {"STORE": str(national), "LEVEL": "force", "END_MONTH": "2019-01",
                                             "MONTHS": 1, "BASELINE": "previous_period", "OUTPUT": str(out)})
    layer = QgsVectorLayer(str(result["OUTPUT"]), "national", "ogr")
    by_code = {f["area_code"]: f for f in layer.getFeatures()}
    assert len(by_code) == 45
    btp, psni, kent = by_code["btp"], by_code["northern-ireland"], by_code["E23000032"]
    for unmapped in (btp, psni):   # no geometry (NULL, or empty where the output format writes one)
        assert not unmapped.hasGeometry() or unmapped.geometry().isEmpty()
    assert not kent.geometry().isEmpty()
    assert (btp["current"], btp["baseline"]) == (count("btp", "2019-01"), count("btp", "2018-12"))
    assert btp["rate_per_1000"] == NULL and btp["complete"]
    # Only BTP is complete: its q-value is its p-value (one test).
    assert btp["q_value"] == pytest.approx(btp["p_value"])
    assert not kent["complete"] and kent["partial_months"] == "2018-12" and kent["significant"] == NULL
    labels = [r.label() for r in layer.renderer().rootRule().children()]
    assert "partial data (a force published part of a month)" in labels


def test_countinpolygons_on_a_national_month_equals_native(run, national):
    crimes = QgsVectorLayer(f"{national}|layername=crimes", "crimes", "ogr")
    crimes.setSubsetString("\"month\" = '2018-12'")
    areas = str(FORCE_AREAS_PATH)
    ours = run("crimemap:countinpolygons", {"STORE": str(national), "POLYGONS": areas, "START_MONTH": "2018-12",
                                            "END_MONTH": "2018-12", "OUTPUT": "memory:"})
    native = run("native:countpointsinpolygon", {"POLYGONS": areas, "POINTS": crimes, "FIELD": "n",
                                                 "OUTPUT": "memory:"})
    mine = {f["force"]: f["crime_count"] for f in ours["OUTPUT"].getFeatures()}
    theirs = {f["force"]: int(f["n"]) for f in native["OUTPUT"].getFeatures()}
    assert mine == theirs and sum(mine.values()) > 300_000


def test_the_dock_lists_btp_and_psni_and_says_partial(qgis_iface, qtbot, national, monkeypatch):
    monkeypatch.setenv("CRIMEMAP_STORE", str(national))
    from crimemap_plugin import settings
    settings.DOCK_STATE.set_value('{"end": "2019-01", "length": 1, "baseline": "previous_period"}')
    dock = open_dock(qgis_iface, qtbot)
    try:
        model = dock.ui.resultsTable.model()
        from crimemap_plugin.ui.results import CODE_ROLE, KEYS
        rows = {model.index(r, 0).data(CODE_ROLE): {k: model.index(r, c).data() for c, k in enumerate(KEYS)}
                for r in range(model.rowCount())}
        assert len(rows) == 45
        btp, kent = rows["btp"], rows["E23000032"]
        assert btp["area"] == "British Transport" and btp["current"] == str(count("btp", "2019-01"))
        assert btp["baseline"] == str(count("btp", "2018-12")) and btp["rate_per_1000"] == "n/a"
        assert rows["northern-ireland"]["area"] == "Police Service of Northern Ireland"
        assert kent["current"] == str(count("kent", "2019-01")) and kent["baseline"] == "partial data"
        assert "not on the map" in dock.ui.titleLabel.text() and "British Transport" in dock.ui.titleLabel.text()
        # Marking Kent's December whole (from the table's menu) compares it.
        fm = next(f for f in dock.store.coverage("street") if (f.force, f.month) == ("kent", "2018-12"))
        with qtbot.waitSignal(dock.updated):
            dock.mark_whole(fm, True, ask=False)
        row = next(model.index(r, 0).row() for r in range(model.rowCount())
                   if model.index(r, 0).data(Qt.ItemDataRole.UserRole + 1) == "E23000032")
        assert model.index(row, KEYS.index("baseline")).data() == str(count("kent", "2018-12"))
        fm = next(f for f in dock.store.coverage("street") if (f.force, f.month) == ("kent", "2018-12"))
        assert fm.overridden
        dock.mark_whole(fm, False, ask=False)
    finally:
        dock.teardown()


def test_briefings_for_kent_and_for_btp(run, national, tmp_path):
    kent = tmp_path / "kent.pdf"
    run("crimemap:briefingmap", {"STORE": str(national), "FORCE": "kent", "END_MONTH": "2019-01", "MONTHS": 1,
                                 "BASELINE": "previous_period", "OUTPUT": str(kent)})
    text = pdf_text(kent)
    assert "Kent Police: crime briefing" in text and "partial data" in text
    btp = tmp_path / "btp.pdf"
    run("crimemap:briefingmap", {"STORE": str(national), "FORCE": "btp", "END_MONTH": "2019-01", "MONTHS": 1,
                                 "BASELINE": "previous_period", "OUTPUT": str(btp)})
    text = pdf_text(btp)
    assert "British Transport Police: crime briefing" in text
    assert "polices the railways" in text
    assert f"{count('btp', '2019-01'):,}" in text
