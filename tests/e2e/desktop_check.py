# Run inside the real QGIS desktop by tests/e2e/test_desktop.py (qgis --code). Drives the plugin as a
# user would, writes its findings as JSON to $CRIMEMAP_E2E_OUT and screenshots beside it, then quits.
import json
import os
import traceback

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QEvent, Qt, QTimer
from qgis.PyQt.QtWidgets import (
    QApplication,
    QComboBox,
    QDockWidget,
    QPushButton,
    QTableView,
    QTextBrowser,
    QWidget,
)

try:   # QAction lives in QtGui from Qt 6; QGIS 3.22's bindings have it in QtWidgets only
    from qgis.PyQt.QtGui import QAction
except ImportError:
    from qgis.PyQt.QtWidgets import QAction
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
    return {model.index(r, 0).data(Qt.ItemDataRole.UserRole + 1):
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


def bar_texts():
    """What the message bar says now (each item's title and text)."""
    return [f"{item.title()}: {item.text()}" for item in iface.messageBar().items()]


def note_bar(where=""):
    for text in bar_texts():
        if text not in result.setdefault("bar", []):
            result["bar"].append(text)
            result.setdefault("bar_seen_at", []).append(where)


def snapshot(label):
    note_bar(label)
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
    if "error" in result:
        QgsApplication.exit(0)
        return

    def dismiss():   # nothing should ask anything on quitting; say what did, and go on
        from qgis.PyQt.QtWidgets import QDialog
        for w in QApplication.topLevelWidgets():
            if w.isVisible() and isinstance(w, QDialog):
                tasks = [t.description() for t in QgsApplication.taskManager().activeTasks()]
                with open(OUT + ".progress", "a") as fh:
                    said = w.text() if hasattr(w, "text") else ""
                    fh.write(f"on quitting: {type(w).__name__} {w.windowTitle()} {said} tasks {tasks}\n")
                w.reject()
                QgsApplication.exit(0)
    QTimer.singleShot(2000, dismiss)
    iface.mainWindow().close()   # as the user quits: QGIS saves the window's docks and their state


CURRENT = ["start"]


def guarded(step):
    def run():
        CURRENT[0] = step.__name__
        with open(OUT + ".progress", "a") as fh:   # how far it got, should QGIS hang
            fh.write(step.__name__ + "\n")
        try:
            step()
        except Exception:
            result["error"] = traceback.format_exc()
            finish()
    return run


@guarded
def start():
    from qgis.core import QgsSettings
    # Strict: QGIS asks which datum transformation to use whenever there is a choice it was not given.
    QgsSettings().setValue("/projections/promptWhenMultipleTransformsExist", True)
    # The whole 1280 x 800 screen, as QGIS opens on a laptop (no window manager runs under Xvfb to
    # maximise it).
    iface.mainWindow().setGeometry(0, 0, 1280, 800)
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


def fits(widget, container):
    """Whether `widget` is wholly inside `container` (not clipped at its right or bottom edge)."""
    from qgis.PyQt.QtCore import QPoint
    top_left = widget.mapTo(container, QPoint(0, 0))
    return (top_left.x() >= 0 and top_left.x() + widget.width() <= container.width() + 1
            and top_left.y() + widget.height() <= container.height() + 1)


def dock_layout():
    """What a user sees of the dock at this window size: its width, which table columns are wholly in
    view, whether the compare controls are clipped, the order of the rows."""
    from crimemap_plugin.ui.results import KEYS
    dock = iface.mainWindow().findChild(QDockWidget, "CrimeMapDock")
    table = dock.findChild(QTableView, "resultsTable")
    header = table.horizontalHeader()
    visible = [k for c, k in enumerate(KEYS) if not table.isColumnHidden(c)
               and header.sectionViewportPosition(c) + header.sectionSize(c) <= table.viewport().width() + 1]
    controls = [w.objectName() for w in dock.findChild(QWidget, "compareGroup").findChildren(QWidget)
                if w.objectName().endswith(("Combo", "Spin")) and w.isVisible()]
    clipped = [name for name in controls if not fits(dock.findChild(QWidget, name), dock)]
    model = table.model()
    order = [model.index(r, 0).data() for r in range(model.rowCount())]
    return {"window": [iface.mainWindow().width(), iface.mainWindow().height()], "dock_width": dock.width(),
            "columns_in_view": visible, "controls": controls, "clipped": clipped,
            "first_rows": order[:3], "title_shown": dock.findChild(QWidget, "titleLabel").isVisible()}


@guarded
def choose_burglary():
    note_bar("all-crime")
    shoot("all-crime")
    result["dock_layout"] = dock_layout()
    dock = iface.mainWindow().findChild(QDockWidget, "CrimeMapDock")
    combo = dock.findChild(QComboBox, "categoryCombo")
    combo.setCurrentIndex(combo.findData("burglary"))
    iface.mapCanvas().refresh()
    QTimer.singleShot(2500, after_burglary)


@guarded
def after_burglary():
    snapshot("burglary")
    shoot("burglary")
    dock = iface.mainWindow().findChild(QDockWidget, "CrimeMapDock")
    table = dock.findChild(QTableView, "resultsTable")
    model = table.model()
    code_role = Qt.ItemDataRole.UserRole + 1
    table.selectRow(next(r for r in range(model.rowCount()) if model.index(r, 0).data(code_role) == CITY))
    QTimer.singleShot(2500, after_row_click)


@guarded
def after_row_click():
    note_bar("row click")
    """The City chosen in the table: outlined on the map, its fill still the comparison's colour."""
    layer = next(la for la in QgsProject.instance().mapLayers().values()
                 if la.customProperty("crimemap/role") == "comparison")
    canvas = iface.mapCanvas()
    image = canvas.grab().toImage()
    city = next(f for f in layer.getFeatures() if f["area_code"] == CITY)
    centre = canvas.mapSettings().layerToMapCoordinates(layer, city.geometry().pointOnSurface().asPoint())
    pixel = canvas.getCoordinateTransform().transform(centre)
    colour = image.pixelColor(int(pixel.x()), int(pixel.y()))
    result["row_click"] = {"selected_features": layer.selectedFeatureCount(),
                           "bands": len(plugins["crimemap_plugin"].dock.highlight.bands),
                           "centre_rgb": [colour.red(), colour.green(), colour.blue()],
                           "extent_width_m": canvas.extent().width()}
    shoot("outline")
    iface.mainWindow().findChild(QAction, "CrimeMapIdentifyAction").trigger()
    # What a click in St Marks, Cheltenham gives the tool (its boundary's mean point, WGS84).
    plugins["crimemap_plugin"].identify_tool.identified.emit(ST_MARKS[0], ST_MARKS[1])
    QTimer.singleShot(1500, after_click)


@guarded
def after_click():
    snapshot("neighbourhood")
    browser = iface.mainWindow().findChild(QTextBrowser, "neighbourhoodText")
    result["steps"][-1]["panel"] = browser.toPlainText() if browser else ""
    window = iface.mainWindow()
    dock = window.findChild(QDockWidget, "CrimeMapDock")
    panel = window.findChild(QDockWidget, "CrimeMapNeighbourhoodDock")
    result["docks"] = {"dock_visible": dock.isVisible() and not dock.visibleRegion().isEmpty(),
                       "panel_visible": panel.isVisible() and not panel.visibleRegion().isEmpty(),
                       "tabified": [d.objectName() for d in window.tabifiedDockWidgets(dock)],
                       "dock_rect": [dock.x(), dock.y(), dock.width(), dock.height()],
                       "panel_rect": [panel.x(), panel.y(), panel.width(), panel.height()],
                       "panel_heading": browser.toPlainText().splitlines()[:2] if browser else []}
    shoot("neighbourhood")
    # "Briefing map…" in the panel: the layout opens in the designer.
    panel = iface.mainWindow().findChild(QDockWidget, "CrimeMapNeighbourhoodDock")
    panel.findChild(QPushButton, "briefingButton").click()
    QTimer.singleShot(3000, after_briefing)


@guarded
def after_briefing():
    note_bar("briefing opened")
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
    # Layout ▸ Export as PDF…, answering its two dialogs as a user would (the file, then the options
    # as the layout gives them).
    pdf = OUT.replace(".json", "-briefing-designer.pdf")
    answered, seen = [], []

    def answer():
        try:
            answer_dialogs()
        except Exception:
            with open(OUT + ".progress", "a") as fh:
                fh.write(traceback.format_exc())

    def answer_dialogs():
        from qgis.PyQt.QtWidgets import QDialog, QDialogButtonBox, QFileDialog
        open_dialogs = [w for w in QApplication.topLevelWidgets() if w.isVisible() and isinstance(w, QDialog)]
        seen.append([type(w).__name__ for w in open_dialogs])
        with open(OUT + ".progress", "a") as fh:
            fh.write(f"dialogs {seen[-1]} modal {type(QApplication.activeModalWidget()).__name__}\n")
        for modal in open_dialogs:
            # Press the dialog's own Save / OK button (its accept() is not public on every dialog).
            if isinstance(modal, QFileDialog):
                modal.selectFile(pdf)
                answered.append("file")
            else:
                answered.append(type(modal).__name__)
            buttons = modal.findChild(QDialogButtonBox)
            button = next((buttons.button(b) for b in (QDialogButtonBox.StandardButton.Save,
                                                        QDialogButtonBox.StandardButton.Ok,
                                                        QDialogButtonBox.StandardButton.Open)
                           if buttons is not None and buttons.button(b) is not None), None)
            if button is not None:
                button.click()
            else:
                modal.done(1)
        if len(answered) < 2 and len(seen) < 30:
            QTimer.singleShot(700, answer)
    QTimer.singleShot(700, answer)
    import faulthandler
    stacks = open(OUT + ".stacks", "w")
    faulthandler.dump_traceback_later(40, file=stacks)
    export = next(a for a in designer.window().findChildren(QAction) if a.objectName() == "mActionExportAsPDF")
    export.trigger()   # returns once the export is written (the dialogs are modal)
    # The designer may keep its own suggested file name in the folder chosen: take what it wrote.
    folder = os.path.dirname(pdf)
    written = sorted((f for f in os.listdir(folder) if f.lower().endswith(".pdf")),
                     key=lambda f: os.path.getmtime(os.path.join(folder, f)))
    note_bar("designer export")
    result["designer_export"] = {"answered": answered, "seen": seen,
                                 "pdf": os.path.join(folder, written[-1]) if written else pdf}
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
    note_bar("neighbourhood level")
    from qgis.core import QgsCoordinateReferenceSystem as Crs
    pair = (Crs("EPSG:27700"), Crs("EPSG:4326"))
    result["contexts"] = {
        "project": bool(QgsProject.instance().transformContext().calculateCoordinateOperation(*pair)),
        "canvas": bool(iface.mapCanvas().mapSettings().transformContext().calculateCoordinateOperation(*pair))}
    dock = iface.mainWindow().findChild(QDockWidget, "CrimeMapDock")
    rows = table_rows(dock)
    layer = next(la for la in QgsProject.instance().mapLayers().values()
                 if la.customProperty("crimemap/role") == "comparison")
    outlines = [la for la in QgsProject.instance().mapLayers().values()
                if la.customProperty("crimemap/role") == "neighbourhoods"]
    result["neighbourhood_level"] = {"rows": len(rows), "st_marks": rows.get("gloucestershire/AA3"),
                                     "layer_features": layer.featureCount(), "layer_name": layer.name(),
                                     "outlines": [la.featureCount() for la in outlines]}
    canvas = iface.mapCanvas()
    # Cheltenham at a street scale: St Marks and its neighbours.
    st_marks = next(f for f in layer.getFeatures() if f["area_code"] == "gloucestershire/AA3")
    box = canvas.mapSettings().layerExtentToOutputExtent(layer, st_marks.geometry().boundingBox())
    box.scale(3.0)
    canvas.setExtent(box)
    canvas.refresh()
    QTimer.singleShot(3000, after_neighbourhood_level)


@guarded
def after_neighbourhood_level():
    note_bar()
    shoot("neighbourhood-level")
    labels = iface.mapCanvas().labelingResults()
    result["neighbourhood_level"]["labels"] = sorted({p.labelText for p in labels.allLabels()}) if labels else []
    # Save the project at neighbourhood level and open it again: QGIS must neither ask which datum
    # transformation to use nor warn that its preferred one is missing.
    path = OUT.replace(".json", ".qgz")
    QgsProject.instance().write(path)
    QgsProject.instance().clear()
    iface.messageBar().clearWidgets()
    asked = []

    def watch():
        from qgis.PyQt.QtWidgets import QDialog
        for w in QApplication.topLevelWidgets():
            if w.isVisible() and isinstance(w, QDialog):
                asked.append(w.windowTitle() or type(w).__name__)
                w.reject()
    for delay in (500, 1500, 3000):
        QTimer.singleShot(delay, watch)
    QgsProject.instance().read(path)
    result["reopened"] = {"asked": asked, "layers": len(QgsProject.instance().mapLayers()),
                          "crs": QgsProject.instance().crs().authid()}
    QTimer.singleShot(3500, guarded(after_reopen))


@guarded
def after_reopen():
    result["reopened"]["bar"] = bar_texts()
    note_bar()
    unload_and_reload()


def unload_and_reload():
    unloadPlugin("crimemap_plugin")
    QApplication.processEvents()
    QgsApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    snapshot("unloaded")
    loadPlugin("crimemap_plugin")
    startPlugin("crimemap_plugin")
    QApplication.processEvents()
    snapshot("reloaded")
    finish()


# The message bar watched all along (a warning from a drawing thread arrives a little later).
WATCH = QTimer()
WATCH.timeout.connect(lambda: note_bar(CURRENT[0]))
WATCH.start(250)
QTimer.singleShot(1500, start)
