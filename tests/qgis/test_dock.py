"""The comparison dock, driven through its object names; numbers checked against the CSV files."""

import csv
import shutil

import pytest
from qgis.core import QgsProject
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QComboBox, QSpinBox, QTableView

from crimemap_plugin.core.importer import import_path
from crimemap_plugin.layers.common import find_layer
from tests.independent import months, street_counts, street_files, total
from tests.qgis.conftest import open_dock
from tests.shared_data import city_of_london_street

CITY = "E23000034"


def expected(category, month_list, files=None):
    return total(street_counts(files or street_files(city_of_london_street())), category, month_list)


def shown_dock(store, qgis_iface, qtbot, monkeypatch):
    """A dock on `store`, with no remembered choices, shown after QGIS has started; closed after."""
    monkeypatch.setenv("CRIMEMAP_STORE", str(store))
    from crimemap_plugin import settings
    settings.DOCK_STATE.set_value("")
    widget = open_dock(qgis_iface, qtbot)
    yield widget
    widget.teardown()
    settle(qgis_iface)


@pytest.fixture()
def dock(qgis_iface, qtbot, tmp_path, monkeypatch, sample_store):
    store = tmp_path / "store.gpkg"
    shutil.copy(sample_store, store)
    yield from shown_dock(store, qgis_iface, qtbot, monkeypatch)


def settle(iface):
    """Let the canvas finish drawing, then take the comparison layer out of the project, so the next
    test starts from a clean map. Without this, QGIS 3.22 aborted at exit in GDAL's connection pool
    ("double free" closing a pooled dataset) after a test that zoomed the canvas was followed by one
    that replaced the layer; the real desktop test switches levels without it."""
    iface.mapCanvas().waitWhileRendering()
    layer = find_layer("comparison")
    if layer is not None:
        QgsProject.instance().removeMapLayer(layer.id())


def w(dock, cls, name):
    found = dock.findChild(cls, name)
    assert found is not None, name
    return found


def table_rows(table):
    """(area code, [cell texts]) for every row of the results table, in the order shown."""
    model = table.model()
    return [(model.index(r, 0).data(Qt.UserRole + 1),
             [model.index(r, c).data() for c in range(model.columnCount())]) for r in range(model.rowCount())]


def city_row(table):
    for code, row in table_rows(table):
        if code == CITY:
            return row
    raise AssertionError("City of London not in the table")


def test_opens_on_latest_three_months_against_last_year(dock):
    table = w(dock, QTableView, "resultsTable")
    assert w(dock, QComboBox, "periodEndCombo").currentData() == "2025-12"
    assert w(dock, QSpinBox, "periodLengthSpin").value() == 3
    assert w(dock, QComboBox, "baselineCombo").currentText() == "Same period last year"
    assert w(dock, QComboBox, "categoryCombo").currentText() == "All crime"
    assert w(dock, QComboBox, "areaLevelCombo").currentData() == "force"
    row = city_row(table)
    cur, base = expected("all-crime", months("2025-12", 3)), expected("all-crime", months("2024-12", 3))
    assert row[1:4] == [str(cur), str(base), str(cur - base)]
    assert row[4] == f"{(cur - base) / base * 100:.1f}"
    assert table.model().rowCount() == 45   # every force police.uk publishes, BTP and PSNI too
    others = [row[1] for code, row in table_rows(table) if code != CITY]
    assert set(others) == {"no data"}
    layer = find_layer("comparison")
    assert layer is not None and layer.featureCount() == 45   # BTP and PSNI: rows without geometry
    assert "All crime" in layer.name() and "October–December 2025" in layer.name()
    assert len(layer.renderer().rootRule().children()) >= 3
    assert dock.last_update_ms is not None


def test_category_items_in_police_uk_words():
    from crimemap_plugin.ui.dock import category_items
    labels = [text for _, text in category_items()]
    assert labels[:6] == ["All crime", "Burglary", "Robbery", "Violence and sexual offences", "Vehicle crime",
                          "Anti-social behaviour"]
    assert len(labels) == 15 and "Shoplifting" in labels


def test_choosing_burglary_updates_table_map_and_trend(dock, qtbot):
    combo = w(dock, QComboBox, "categoryCombo")
    layer_before = find_layer("comparison")
    with qtbot.waitSignal(dock.updated):
        combo.setCurrentIndex(combo.findData("burglary"))
    row = city_row(w(dock, QTableView, "resultsTable"))
    assert row[1] == str(expected("burglary", months("2025-12", 3)))
    assert row[2] == str(expected("burglary", months("2024-12", 3)))
    layer = find_layer("comparison")
    assert layer is layer_before, "the map layer is updated in place"
    city = next(f for f in layer.getFeatures() if f["area_code"] == CITY)
    assert city["current"] == expected("burglary", months("2025-12", 3)) and city["category"] == "burglary"
    assert "Burglary" in layer.name()
    assert dock.trend.months[-1] == "2025-12" and len(dock.trend.months) == 36
    assert dock.trend.values[-1] == expected("burglary", ["2025-12"])
    assert dock.trend.values[0] is None  # 2023-01: nothing stored, shown as no data


def test_previous_period_and_length(dock, qtbot):
    with qtbot.waitSignal(dock.updated):
        w(dock, QComboBox, "baselineCombo").setCurrentIndex(1)
    with qtbot.waitSignal(dock.updated):
        w(dock, QSpinBox, "periodLengthSpin").setValue(6)
    row = city_row(w(dock, QTableView, "resultsTable"))
    assert row[1] == str(expected("all-crime", months("2025-12", 6)))
    assert row[2] == str(expected("all-crime", months("2025-06", 6)))


def test_area_against_area(dock, qtbot):
    with qtbot.waitSignal(dock.updated):
        w(dock, QComboBox, "baselineCombo").setCurrentIndex(2)
    other = w(dock, QComboBox, "compareAreaCombo")
    assert other.isEnabled()
    with qtbot.waitSignal(dock.updated):
        other.setCurrentIndex(other.findData("E23000005"))
    table = w(dock, QTableView, "resultsTable")
    assert [row[0] for _, row in table_rows(table)] == ["City of London", "Greater Manchester"]
    assert city_row(table)[1] == str(expected("all-crime", months("2025-12", 3)))
    assert "City of London against Greater Manchester" in dock.ui.titleLabel.text()


def test_sorting_copy_and_csv_export(dock, tmp_path, qtbot):
    table = w(dock, QTableView, "resultsTable")
    table.sortByColumn(1, Qt.DescendingOrder)
    assert table_rows(table)[0][0] == CITY
    table.sortByColumn(1, Qt.AscendingOrder)
    assert table_rows(table)[0][0] == CITY, "'no data' sorts last both ways"
    out = tmp_path / "table.csv"
    dock.write_csv(str(out))
    with open(out, newline="") as fh:
        rows = list(csv.DictReader(fh))
    city = next(r for r in rows if r["area_code"] == CITY)
    assert city["Crimes"] == str(expected("all-crime", months("2025-12", 3)))
    assert "," not in city["Crimes"]
    dock.copy_table()
    from qgis.PyQt.QtWidgets import QApplication
    assert QApplication.clipboard().text().splitlines()[0].startswith("area_code\tArea\tCrimes")


def test_row_click_selects_the_area(dock, qtbot):
    table = w(dock, QTableView, "resultsTable")
    r = next(r for r, (code, _) in enumerate(table_rows(table)) if code == CITY)
    table.selectRow(r)
    layer = find_layer("comparison")
    assert [f["area_code"] for f in layer.selectedFeatures()] == [CITY]


def test_state_remembered_between_sessions_and_in_the_project(dock, qgis_iface, qtbot, tmp_path):
    combo = w(dock, QComboBox, "categoryCombo")
    with qtbot.waitSignal(dock.updated):
        combo.setCurrentIndex(combo.findData("robbery"))
    second = open_dock(qgis_iface, qtbot, ready=False)
    try:
        assert second.ui.categoryCombo.currentData() == "robbery"
    finally:
        second.teardown()
    project_file = tmp_path / "briefing.qgz"
    assert QgsProject.instance().write(str(project_file))
    with qtbot.waitSignal(dock.updated):
        combo.setCurrentIndex(combo.findData("drugs"))
    QgsProject.instance().read(str(project_file))
    assert w(dock, QComboBox, "categoryCombo").currentData() == "robbery"
    layer = find_layer("comparison")
    assert layer is not None and layer.featureCount() == 45   # BTP and PSNI: rows without geometry


def test_missing_month_reads_no_data(qgis_iface, qtbot, tmp_path, monkeypatch):
    folder = tmp_path / "gap"
    folder.mkdir()
    for f in street_files(city_of_london_street()):
        if not f.name.startswith("2025-11"):
            shutil.copy(f, folder / f.name)
    store = tmp_path / "gap.gpkg"
    import_path(folder, store)
    monkeypatch.setenv("CRIMEMAP_STORE", str(store))
    from crimemap_plugin import settings
    settings.DOCK_STATE.set_value("")
    dock = open_dock(qgis_iface, qtbot, ready=False)
    try:
        row = city_row(dock.ui.resultsTable)
        assert row[1] == "no data" and row[4] == "no data" and row[7] == "no data"
        assert row[2] == str(expected("all-crime", months("2024-12", 3)))
    finally:
        dock.teardown()


def test_empty_store_offers_sample_and_import(qgis_iface, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("CRIMEMAP_STORE", str(tmp_path / "none.gpkg"))
    dock = open_dock(qgis_iface, qtbot)
    try:
        assert dock.ui.emptyFrame.isVisible() and not dock.ui.compareGroup.isVisible()
        assert dock.ui.loadSampleButton.text() == "Load sample"
        assert dock.ui.importButton.text() == "Import data…"
        assert not (tmp_path / "none.gpkg").exists(), "looking at the dock must not create a store"
    finally:
        dock.teardown()


def test_no_neighbourhood_level_without_neighbourhoods(dock):
    level = w(dock, QComboBox, "areaLevelCombo")
    assert not level.model().item(level.findData("neighbourhood")).isEnabled()


@pytest.fixture()
def neighbourhood_dock(qgis_iface, qtbot, tmp_path, monkeypatch):
    """A dock on a store holding Gloucestershire's neighbourhoods and the real crimes around St Marks."""
    from tests.api_server import imported_force
    from tests.cheltenham import write_street_csvs
    store = imported_force(tmp_path)
    write_street_csvs(tmp_path / "csv")
    import_path(tmp_path / "csv", store)
    yield from shown_dock(store, qgis_iface, qtbot, monkeypatch)


def test_neighbourhood_level(neighbourhood_dock, qtbot):
    from tests.cheltenham import counts_inside, st_marks_polygon
    dock = neighbourhood_dock
    level = w(dock, QComboBox, "areaLevelCombo")
    assert level.model().item(level.findData("neighbourhood")).isEnabled()
    w(dock, QComboBox, "periodEndCombo").setCurrentIndex(w(dock, QComboBox, "periodEndCombo").findData("2021-05"))
    with qtbot.waitSignal(dock.updated):
        w(dock, QComboBox, "baselineCombo").setCurrentIndex(1)
    with qtbot.waitSignal(dock.updated):
        level.setCurrentIndex(level.findData("neighbourhood"))
    table = w(dock, QTableView, "resultsTable")
    assert table.model().rowCount() == 55
    counted = counts_inside(st_marks_polygon())
    row = dict(table_rows(table))["gloucestershire/AA3"]
    assert row[0] == "St Marks"
    assert row[1] == str(sum(n for (m, _), n in counted.items() if m in months("2021-05", 3)))
    assert row[2] == str(sum(n for (m, _), n in counted.items() if m in months("2021-02", 3)))
    layer = find_layer("comparison")
    assert layer.featureCount() == 55 and layer.crs().authid() == "EPSG:4326"
    # Another area: the choice is among neighbourhoods now.
    with qtbot.waitSignal(dock.updated):
        w(dock, QComboBox, "baselineCombo").setCurrentIndex(2)
    other = w(dock, QComboBox, "compareAreaCombo")
    assert other.count() == 55 and other.itemData(0).startswith("gloucestershire/")
    # Back to forces: the force layer again.
    with qtbot.waitSignal(dock.updated):
        level.setCurrentIndex(level.findData("force"))
    assert find_layer("comparison").featureCount() == 45
