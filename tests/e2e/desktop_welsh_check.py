# Run inside the real QGIS desktop by tests/e2e/test_desktop_welsh.py (qgis --code): QGIS has started in
# Welsh (the profile's locale/userLocale is cy_GB) with the plugin on the store named by CRIMEMAP_STORE.
# Once the dock has read its store and shows its comparison, records every text the dock shows (with
# where it is shown), screenshots the window, makes the City of London's burglary briefing for the
# month named by CRIMEMAP_E2E_END and exports it to PDF, gathers QGIS's message log, and quits.
import json
import os
import traceback

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import Qt, QTimer
from qgis.PyQt.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QToolButton,
    QWidget,
)
from qgis.utils import active_plugins, iface

OUT = os.environ["CRIMEMAP_E2E_OUT"]
SHOT = os.environ["CRIMEMAP_E2E_SHOT"]
PDF = os.environ["CRIMEMAP_E2E_PDF"]
END = os.environ["CRIMEMAP_E2E_END"]
STORE = os.environ["CRIMEMAP_STORE"]
result = {"log": []}
waited = [0]
kept = []   # the briefing's layout and layers, alive until QGIS quits


def dock():
    return iface.mainWindow().findChild(QDockWidget, "CrimeMapDock")


def note_log(message, tag, _level):
    result["log"].append(f"{tag}: {message}")


def finish():
    # Everything QGIS's Log Messages panel holds (from start-up on, before this script ran too), one text
    # a tab.
    panel = iface.mainWindow().findChild(QDockWidget, "MessageLog")
    result["log_panel"] = [edit.toPlainText() for edit in panel.findChildren(QPlainTextEdit)] if panel else None
    # A Python error with no active window (none under Xvfb) opens QGIS's stack-trace dialog.
    result["dialogs"] = [w.windowTitle() or type(w).__name__ for w in QApplication.topLevelWidgets()
                         if w.isVisible() and isinstance(w, QDialog)]
    result["bar"] = [f"{item.title()}: {item.text()}" for item in iface.messageBar().items()]
    with open(OUT, "w") as fh:
        json.dump(result, fh, indent=1, ensure_ascii=False)
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
    QgsApplication.messageLog().messageReceived.connect(note_log)
    iface.mainWindow().setGeometry(0, 0, 1280, 800)   # a laptop's screen (no window manager under Xvfb)
    result["active"] = "crimemap_plugin" in active_plugins
    QTimer.singleShot(500, wait_for_dock)


def ready(d) -> bool:
    """The dock has read its store and filled its table."""
    if d is None or d._open_task is not None or d.store is None:
        return False
    table = d.findChild(QTableView, "resultsTable")
    return table is not None and table.model().rowCount() > 0


@guarded
def wait_for_dock():
    d = dock()
    if not ready(d) and waited[0] < 100:
        waited[0] += 1
        QTimer.singleShot(300, wait_for_dock)
        return
    result["ready"] = ready(d)
    QTimer.singleShot(1500, record)   # the map and the trend settle


def shown_texts(d) -> list:
    """[where, text] for every text the dock shows: its title, labels, buttons (and their menus), group
    titles, choices (and their tips), tabs, placeholders, tooltips, the table's headers and cells."""
    texts = [["title", d.windowTitle()]]
    for widget in d.findChildren(QWidget):
        name = widget.objectName() or type(widget).__name__
        if widget.toolTip():
            texts.append([f"{name}.toolTip", widget.toolTip()])
        if isinstance(widget, (QLabel, QAbstractButton)) and widget.text():
            texts.append([f"{name}.text", widget.text()])
        if isinstance(widget, QToolButton) and widget.menu() is not None:
            texts += [[f"{name}.menu", a.text()] for a in widget.menu().actions() if a.text()]
        if isinstance(widget, QGroupBox) and widget.title():
            texts.append([f"{name}.title", widget.title()])
        if isinstance(widget, QLineEdit) and widget.placeholderText():
            texts.append([f"{name}.placeholder", widget.placeholderText()])
        if isinstance(widget, QComboBox):
            for i in range(widget.count()):
                texts.append([f"{name}.item", widget.itemText(i)])
                tip = widget.itemData(i, Qt.ItemDataRole.ToolTipRole)
                if isinstance(tip, str) and tip:
                    texts.append([f"{name}.itemTip", tip])
        if isinstance(widget, QTabWidget):
            texts += [[f"{name}.tab", widget.tabText(i)] for i in range(widget.count())]
            texts += [[f"{name}.tabTip", widget.tabToolTip(i)] for i in range(widget.count())
                      if widget.tabToolTip(i)]
    model = d.findChild(QTableView, "resultsTable").model()
    for c in range(model.columnCount()):
        texts.append(["resultsTable.header", model.headerData(c, Qt.Orientation.Horizontal) or ""])
        tip = model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        if isinstance(tip, str) and tip:
            texts.append(["resultsTable.headerTip", tip])
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            texts.append(["resultsTable.cell", str(model.index(r, c).data() or "")])
            tip = model.index(r, c).data(Qt.ItemDataRole.ToolTipRole)
            if isinstance(tip, str) and tip:
                texts.append(["resultsTable.cellTip", tip])
    return [t for t in texts if isinstance(t[1], str) and t[1].strip()]


def layer_tree() -> list:
    """[name, legend labels] of the groups and layers in the project's layer tree (beside the dock: for
    the record, as what the plugin adds there is in the user's language too)."""
    rows = []
    for node in QgsProject.instance().layerTreeRoot().findLayers():
        layer = node.layer()
        renderer = layer.renderer() if hasattr(layer, "renderer") else None
        labels = [item.label() for item in renderer.legendSymbolItems()] if renderer is not None else []
        rows.append([node.name(), labels])
    rows += [[group.name(), []] for group in QgsProject.instance().layerTreeRoot().findGroups()]
    return rows


@guarded
def record():
    d = dock()
    result["dock"] = d is not None
    if d is not None:
        result["title"] = d.windowTitle()
        tabs = d.ui.viewTabs
        result["tabs"] = [tabs.tabText(i) for i in range(tabs.count())]
        result["texts"] = shown_texts(d)
    result["layer_tree"] = layer_tree()
    iface.mainWindow().grab().save(SHOT)
    QTimer.singleShot(100, briefing)


@guarded
def briefing():
    from crimemap_plugin.layers.briefing import make_briefings
    from crimemap_plugin.layers.layout_items import export
    layout, layers, _briefs = make_briefings(STORE, "city-of-london", category="burglary", end=END)
    kept.append((layout, layers))
    result["pdf_files"] = export(layout, PDF)
    finish()


QTimer.singleShot(1500, start)
