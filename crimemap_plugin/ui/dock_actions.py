"""What the dock's menu and buttons do: change the store, import data or neighbourhoods, export or copy
the table, ask for a briefing."""

from qgis.core import QgsApplication
from qgis.PyQt.QtWidgets import QApplication, QFileDialog

from .. import settings
from ..core import forces
from ..core.compare import FORCE
from ..log import log
from . import results
from .import_task import ImportTask, sample_path


class DockActions:
    """Mixed into CrimeMapDock: needs ui, results, store_path(), refresh(), _close_store(), the
    signals storeChanged and briefingRequested, and the comparison shown."""

    def choose_store(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Crime Map store", self.store_path(), "GeoPackage (*.gpkg)",
                                              options=QFileDialog.DontConfirmOverwrite)
        if path:
            if not path.lower().endswith(".gpkg"):
                path += ".gpkg"
            settings.STORE_PATH.set_value(path)
            self.refresh()
            self.storeChanged.emit(path)

    def import_neighbourhoods(self) -> None:
        """Processing's dialog for crimemap:importneighbourhoods, on this store; the dock re-reads the
        store when it closes."""
        import processing
        self._close_store()
        try:
            processing.execAlgorithmDialog("crimemap:importneighbourhoods", {"STORE": self.store_path()})
        finally:
            self.refresh()
            self.storeChanged.emit(self.store_path())

    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import police.uk data", "",
                                              "police.uk data (*.csv *.zip);;All files (*)")
        if path:
            self.start_import(path)

    def load_sample(self) -> ImportTask:
        return self.start_import(str(sample_path()))

    def start_import(self, path: str) -> ImportTask:
        if self.task is not None:
            log("An import is already running.", bar=True)
            return self.task
        self._close_store()  # the import writes; the dock reopens the store when it is done
        task = ImportTask(path, self.store_path())
        task.progressChanged.connect(lambda value: self.ui.importProgress.setValue(int(value)))
        task.done.connect(self._on_import_done)
        self.task = task
        self.ui.importProgress.setValue(0)
        self.ui.importProgress.setVisible(True)
        self.ui.importButton.setEnabled(False)
        self.ui.loadSampleButton.setEnabled(False)
        QgsApplication.taskManager().addTask(task)
        return task

    def _on_import_done(self, ok: bool) -> None:
        self.task = None
        self.ui.importProgress.setVisible(False)
        self.ui.importButton.setEnabled(True)
        self.ui.loadSampleButton.setEnabled(True)
        self.refresh()
        self.storeChanged.emit(self.store_path())

    def export_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export the table", "crime-comparison.csv", "CSV (*.csv)")
        if path:
            self.write_csv(path)

    def write_csv(self, path: str) -> None:
        with open(path, "w", newline="", encoding="utf-8") as fh:
            fh.write(results.table_text(self.results, ","))

    def request_briefing(self) -> None:
        """A briefing for the selected area (or the one the trend shows)."""
        code = self._current_code()
        if self.comparison is None or not code:
            return
        if self.comparison.level == FORCE:
            force = forces.BY_ONS_CODE.get(code)
            if force is not None:
                self.briefingRequested.emit(self.store_path(), force.slug, "")
        else:
            force, nid = code.split("/", 1)
            self.briefingRequested.emit(self.store_path(), force, nid)

    def copy_table(self) -> None:
        QApplication.clipboard().setText(results.table_text(self.results, "\t"))
