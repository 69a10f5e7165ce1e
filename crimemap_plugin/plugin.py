"""The plugin class: it only wires things together (actions, dock, provider, options page)."""

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import Qt, QThread, QTimer
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QDockWidget

try:   # QAction lives in QtGui from Qt 6; QGIS 3.22's bindings have it in QtWidgets only
    from qgis.PyQt.QtGui import QAction
except ImportError:
    from qgis.PyQt.QtWidgets import QAction

from . import about, i18n, log, settings
from .i18n import tr

MENU = "&Crime Map"
DOCK_WIDTH = 400   # pixels: the area, crimes, change % and the test in view at 1280 x 800


class CrimeMapPlugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.dock = None
        self.actions = []
        self.options_factory = None
        self._waiting_for_start = False
        self.identify_action = None
        self.identify_tool = None
        self.neighbourhood_dock = None

    # Processing only (qgis_process and the Processing framework call this without initGui)
    def initProcessing(self):  # noqa: N802
        i18n.install()  # before the algorithms build their parameters (QGIS calls this before initGui)
        if self.provider is None:
            from .processing.provider import CrimeMapProvider
            self.provider = CrimeMapProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):  # noqa: N802
        log.install(self.iface)
        i18n.install()
        self.initProcessing()
        from .ui.dock import CrimeMapDock
        from .ui.options import CrimeMapOptionsFactory

        self.dock = CrimeMapDock(self.iface, self.iface.mainWindow())
        self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        # Only the user's own closing of the dock is remembered (its close button, or the toolbar
        # button): a dock hidden behind another, or by QGIS closing, opens again next time.
        self.dock.setVisible(settings.DOCK_VISIBLE.value())
        self.dock.closed.connect(lambda: self._remember_visibility(False))
        self.dock.briefingRequested.connect(self.open_briefing)
        # While QGIS starts (no event loop running yet) it creates its start-up project after loading
        # plugins: layers added before then would dirty it and make QGIS ask to save. Wait for the
        # end of start-up; a plugin enabled later from the Plugin Manager is ready at once.
        if QThread.currentThread().loopLevel() > 0:
            self.dock.set_ready()
            QTimer.singleShot(0, self._first_width)
        else:
            self.iface.initializationCompleted.connect(self.dock.set_ready)
            self.iface.initializationCompleted.connect(self._first_width)
            self._waiting_for_start = True

        toggle = self.dock.toggleViewAction()
        toggle.triggered.connect(self._remember_visibility)
        toggle.setIcon(QIcon(about.icon_path()))
        toggle.setText(tr("Crime Map"))
        toggle.setObjectName("CrimeMapDockAction")
        self.iface.addToolBarIcon(toggle)
        self.iface.addPluginToMenu(MENU, toggle)
        self.actions.append(toggle)

        self.options_factory = CrimeMapOptionsFactory()
        self.iface.registerOptionsWidgetFactory(self.options_factory)

        identify = QAction(QIcon(about.icon_path("identify.svg")), tr("Neighbourhood team at a point"),
                           self.iface.mainWindow())
        identify.setObjectName("CrimeMapIdentifyAction")
        identify.setCheckable(True)
        identify.triggered.connect(self.start_identify)
        self.iface.addToolBarIcon(identify)
        self.iface.addPluginToMenu(MENU, identify)
        self.actions.append(identify)
        self.identify_action = identify

    def unload(self):
        if self.identify_tool is not None:
            canvas = self.iface.mapCanvas()
            if canvas.mapTool() is self.identify_tool:
                canvas.unsetMapTool(self.identify_tool)
            self.identify_tool.deleteLater()
            self.identify_tool = None
        if self.neighbourhood_dock is not None:
            self.iface.mainWindow().removeDockWidget(self.neighbourhood_dock)   # added to the window itself
            self.neighbourhood_dock.deleteLater()
            self.neighbourhood_dock = None
        for action in self.actions:
            self.iface.removePluginMenu(MENU, action)
            self.iface.removeToolBarIcon(action)
            if action is self.identify_action:
                action.deleteLater()
        self.actions = []
        self.identify_action = None
        if self.options_factory is not None:
            self.iface.unregisterOptionsWidgetFactory(self.options_factory)
            self.options_factory = None
        if self.dock is not None:
            if self._waiting_for_start:
                self.iface.initializationCompleted.disconnect(self.dock.set_ready)
                self.iface.initializationCompleted.disconnect(self._first_width)
                self._waiting_for_start = False
            self.dock.teardown()
            # Closed by the unload (QGIS quitting, or the Plugin Manager), not by the user: not remembered.
            self.dock.closed.disconnect()
            self.iface.removeDockWidget(self.dock)
            self.dock.close()
            self.dock.deleteLater()
            self.dock = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        log.uninstall()
        i18n.uninstall()

    def start_identify(self):
        """Switch to the neighbourhood identify tool (created, with its panel, on first use)."""
        from .ui.neighbourhood_panel import CrimeMapNeighbourhoodDock, NeighbourhoodIdentifyTool
        if self.identify_tool is None:
            self.identify_tool = NeighbourhoodIdentifyTool(self.iface.mapCanvas())
            self.identify_tool.setAction(self.identify_action)
            self.neighbourhood_dock = CrimeMapNeighbourhoodDock(self.iface.mainWindow(), self.iface.mapCanvas())
            self._place_panel(self.neighbourhood_dock)
            self.identify_tool.identified.connect(self.neighbourhood_dock.show_at)
            self.neighbourhood_dock.briefingRequested.connect(self.open_briefing)
        self.iface.mapCanvas().setMapTool(self.identify_tool)
        self.neighbourhood_dock.show()
        self.neighbourhood_dock.raise_()

    def _place_panel(self, panel) -> None:
        """The neighbourhood panel beside the comparison, never a tab over it: on the left, as a tab
        beside QGIS's Browser (or below the Layers panel), so the dock keeps its full height for the
        table and the trend; below the dock when neither is on the left."""
        window = self.iface.mainWindow()
        left = Qt.DockWidgetArea.LeftDockWidgetArea

        def on_left(name):
            dock = window.findChild(QDockWidget, name)
            ok = dock is not None and dock.isVisible() and not dock.isFloating() and window.dockWidgetArea(dock) == left
            return dock if ok else None
        browser, layers = on_left("Browser"), on_left("Layers")
        if browser is not None:
            window.addDockWidget(left, panel)
            window.tabifyDockWidget(browser, panel)
            if layers is not None:   # room for the team and its priorities; the layer list keeps the rest
                QTimer.singleShot(0, lambda: window.resizeDocks([panel, layers], [60, 40], Qt.Orientation.Vertical))
        elif layers is not None:
            window.addDockWidget(left, panel)
            window.splitDockWidget(layers, panel, Qt.Orientation.Vertical)
        else:
            window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, panel)
            if self.dock is not None:
                if not self.dock.isVisible():
                    self.dock.show()
                window.splitDockWidget(self.dock, panel, Qt.Orientation.Vertical)

    def open_briefing(self, store_path: str, force: str, neighbourhood: str = ""):
        from .ui.briefing import open_briefing
        return open_briefing(self.iface, store_path, force, neighbourhood)

    def _first_width(self) -> None:
        """Once QGIS has started and restored its window: the dock is open unless the user closed it
        (QGIS's own saved window state never hides it behind their back), in front of any dock tabbed
        with it; and the first time in a profile, room for the table's most important columns at a
        laptop's size (after that, the width the user gave it, which QGIS restores)."""
        if self.dock is None:
            return
        if settings.DOCK_VISIBLE.value():
            self.dock.show()
            self.dock.raise_()
        if settings.DOCK_SIZED.value():
            return
        if self.dock.width() < DOCK_WIDTH:
            self.iface.mainWindow().resizeDocks([self.dock], [DOCK_WIDTH], Qt.Orientation.Horizontal)
        settings.DOCK_SIZED.set_value(True)

    def _remember_visibility(self, visible):
        settings.DOCK_VISIBLE.set_value(bool(visible))

    def show_dock(self):
        if self.dock is not None:
            self.dock.show()
            self.dock.raise_()
