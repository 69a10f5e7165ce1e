# Run inside the real QGIS desktop by tests/e2e/test_desktop.py (qgis --code). Writes its findings
# as JSON to $CRIMEMAP_E2E_OUT and a screenshot beside it, then quits QGIS.
import json
import os
import traceback

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QEvent, QTimer
from qgis.PyQt.QtWidgets import QApplication, QDockWidget
from qgis.utils import active_plugins, iface, loadPlugin, plugins, startPlugin, unloadPlugin

OUT = os.environ["CRIMEMAP_E2E_OUT"]
result = {"steps": []}


def crimemap_objects():
    window = iface.mainWindow()
    names = {w.objectName() for w in window.findChildren(QDockWidget) if w.objectName().startswith("CrimeMap")}
    names |= {a.objectName() for a in window.findChildren(type(iface.actionPan()))
              if a.objectName().startswith("CrimeMap")}
    return sorted(names)


def snapshot(label):
    registry = QgsApplication.processingRegistry()
    result["steps"].append({
        "label": label,
        "active": "crimemap_plugin" in active_plugins,
        "objects": crimemap_objects(),
        "provider": registry.providerById("crimemap") is not None,
        "import_algorithm": registry.algorithmById("crimemap:importcrimes") is not None,
        "layers": sorted(layer.name() for layer in QgsProject.instance().mapLayers().values()),
    })


def finish():
    with open(OUT, "w") as fh:
        json.dump(result, fh, indent=1)
    QgsProject.instance().clear()
    QgsProject.instance().setDirty(False)
    QgsApplication.exit(0)


def check():
    try:
        snapshot("loaded")
        plugin = plugins["crimemap_plugin"]
        plugin.show_dock()
        QApplication.processEvents()
        QTimer.singleShot(1500, after_dock)
    except Exception:
        result["error"] = traceback.format_exc()
        finish()


def after_dock():
    try:
        canvas = iface.mapCanvas()
        layers = QgsProject.instance().mapLayersByName("Police force areas")
        if layers:
            canvas.setDestinationCrs(layers[0].crs())
            canvas.setExtent(layers[0].extent())
        canvas.refresh()
        QApplication.processEvents()
        snapshot("dock shown")
        QTimer.singleShot(1500, shoot)
    except Exception:
        result["error"] = traceback.format_exc()
        finish()


def shoot():
    try:
        iface.mainWindow().grab().save(OUT.replace(".json", ".png"))
        unloadPlugin("crimemap_plugin")
        QApplication.processEvents()
        QgsApplication.sendPostedEvents(None, QEvent.DeferredDelete)
        snapshot("unloaded")
        loadPlugin("crimemap_plugin")
        startPlugin("crimemap_plugin")
        QApplication.processEvents()
        snapshot("reloaded")
    except Exception:
        result["error"] = traceback.format_exc()
    finish()


QTimer.singleShot(1000, check)
