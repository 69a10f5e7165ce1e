"""QGIS ring: pytest-qgis + pytest-qt, headless, isolated profile; the real plugin via classFactory."""

import gc
import os
import sys

import pytest
from osgeo import gdal
from qgis.core import Qgis, QgsApplication, QgsProject
from qgis.PyQt.QtCore import QT_VERSION_STR, QEvent, QObject, pyqtSignal

# The Processing plugin that ships with QGIS (processing.run) lives outside the Python path.
sys.path.append(os.path.join(QgsApplication.pkgDataPath(), "python", "plugins"))


def pytest_report_header(config):
    return (f"QGIS {Qgis.QGIS_VERSION}, GDAL {gdal.__version__}, Qt {QT_VERSION_STR}, "
            f"profile {QgsApplication.qgisSettingsDirPath()}")


class _AppSignals(QObject):
    """Signals of the real QgisInterface that pytest-qgis' fake lacks."""
    initializationCompleted = pyqtSignal()


class IfaceRecorder:
    """Adds what pytest-qgis' fake iface lacks (on 3.22 especially) and records what the plugin
    registers, so tests can check that unload undoes everything."""

    def __init__(self, iface):
        self.iface = iface
        self.menus = {}
        self.toolbar = []
        self.docks = []
        self.options = []
        window = iface.mainWindow()

        def add_menu(name, action):
            self.menus.setdefault(name, []).append(action)

        def remove_menu(name, action):
            self.menus.get(name, []).remove(action)
            if not self.menus.get(name):
                self.menus.pop(name, None)

        def add_dock(area, dock):
            self.docks.append(dock)
            window.addDockWidget(area, dock)

        def remove_dock(dock):
            self.docks.remove(dock)
            window.removeDockWidget(dock)

        self.signals = _AppSignals()
        iface.initializationCompleted = self.signals.initializationCompleted
        iface.addPluginToMenu = add_menu
        iface.removePluginMenu = remove_menu
        iface.addToolBarIcon = self.toolbar.append
        iface.removeToolBarIcon = self.toolbar.remove
        iface.addDockWidget = add_dock
        iface.removeDockWidget = remove_dock
        iface.registerOptionsWidgetFactory = self.options.append
        iface.unregisterOptionsWidgetFactory = self.options.remove

    def registered(self) -> dict:
        return {"menus": sum(len(v) for v in self.menus.values()), "toolbar": len(self.toolbar),
                "docks": len(self.docks), "options": len(self.options)}


@pytest.fixture(scope="session")
def recorder(qgis_iface):
    # Plugins loaded after QGIS has started see a visible main window.
    qgis_iface.mainWindow().show()
    return IfaceRecorder(qgis_iface)


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory):
    """A store of the 24 real City of London months, imported once (tests that write copy it)."""
    from crimemap_plugin.core.importer import import_path
    from tests.shared_data import city_of_london_street
    path = tmp_path_factory.mktemp("sample") / "store.gpkg"
    import_path(city_of_london_street(), path)
    return path


@pytest.fixture()
def store_path(tmp_path, monkeypatch):
    path = tmp_path / "store.gpkg"
    monkeypatch.setenv("CRIMEMAP_STORE", str(path))
    return path


@pytest.fixture()
def plugin(qgis_iface, recorder, store_path):
    import crimemap_plugin
    instance = crimemap_plugin.classFactory(qgis_iface)
    instance.initGui()
    yield instance
    instance.unload()
    QgsProject.instance().clear()
    QgsApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def open_dock(iface, qtbot, ready: bool = True):
    """A CrimeMapDock shown (after QGIS has started, unless ready=False) once it has read its store,
    which it does in a task."""
    from crimemap_plugin.ui.dock import CrimeMapDock
    dock = CrimeMapDock(iface)
    qtbot.addWidget(dock)
    with qtbot.waitSignal(dock.storeLoaded, timeout=60_000):
        if ready:
            dock.set_ready()
        dock.show()
        if not ready:
            dock.refresh()
    return dock


@pytest.fixture(autouse=True)
def _clean_project():
    yield
    # A canvas still drawing a layer that the clearing frees crashes QGIS 3.22 (in GDAL's pool).
    from qgis import utils
    canvas = utils.iface.mapCanvas() if getattr(utils, "iface", None) is not None else None
    if canvas is not None:
        canvas.stopRendering()
        canvas.waitWhileRendering()
    QgsProject.instance().clear()
    os.environ.pop("CRIMEMAP_API_URL", None)
    # An exception raised inside processAlgorithm is printed by sip, which leaves it (and every frame
    # and layer it references) in sys.last_*: drop them and collect now, while QGIS is still up, not
    # at interpreter exit, where freeing an OGR layer after GDAL is gone crashes.
    for name in ("last_type", "last_value", "last_traceback", "last_exc"):
        if hasattr(sys, name):
            setattr(sys, name, None)
    gc.collect()


def pytest_sessionfinish(session, exitstatus):
    """Free what tests left in reference cycles before pytest-qgis shuts QGIS down."""
    for name in ("last_type", "last_value", "last_traceback", "last_exc"):
        if hasattr(sys, name):
            setattr(sys, name, None)
    gc.collect()


@pytest.fixture()
def run_and_load(plugin, qgis_processing, qgis_iface, monkeypatch):
    """processing.runAndLoadResults with a real layer tree view behind the test interface (Processing
    adds loaded outputs to it; the test interface of pytest-qgis has none on recent QGIS)."""
    from qgis.core import QgsLayerTreeModel, QgsProject
    from qgis.gui import QgsLayerTreeView
    view = QgsLayerTreeView()
    model = QgsLayerTreeModel(QgsProject.instance().layerTreeRoot())
    view.setModel(model)
    monkeypatch.setattr(qgis_iface, "layerTreeView", lambda: view, raising=False)
    import processing
    yield processing.runAndLoadResults
    view.setModel(None)
