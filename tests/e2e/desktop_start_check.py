# Run inside the real QGIS desktop by tests/e2e/test_desktop_start.py (qgis --code): QGIS has started
# with the plugin on the store named by CRIMEMAP_STORE. Records whether the plugin is active with its
# dock, what the dock says, the table's rows (after choosing January 2019 against the month before when
# the store has data), dialogs and message-bar items; takes a screenshot; quits.
import json
import os
import traceback

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import Qt, QTimer
from qgis.PyQt.QtWidgets import QApplication, QComboBox, QDialog, QDockWidget, QLabel, QMessageBox, QSpinBox, QTableView
from qgis.utils import active_plugins, iface

OUT = os.environ["CRIMEMAP_E2E_OUT"]
result = {}
waited = [0]


def dock():
    return iface.mainWindow().findChild(QDockWidget, "CrimeMapDock")


def dialogs():
    return [w.windowTitle() or type(w).__name__ for w in QApplication.topLevelWidgets()
            if w.isVisible() and isinstance(w, (QDialog, QMessageBox))]


def bar_items():
    return [f"{item.title()}: {item.text()}" for item in iface.messageBar().items()]


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
    # The whole 1280 x 800 screen, as QGIS opens on a laptop (no window manager runs under Xvfb to
    # maximise it).
    iface.mainWindow().setGeometry(0, 0, 1280, 800)
    result["active"] = "crimemap_plugin" in active_plugins
    result["dock"] = dock() is not None
    QTimer.singleShot(500, wait_for_store)


@guarded
def wait_for_store():
    d = dock()
    if d is not None and d._open_task is not None and waited[0] < 120:
        waited[0] += 1
        QTimer.singleShot(500, wait_for_store)
        return
    result["dock_visible"] = bool(d and d.isVisible())
    result["summary"] = d.findChild(QLabel, "storeSummaryLabel").text() if d else ""
    if d is not None and d.store is not None:
        ends = d.findChild(QComboBox, "periodEndCombo")
        d.findChild(QSpinBox, "periodLengthSpin").setValue(1)
        baseline = d.findChild(QComboBox, "baselineCombo")
        baseline.setCurrentIndex(baseline.findData("previous_period"))
        ends.setCurrentIndex(ends.findData("2019-01"))
    QTimer.singleShot(2500, record)


@guarded
def record():
    d = dock()
    rows = {}
    if d is not None:
        from crimemap_plugin.ui.results import KEYS  # the plugin is loaded by now
        model = d.findChild(QTableView, "resultsTable").model()
        rows = {model.index(r, 0).data(Qt.ItemDataRole.UserRole + 1):
                {KEYS[c]: model.index(r, c).data() for c in range(model.columnCount())}
                for r in range(model.rowCount())}
        result["title"] = d.findChild(QLabel, "titleLabel").text()
    result["rows"] = rows
    result["dialogs"] = dialogs()
    result["bar"] = bar_items()
    result["still_active"] = "crimemap_plugin" in active_plugins
    iface.mainWindow().grab().save(OUT.replace(".json", ".png"))
    finish()


QTimer.singleShot(1500, start)
