"""Opening the store in a QgsTask: the plugin's start never waits on the store, and never fails with it.

Opening can take long (a store from an earlier version is brought up to date, an index left half
built by a killed import is rebuilt) and can fail (a damaged file, a folder that cannot be read). The
task opens the store, brings a store made by an earlier version up to date (with progress), reads
what the dock needs and makes the first comparison; errors are kept for
`finished()`, which runs on the main thread and hands everything to the dock.
"""

from dataclasses import dataclass, field
from typing import List, Optional

from qgis.core import QgsTask
from qgis.PyQt.QtCore import pyqtSignal

from ..core.compare import Comparison, compare
from ..core.errors import CrimeMapError
from ..core.periods import Period
from ..core.store import Summary, exists
from ..i18n import tr
from ..stores import open_user_store, resolve_store, shown_name


@dataclass
class StoreInfo:
    path: str
    exists: bool = False
    summary: Optional[Summary] = None
    months: List[str] = field(default_factory=list)
    has_neighbourhoods: bool = False
    first: Optional[Comparison] = None       # the comparison the dock opens on
    upgraded: List[str] = field(default_factory=list)   # what bringing an older store up to date did
    error: str = ""


class OpenStoreTask(QgsTask):
    """Opens the store at `path` and, when `first` is given as (level, category, end or None, length,
    baseline), makes that comparison (end None = the latest month). `loaded(info)` fires on the main
    thread."""

    loaded = pyqtSignal(object)

    def __init__(self, path: str, first: Optional[tuple] = None):
        super().__init__(tr("Crime Map: opening the store"), QgsTask.Flag.CanCancel)
        self.info = StoreInfo(str(path))
        self.first = first

    def run(self) -> bool:
        info = self.info
        try:
            if not exists(resolve_store(info.path)):
                return True
            info.exists = True
            with open_user_store(info.path, create=False) as store:
                if store.needs_upgrade() and store.writable():
                    # An older store is brought up to date here, in the task, with progress: opening
                    # never does it by itself. (A store only read here is read as it is.)
                    self.setDescription("Crime Map: upgrading the store")
                    info.upgraded = store.upgrade(progress=self.setProgress, cancelled=self.isCanceled)
                info.summary = store.summary()
                info.months = store.months()
                info.has_neighbourhoods = not store.neighbourhood_areas().empty
                if self.first and info.months and not self.isCanceled():
                    level, category, end, length, baseline = self.first
                    if level == "neighbourhood" and not info.has_neighbourhoods:
                        level = "force"
                    end = end if end in info.months else info.months[-1]
                    info.first = compare(store, level, category, Period(end, length), baseline)
        except CrimeMapError as exc:
            info.error = str(exc)
        except Exception as exc:  # noqa: BLE001 - shown in the dock by finished(), never raised in a thread
            info.error = f"{shown_name(info.path)}: {type(exc).__name__}: {exc}"
        return True

    def finished(self, ok: bool) -> None:
        if not ok and not self.info.error:
            self.info.error = "opening the store was cancelled"
        self.loaded.emit(self.info)
