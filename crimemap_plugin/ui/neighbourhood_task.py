"""Fetching one neighbourhood from police.uk in a QgsTask (never on the main thread)."""

from qgis.core import QgsTask
from qgis.PyQt.QtCore import pyqtSignal

from ..core.api import ApiError, PoliceApi
from ..core.errors import CrimeMapError
from ..core.neighbourhoods import fetch_one, store_one
from ..i18n import tr
from ..network import QgisTransport
from ..stores import open_user_store


class FetchNeighbourhoodTask(QgsTask):
    """Fetch (force, nid), or the neighbourhood at (lat, lon) through locate-neighbourhood, into the
    store. `done(ok, force, nid, error)` fires on the main thread."""

    done = pyqtSignal(bool, str, str, str)

    def __init__(self, store_path: str, api_url: str, force: str = "", nid: str = "", lat=None, lon=None):
        super().__init__(tr("Crime Map: neighbourhood from police.uk"), QgsTask.Flag.CanCancel)
        self.store_path, self.api_url = store_path, api_url
        self.force, self.nid, self.lat, self.lon = force, nid, lat, lon
        self.error = ""

    def run(self) -> bool:
        try:
            api = PoliceApi(QgisTransport(cancelled=self.isCanceled), self.api_url, cancelled=self.isCanceled,
                            retries=2)
            if not self.force:
                found = api.locate_neighbourhood(self.lat, self.lon)
                if not found or not all(found):
                    self.error = "police.uk knows no neighbourhood at this point"
                    return False
                self.force, self.nid = found
            record = fetch_one(api, self.force, self.nid)
            with open_user_store(self.store_path) as store:
                store_one(store, record)
            return True
        except (ApiError, CrimeMapError) as exc:
            self.error = str(exc)
        except Exception as exc:  # noqa: BLE001 - reported by finished(), never raised in a thread
            self.error = f"{type(exc).__name__}: {exc}"
        return False

    def finished(self, ok: bool) -> None:
        self.done.emit(bool(ok), self.force or "", self.nid or "", self.error or ("cancelled" if not ok else ""))
