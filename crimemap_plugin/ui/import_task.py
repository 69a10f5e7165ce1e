"""The import as a QgsTask: progress and cancel in the task manager, the UI stays responsive."""

from qgis.core import Qgis, QgsTask
from qgis.PyQt.QtCore import pyqtSignal

from ..about import RESOURCES
from ..core.errors import CrimeMapError
from ..core.importer import import_path
from ..i18n import tr
from ..log import CRITICAL, SUCCESS, WARNING, log
from ..stores import resolve_store


def sample_path():
    """The bundled sample: City of London Police street-level crime, 24 months."""
    return RESOURCES / "sample" / "city-of-london-2024-2025"


class ImportTask(QgsTask):
    """Runs core.importer.import_path off the main thread. `done(ok)` fires on the main thread."""

    done = pyqtSignal(bool)

    def __init__(self, path, store: str):
        """`path`: a file, a folder or an archive, or a list of them."""
        paths = [str(p) for p in path] if isinstance(path, (list, tuple)) else [str(path)]
        shown = paths[0] if len(paths) == 1 else tr("{n} files").format(n=len(paths))
        super().__init__(tr("Crime Map: importing {what}").format(what=shown), QgsTask.Flag.CanCancel)
        self.path = paths if len(paths) > 1 else paths[0]
        self.store = str(store)
        self.report = None
        self.error = None

    def run(self) -> bool:
        # No layer or widget is touched here: only the core import, which polls isCanceled().
        try:
            self.report = import_path(self.path, resolve_store(self.store), progress=self.setProgress,
                                      cancelled=self.isCanceled,
                                      message=lambda text, warning: log(text, WARNING if warning else
                                                                        Qgis.MessageLevel.Info))
        except CrimeMapError as exc:
            self.error = str(exc)
            return False
        except Exception as exc:  # noqa: BLE001 - reported in finished(), never raised in a thread
            self.error = f"{type(exc).__name__}: {exc}"
            return False
        return not self.report.cancelled

    def newest_month(self):
        """The latest month of street crime in what was given (imported now, or stored already), or None."""
        months = [m for kind, _, m in (self.report.units_given if self.report else []) if kind == "street"]
        return max(months) if months else None

    def forces_imported(self) -> list:
        """The forces of the newest month's street crime in what was given."""
        newest = self.newest_month()
        return sorted({f for kind, f, m in (self.report.units_given if self.report else [])
                       if kind == "street" and m == newest})

    def finished(self, ok: bool) -> None:
        if self.report is not None:
            level = SUCCESS if ok and not self.report.refused else WARNING
            log(self.report.summary(), level, bar=True, title="Crime Map import")
        elif self.error:
            log(self.error, CRITICAL, bar=True, title="Crime Map import failed")
        else:
            log("Import cancelled before it started.", WARNING, bar=True)
        self.done.emit(bool(ok))
