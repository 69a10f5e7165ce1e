"""The comparison dock, driven through its object names; numbers checked against the CSV files."""

import csv
import shutil

import pytest
from qgis.core import QgsProject, QgsVectorLayer
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
    """(area code, {column key: cell text}) for every row of the results table, in the order shown."""
    from crimemap_plugin.ui.results import KEYS
    model = table.model()
    return [(model.index(r, 0).data(Qt.ItemDataRole.UserRole + 1),
             {key: model.index(r, c).data() for c, key in enumerate(KEYS)}) for r in range(model.rowCount())]


def signed(n, places=0) -> str:
    """As the table prints a change: a plus for rises, a real minus sign for falls."""
    text = f"{n:+.{places}f}"
    return text.replace("-", "−") if float(text) else f"{0:.{places}f}"


def city_row(table):
    for code, row in table_rows(table):
        if code == CITY:
            return row
    raise AssertionError("City of London not in the table")


def test_opens_on_latest_three_months_against_last_year(dock):
    table = w(dock, QTableView, "resultsTable")
    assert w(dock, QComboBox, "periodEndCombo").currentData() == "2025-12"
    assert w(dock, QSpinBox, "periodLengthSpin").value() == 3
    assert w(dock, QComboBox, "baselineCombo").currentData() == "same_period_last_year"
    assert w(dock, QComboBox, "categoryCombo").currentText() == "All crime"
    assert w(dock, QComboBox, "areaLevelCombo").currentData() == "force"
    row = city_row(table)
    cur, base = expected("all-crime", months("2025-12", 3)), expected("all-crime", months("2024-12", 3))
    assert [row[k] for k in ("current", "baseline", "change")] == [str(cur), str(base), signed(cur - base)]
    assert row["change_pct"] == signed((cur - base) / base * 100, 1)
    assert table.model().rowCount() == 45   # every force police.uk publishes, BTP and PSNI too
    listed = table_rows(table)
    assert listed[0][0] == CITY, "areas with data come first"
    assert {row["current"] for code, row in listed if code != CITY} == {"no data"}
    # The columns that matter are visible at the dock's width: the area, crimes, change % and the test.
    header = table.horizontalHeader()
    from crimemap_plugin.ui.results import column
    assert header.sectionViewportPosition(column("beyond")) + header.sectionSize(column("beyond")) <= \
        table.viewport().width() + 2 or table.viewport().width() < 200
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
    assert row["current"] == str(expected("burglary", months("2025-12", 3)))
    assert row["baseline"] == str(expected("burglary", months("2024-12", 3)))
    layer = find_layer("comparison")
    assert layer is layer_before, "the map layer is updated in place"
    city = next(f for f in layer.getFeatures() if f["area_code"] == CITY)
    assert city["current"] == expected("burglary", months("2025-12", 3)) and city["category"] == "burglary"
    assert "Burglary" in layer.name()
    # Only the months the store covers (24: January 2024 to December 2025), never a run of "no data".
    assert dock.trend.months[0] == "2024-01" and dock.trend.months[-1] == "2025-12" and len(dock.trend.months) == 24
    assert dock.trend.values[-1] == expected("burglary", ["2025-12"])
    assert None not in dock.trend.values


def test_previous_period_and_length(dock, qtbot):
    with qtbot.waitSignal(dock.updated):
        w(dock, QComboBox, "baselineCombo").setCurrentIndex(1)
    with qtbot.waitSignal(dock.updated):
        w(dock, QSpinBox, "periodLengthSpin").setValue(6)
    row = city_row(w(dock, QTableView, "resultsTable"))
    assert row["current"] == str(expected("all-crime", months("2025-12", 6)))
    assert row["baseline"] == str(expected("all-crime", months("2025-06", 6)))


def test_area_against_area(dock, qtbot):
    with qtbot.waitSignal(dock.updated):
        w(dock, QComboBox, "baselineCombo").setCurrentIndex(2)
    other = w(dock, QComboBox, "compareAreaCombo")
    assert other.isVisibleTo(dock)
    with qtbot.waitSignal(dock.updated):
        other.setCurrentIndex(other.findData("E23000005"))
    table = w(dock, QTableView, "resultsTable")
    assert [row["area"] for _, row in table_rows(table)] == ["City of London", "Greater Manchester"]
    assert city_row(table)["current"] == str(expected("all-crime", months("2025-12", 3)))
    title = dock.ui.titleLabel.text()
    assert "City of London against Greater Manchester" in title
    # One source of truth: the map shows a rate, and Map shows says so; the columns about a baseline
    # period go; the title says which months the other area lacks.
    from crimemap_plugin.ui.results import column
    assert w(dock, QComboBox, "measureCombo").currentData() == "rate_per_1000"
    assert find_layer("comparison").customProperty("crimemap/measure") == "rate_per_1000"
    assert all(table.isColumnHidden(column(k)) for k in ("baseline", "change", "change_pct", "beyond"))
    assert "Greater Manchester: no data for Oct 2025, Nov 2025, Dec 2025" in title
    with qtbot.waitSignal(dock.updated):
        w(dock, QComboBox, "baselineCombo").setCurrentIndex(0)
    assert not table.isColumnHidden(column("baseline"))


def test_sorting_copy_and_csv_export(dock, tmp_path, qtbot):
    table = w(dock, QTableView, "resultsTable")
    table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert table_rows(table)[0][0] == CITY
    table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert table_rows(table)[0][0] == CITY, "'no data' sorts last both ways"
    table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert table_rows(table)[0][0] == CITY, "areas with data first, whatever the column"
    out = tmp_path / "table.csv"
    dock.write_csv(str(out))
    with open(out, newline="") as fh:
        rows = list(csv.DictReader(fh))
    city = next(r for r in rows if r["area_code"] == CITY)
    assert city["Crimes"] == str(expected("all-crime", months("2025-12", 3)))
    assert "," not in city["Crimes"]
    cur, base = expected("all-crime", months("2025-12", 3)), expected("all-crime", months("2024-12", 3))
    assert city["Change"] == str(cur - base)   # plain numbers a spreadsheet reads (a hyphen-minus)
    dock.copy_table()
    from qgis.PyQt.QtWidgets import QApplication
    assert QApplication.clipboard().text().splitlines()[0].startswith("area_code\tArea\tCrimes")


def test_row_click_outlines_the_area_never_fills_it(dock, qtbot):
    table = w(dock, QTableView, "resultsTable")
    r = next(r for r, (code, _) in enumerate(table_rows(table)) if code == CITY)
    table.selectRow(r)
    layer = find_layer("comparison")
    assert layer.selectedFeatureCount() == 0, "no selection-yellow over the choropleth"
    bands = dock.highlight.bands
    assert len(bands) == 2 and all(b.fillColor().alpha() == 0 for b in bands)
    city = next(f for f in layer.getFeatures() if f["area_code"] == CITY)
    box = bands[-1].asGeometry().boundingBox()
    canvas_city = dock.highlight._on_canvas(city.geometry(), layer.crs()).boundingBox()
    assert box.width() == pytest.approx(canvas_city.width(), rel=1e-6)
    assert dock._current_code() == CITY


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
        assert row["current"] == "no data" and row["change_pct"] == "no data" and row["beyond"] == "no data"
        assert row["baseline"] == str(expected("all-crime", months("2024-12", 3)))
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
    assert row["area"] == "St Marks"
    assert row["current"] == str(sum(n for (m, _), n in counted.items() if m in months("2021-05", 3)))
    assert row["baseline"] == str(sum(n for (m, _), n in counted.items() if m in months("2021-02", 3)))
    layer = find_layer("comparison")
    assert layer.featureCount() == 55 and layer.crs().authid() == "EPSG:4326"
    # The neighbourhoods drawn and named on the map.
    outlines = find_layer("neighbourhoods")
    assert outlines is not None and outlines.featureCount() == 55 and outlines.labelsEnabled()
    assert outlines.labeling().settings().fieldName == "name"
    # Another area: the choice is among neighbourhoods now.
    with qtbot.waitSignal(dock.updated):
        w(dock, QComboBox, "baselineCombo").setCurrentIndex(2)
    other = w(dock, QComboBox, "compareAreaCombo")
    assert other.count() == 55 and other.itemData(0).startswith("gloucestershire/")
    # Back to forces: the force layer again.
    with qtbot.waitSignal(dock.updated):
        level.setCurrentIndex(level.findData("force"))
    assert find_layer("comparison").featureCount() == 45


def test_legend_lists_what_the_map_shows(dock):
    """One class for the one area with data (never "below x / x and above"), signed labels, no "*",
    no entries for classes nothing falls in."""
    from qgis.core import QgsExpression, QgsExpressionContext, QgsExpressionContextUtils

    from crimemap_plugin.core.classify import classes
    layer = find_layer("comparison")
    labels = [r.label() for r in layer.renderer().rootRule().children()]
    city = next(f for f in layer.getFeatures() if f["area_code"] == CITY)
    (own,) = [c for c in classes("change_pct", [city["change_pct"]]) if c.holds(city["change_pct"])]
    assert labels[0] == own.label and labels[1] == "no data (a month is missing)"
    assert len(labels) == (3 if city["significant"] else 2)
    assert not any("*" in text or "partial" in text or "below" in text for text in labels)
    context = QgsExpressionContext()
    context.appendScopes(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    context.setFeature(city)
    labelling = layer.labeling().settings()
    text = QgsExpression(labelling.fieldName).evaluate(context)
    assert text == signed(city["change_pct"]) + "%"
    # Counts are whole numbers on the map and in the legend.
    with_counts = dock.ui.measureCombo
    with_counts.setCurrentIndex(with_counts.findData("current"))
    layer = find_layer("comparison")
    assert [r.label() for r in layer.renderer().rootRule().children()][0] == f"{city['current']:,}"


def test_a_period_without_the_chosen_area_leaves_no_stale_choice(dock, qtbot):
    """After the period changes so that the chosen area has no data, neither the trend nor Briefing…
    stay on it."""
    table = w(dock, QTableView, "resultsTable")
    r = next(r for r, (code, _) in enumerate(table_rows(table)) if code == CITY)
    table.selectRow(r)
    assert dock._current_code() == CITY and dock.ui.briefingButton.isEnabled()
    # January 2024 against the same month of 2023, which the store does not hold: no area has data
    # for the comparison, and nothing stays chosen.
    ends = w(dock, QComboBox, "periodEndCombo")
    with qtbot.waitSignal(dock.updated):
        w(dock, QSpinBox, "periodLengthSpin").setValue(1)
    with qtbot.waitSignal(dock.updated):
        ends.setCurrentIndex(ends.findData("2024-01"))
    row = city_row(table)
    assert row["current"] != "no data" and row["change_pct"] == "no data"
    # The City still has crimes in the period, so it stays the one the trend shows…
    assert dock._current_code() == CITY
    # …but against another area with no months in common, none is offered for a briefing.
    with qtbot.waitSignal(dock.updated):
        w(dock, QComboBox, "baselineCombo").setCurrentIndex(2)
    assert not dock.ui.briefingButton.isEnabled()


def test_import_offers_files_or_a_folder_remembers_the_place_and_goes_to_the_newest(
        qgis_iface, qtbot, tmp_path, monkeypatch):
    """Several files at once; the dialog opens where the last import was; afterwards the dock shows the
    newest month imported and the map is on the imported force."""
    from qgis.PyQt.QtWidgets import QFileDialog

    from crimemap_plugin import settings
    folder = tmp_path / "downloads"
    folder.mkdir()
    files = sorted(street_files(city_of_london_street()))[:14]   # January 2024 to February 2025
    for f in files:
        shutil.copy(f, folder / f.name)
    monkeypatch.setenv("CRIMEMAP_STORE", str(tmp_path / "new.gpkg"))
    settings.DOCK_STATE.set_value('{"end": "2023-05"}')
    settings.LAST_IMPORT_DIR.set_value(str(tmp_path))
    asked = {}

    def choose(parent, title, start, filters):
        asked["start"] = start
        return [str(folder / f.name) for f in files[-2:]], filters
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(choose))
    dock = open_dock(qgis_iface, qtbot)
    try:
        from crimemap_plugin.layers.boundaries import ensure_force_areas
        ensure_force_areas()
        with qtbot.waitSignal(dock.storeLoaded, timeout=60_000):
            dock.choose_import_files()
            qtbot.waitUntil(lambda: dock.task is None, timeout=60_000)
        assert asked["start"] == str(tmp_path)
        assert settings.LAST_IMPORT_DIR.value() == str(folder)
        assert dock.ui.periodEndCombo.currentData() == "2025-02"
        assert dock.ui.periodEndCombo.count() == 2   # the two files chosen, both imported
        assert dock._current_code() == CITY
        extent = qgis_iface.mapCanvas().extent()
        city = next(f for f in find_layer("force_areas").getFeatures() if f["force"] == "city-of-london")
        box = dock.highlight._on_canvas(city.geometry(), find_layer("force_areas").crs()).boundingBox()
        assert extent.contains(box) and extent.width() < box.width() * 3
        # A whole folder the same way.
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a: str(folder)))
        with qtbot.waitSignal(dock.storeLoaded, timeout=60_000):
            dock.choose_import_folder()
            qtbot.waitUntil(lambda: dock.task is None, timeout=60_000)
        assert dock.ui.periodEndCombo.count() == 14 and dock.ui.periodEndCombo.currentData() == "2025-02"
    finally:
        dock.teardown()
        settle(qgis_iface)


def test_the_views_beside_the_table_follow_the_chosen_area_and_period(dock, qtbot):
    """Where, Outcomes and Stop and search are tabs beside the comparison; the one shown works for the
    area and period the dock shows, and again when they change (the others wait until shown)."""
    from qgis.PyQt.QtWidgets import QTabWidget
    tabs = w(dock, QTabWidget, "viewTabs")
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["Compare", "Where", "Outcomes", "Stop and search"]
    where, outcomes, _ = dock.views
    tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: where.showing_figures(), timeout=60_000)
    assert where.context.area_code == CITY and where.context.period.months == months("2025-12", 3)
    assert outcomes.context is None or outcomes.context != where.context   # not shown: not worked out
    combo = w(dock, QComboBox, "categoryCombo")
    combo.setCurrentIndex(combo.findData("burglary"))
    qtbot.waitUntil(lambda: where.context.category == "burglary" and where.showing_figures(), timeout=60_000)
    tabs.setCurrentIndex(0)


def test_the_collector_is_held_off_during_an_update_and_given_back_after(dock, monkeypatch):
    """No cycle collection inside a dock update; the collector is running again after it, after one
    that failed too, and left off where something else had turned it off."""
    import gc

    from crimemap_plugin.ui import dock as dock_module
    seen = []
    compare = dock_module.compare

    def watched(*args, **kwargs):
        seen.append(gc.isenabled())
        return compare(*args, **kwargs)
    monkeypatch.setattr(dock_module, "compare", watched)
    combo = dock.ui.categoryCombo
    combo.setCurrentIndex(1)
    assert seen == [False] and gc.isenabled()

    def failing(*args, **kwargs):
        raise RuntimeError("a store that cannot be read")
    monkeypatch.setattr(dock_module, "compare", failing)
    combo.setCurrentIndex(2)
    assert gc.isenabled()
    monkeypatch.setattr(dock_module, "compare", watched)
    gc.disable()
    try:
        combo.setCurrentIndex(3)
        assert seen == [False, False] and not gc.isenabled()
    finally:
        gc.enable()


def test_a_projects_comparison_layer_of_an_earlier_version_is_replaced(qgis_iface, qtbot, tmp_path, monkeypatch,
                                                                       sample_store):
    """A project saved with 0.4's comparison layer (a plain table of areas and values, at the path the
    dock uses) is given a current one when the dock next updates: one comparison layer, drawn from
    the view, holding what the table shows."""
    from crimemap_plugin.core.compare import compare
    from crimemap_plugin.core.periods import Period
    from crimemap_plugin.core.store import open_store
    from crimemap_plugin.layers import comparison_file
    from crimemap_plugin.layers.boundaries import comparison_areas
    from crimemap_plugin.layers.common import add_to_group, write_gpkg_layer
    from crimemap_plugin.layers.comparison import build_layer
    store = tmp_path / "store.gpkg"
    shutil.copy(sample_store, store)
    old = tmp_path / "store_comparison.gpkg"   # where the dock keeps the force level's layer
    areas, code_field = comparison_areas("force", str(store))
    with open_store(store, create=False, read_only=True) as s:
        earlier = compare(s, "force", "drugs", Period("2024-06", 1))
    write_gpkg_layer(build_layer(earlier, areas, code_field), str(old), "comparison", new_file=True)
    assert not comparison_file.is_current(str(old))
    add_to_group(QgsVectorLayer(f"{old}|layername=comparison", "old comparison", "ogr"), "comparison")
    widget = next(shown_dock(store, qgis_iface, qtbot, monkeypatch))
    try:
        layers = [layer for layer in QgsProject.instance().mapLayers().values()
                  if layer.customProperty("crimemap/role") == "comparison"]
        assert len(layers) == 1 and layers[0].name() != "old comparison"
        assert layers[0].source().split("|")[0] == str(old) and comparison_file.is_current(str(old))
        shown = {code: row["current"] for code, row in table_rows(widget.ui.resultsTable)}
        drawn = {f["area_code"]: f["current"] for f in layers[0].getFeatures()}
        assert drawn[CITY] is not None and str(drawn[CITY]) == shown[CITY].replace(",", "")
    finally:
        widget.teardown()
        settle(qgis_iface)
