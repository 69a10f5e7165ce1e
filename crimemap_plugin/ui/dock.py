"""CrimeMapDock: the plugin's main panel."""

from pathlib import Path

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt import uic
from qgis.PyQt.QtCore import pyqtSignal
from qgis.PyQt.QtWidgets import QDockWidget, QFileDialog, QWidget

from crimemap_plugin import settings
from crimemap_plugin.core.errors import CrimeMapError
from crimemap_plugin.core.store import open_store
from crimemap_plugin.layers.boundaries import ensure_force_areas
from crimemap_plugin.log import CRITICAL, log

from .import_task import ImportTask, sample_path

FORM_CLASS, _ = uic.loadUiType(str(Path(__file__).with_name("dock.ui")))

COMING = ("Next in this panel: compare any category and period with the same period last year, the "
          "previous period or another area, with rates per 1,000 residents and whether a change is "
          "larger than chance. Until then, the imported data is in the store above: open its "
          "<i>crimes</i> layer, or use the Processing algorithms of the <b>Crime Map</b> provider.")


class CrimeMapDock(QDockWidget):
    """The dock: store status, import and sample; the comparison panel will live here."""

    storeChanged = pyqtSignal(str)

    def __init__(self, parent=None):
        super().__init__("Crime Map", parent)
        self.setObjectName("CrimeMapDock")
        self.contents = DockContents()
        self.setWidget(self.contents)
        self.ui = self.contents
        self.task = None
        self._shown_once = False
        self._ready = False
        self.ui.comingLabel.setText(COMING)
        self.ui.chooseStoreButton.clicked.connect(self.choose_store)
        self.ui.loadSampleButton.clicked.connect(self.load_sample)
        self.ui.importButton.clicked.connect(self.choose_import)
        self.ui.showForceAreasButton.clicked.connect(self.show_force_areas)
        self.visibilityChanged.connect(self._on_visibility)
        self.refresh()

    # -- state -----------------------------------------------------------------------------------
    def store_path(self) -> str:
        return settings.store_path()

    def refresh(self) -> None:
        path = self.store_path()
        self.ui.storePathLabel.setText(path)
        self.ui.chooseStoreButton.setEnabled(not settings.STORE_PATH.overridden())
        summary = self.ui.storeSummaryLabel
        if not Path(path).exists():
            summary.setText(self.tr("The store is empty. Load the sample or import data.police.uk files."))
            return
        try:
            with open_store(path, create=False) as store:
                info = store.summary()
        except CrimeMapError as exc:
            summary.setText(self.tr("The store cannot be read: {}").format(exc))
            return
        if not info["force_months"]:
            summary.setText(self.tr("The store is empty. Load the sample or import data.police.uk files."))
            return
        summary.setText(self.tr("{crimes:,} crimes · {forces} forces · {force_months} force-months · "
                                "{first_month} to {last_month}").format(**info))

    def set_ready(self) -> None:
        """QGIS has finished starting (its start-up project exists): layers may be added now."""
        self._ready = True
        self._on_visibility(self.isVisible())

    def _on_visibility(self, visible: bool) -> None:
        if visible and self._ready and not self._shown_once:
            self._shown_once = True
            self.show_force_areas()

    def show_force_areas(self) -> None:
        try:
            ensure_force_areas(QgsProject.instance())
        except RuntimeError as exc:
            log(str(exc), CRITICAL, bar=True)

    # -- actions ---------------------------------------------------------------------------------
    def choose_store(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Crime Map store"), self.store_path(),
                                              self.tr("GeoPackage (*.gpkg)"),
                                              options=QFileDialog.DontConfirmOverwrite)
        if path:
            if not path.lower().endswith(".gpkg"):
                path += ".gpkg"
            settings.STORE_PATH.set_value(path)
            self.refresh()
            self.storeChanged.emit(path)

    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import police.uk data"), "",
            self.tr("police.uk data (*.csv *.zip);;All files (*)"))
        if path:
            self.start_import(path)

    def load_sample(self) -> ImportTask:
        return self.start_import(str(sample_path()))

    def start_import(self, path: str) -> ImportTask:
        if self.task is not None:
            log(self.tr("An import is already running."), bar=True)
            return self.task
        task = ImportTask(path, self.store_path())
        task.progressChanged.connect(self._on_progress)
        task.done.connect(self._on_import_done)
        self.task = task
        self.ui.importProgress.setValue(0)
        self.ui.importProgress.setVisible(True)
        self.ui.importButton.setEnabled(False)
        self.ui.loadSampleButton.setEnabled(False)
        QgsApplication.taskManager().addTask(task)
        return task

    def _on_progress(self, value: float) -> None:
        self.ui.importProgress.setValue(int(value))

    def _on_import_done(self, ok: bool) -> None:
        self.task = None
        self.ui.importProgress.setVisible(False)
        self.ui.importButton.setEnabled(True)
        self.ui.loadSampleButton.setEnabled(True)
        self.refresh()
        self.storeChanged.emit(self.store_path())


class DockContents(FORM_CLASS, QWidget):
    """The widgets of dock.ui."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setupUi(self)
