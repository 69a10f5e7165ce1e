# Run inside the real QGIS desktop by tests/e2e/test_desktop.py (qgis --code). Drives the plugin as a
# user would, writes its findings as JSON to $CRIMEMAP_E2E_OUT and screenshots beside it, then quits.
import json
import os
import traceback

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QEvent, Qt, QTimer
from qgis.PyQt.QtWidgets import (
    QAction,
    QApplication,
    QComboBox,
    QDockWidget,
    QPushButton,
    QTableView,
    QTextBrowser,
)
from qgis.utils import active_plugins, iface, loadPlugin, plugins, startPlugin, unloadPlugin

OUT = os.environ["CRIMEMAP_E2E_OUT"]
ST_MARKS = tuple(float(v) for v in os.environ["CRIMEMAP_E2E_POINT"].split(","))
result = {"steps": []}
CITY = "E23000034"


def crimemap_objects():
    window = iface.mainWindow()
    names = {w.objectName() for w in window.findChildren(QDockWidget) if w.objectName().startswith("CrimeMap")}
    names |= {a.objectName() for a in window.findChildren(type(iface.actionPan()))
              if a.objectName().startswith("CrimeMap")}
    return sorted(names)


def table_rows(dock):
    """Area code (the rows' Qt.UserRole + 1) -> the cell texts of the dock's results table."""
    from crimemap_plugin.ui.results import KEYS  # the plugin is loaded by now
    model = dock.findChild(QTableView, "resultsTable").model()
    return {model.index(r, 0).data(Qt.UserRole + 1):
                {KEYS[c]: model.index(r, c).data() for c in range(model.columnCount())}
            for r in range(model.rowCount())}


def comparison_state():
    dock = iface.mainWindow().findChild(QDockWidget, "CrimeMapDock")
    state = {}
    if dock is None:
        return state
    rows = table_rows(dock)
    if CITY in rows:
        state["city_row"] = rows[CITY]
    state["category"] = dock.findChild(QComboBox, "categoryCombo").currentText()
    for layer in QgsProject.instance().mapLayers().values():
        if layer.customProperty("crimemap/role") == "comparison":
            state["layer_name"] = layer.name()
            state["classes"] = [r.label() for r in layer.renderer().rootRule().children()]
            city = [f for f in layer.getFeatures() if f["area_code"] == CITY]
            state["layer_city_current"] = city[0]["current"] if city else None
    return state


def snapshot(label):
    registry = QgsApplication.processingRegistry()
    result["steps"].append({
        "label": label,
        "active": "crimemap_plugin" in active_plugins,
        "objects": crimemap_objects(),
        "provider": registry.providerById("crimemap") is not None,
        "algorithms": sorted(a.id() for a in registry.algorithms() if a.provider().id() == "crimemap"),
        "layers": sorted(layer.name() for layer in QgsProject.instance().mapLayers().values()),
        "comparison": comparison_state(),
    })


def shoot(name):
    iface.mainWindow().grab().save(OUT.replace(".json", f"-{name}.png"))


def finish():
    with open(OUT, "w") as fh:
        json.dump(result, fh, indent=1)
    QgsProject.instance().clear()
    QgsProject.instance().setDirty(False)
    QgsApplication.exit(0)


def guarded(step):
    def run():
        try:
            step()
        except Exception:
            result["error"] = traceback.format_exc()
            finish()
    return run


@guarded
def start():
    iface.mainWindow().showMaximized()
    snapshot("loaded")
    plugins["crimemap_plugin"].show_dock()
    QTimer.singleShot(2500, show_comparison)


@guarded
def show_comparison():
    canvas = iface.mapCanvas()
    layers = QgsProject.instance().mapLayersByName("Police force areas")
    if layers:
        canvas.setExtent(layers[0].extent())
    canvas.refresh()
    snapshot("dock shown")
    QTimer.singleShot(2500, choose_burglary)


@guarded
def choose_burglary():
    shoot("all-crime")
    dock = iface.mainWindow().findChild(QDockWidget, "CrimeMapDock")
    combo = dock.findChild(QComboBox, "categoryCombo")
    combo.setCurrentIndex(combo.findData("burglary"))
    iface.mapCanvas().refresh()
    QTimer.singleShot(2500, after_burglary)


@guarded
def after_burglary():
    snapshot("burglary")
    shoot("burglary")
    iface.mainWindow().findChild(QAction, "CrimeMapIdentifyAction").trigger()
    # What a click in St Marks, Cheltenham gives the tool (its boundary's mean point, WGS84).
    plugins["crimemap_plugin"].identify_tool.identified.emit(ST_MARKS[0], ST_MARKS[1])
    QTimer.singleShot(1500, after_click)


@guarded
def after_click():
    snapshot("neighbourhood")
    browser = iface.mainWindow().findChild(QTextBrowser, "neighbourhoodText")
    result["steps"][-1]["panel"] = browser.toPlainText() if browser else ""
    shoot("neighbourhood")
    # "Briefing map…" in the panel: the layout opens in the designer.
    panel = iface.mainWindow().findChild(QDockWidget, "CrimeMapNeighbourhoodDock")
    panel.findChild(QPushButton, "briefingButton").click()
    QTimer.singleShot(3000, after_briefing)


@guarded
def after_briefing():
    from qgis.core import QgsLayoutItemMap
    designers = iface.openLayoutDesigners()
    layouts = QgsProject.instance().layoutManager().printLayouts()
    result["briefing"] = {"designers": [d.layout().name() for d in designers],
                          "layouts": [la.name() for la in layouts],
                          "maps_with_layers": [len(i.layers()) for la in layouts for i in la.items()
                                               if isinstance(i, QgsLayoutItemMap)]}
    if designers:
        window = designers[0].window()
        window.showMaximized()
        QApplication.processEvents()
        designers[0].view().zoomFull()
        QTimer.singleShot(2000, lambda: guarded(shoot_designer)())
    else:
        QTimer.singleShot(100, guarded(neighbourhood_level_start))


def shoot_designer():
    designer = iface.openLayoutDesigners()[0]
    designer.window().grab().save(OUT.replace(".json", "-briefing-designer.png"))
    designer.close()
    QTimer.singleShot(500, guarded(neighbourhood_level_start))


def neighbourhood_level_start():
    # The comparison at neighbourhood level: St Marks and its neighbours, March-May 2021 against the
    # three months before.
    dock = iface.mainWindow().findChild(QDockWidget, "CrimeMapDock")
    dock.raise_()
    ends = dock.findChild(QComboBox, "periodEndCombo")
    ends.setCurrentIndex(ends.findData("2021-05"))
    baseline = dock.findChild(QComboBox, "baselineCombo")
    baseline.setCurrentIndex(baseline.findData("previous_period"))
    level = dock.findChild(QComboBox, "areaLevelCombo")
    level.setCurrentIndex(level.findData("neighbourhood"))
    QTimer.singleShot(1500, neighbourhood_level)


@guarded
def neighbourhood_level():
    dock = iface.mainWindow().findChild(QDockWidget, "CrimeMapDock")
    rows = table_rows(dock)
    layer = next(la for la in QgsProject.instance().mapLayers().values()
                 if la.customProperty("crimemap/role") == "comparison")
    result["neighbourhood_level"] = {"rows": len(rows), "st_marks": rows.get("gloucestershire/AA3"),
                                     "layer_features": layer.featureCount(), "layer_name": layer.name()}
    canvas = iface.mapCanvas()
    canvas.setExtent(canvas.mapSettings().layerExtentToOutputExtent(layer, layer.extent()))
    canvas.refresh()
    QTimer.singleShot(2500, after_neighbourhood_level)


@guarded
def after_neighbourhood_level():
    shoot("neighbourhood-level")
    unloadPlugin("crimemap_plugin")
    QApplication.processEvents()
    QgsApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    snapshot("unloaded")
    loadPlugin("crimemap_plugin")
    startPlugin("crimemap_plugin")
    QApplication.processEvents()
    snapshot("reloaded")
    finish()


QTimer.singleShot(1500, start)
