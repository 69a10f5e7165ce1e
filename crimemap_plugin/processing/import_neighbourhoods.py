"""crimemap:importneighbourhoods — a force's neighbourhoods from the police.uk API into the store."""

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from .. import settings
from ..core.api import ApiError, PoliceApi
from ..core.errors import Cancelled, CrimeMapError
from ..core.forces import BY_SLUG
from ..core.neighbourhoods import import_force
from ..core.store import open_store
from ..network import QgisTransport
from .base import CrimeMapAlgorithm


class ImportNeighbourhoodsAlgorithm(CrimeMapAlgorithm):
    FORCE, STORE = "FORCE", "STORE"
    NAME = "importneighbourhoods"
    DISPLAY_NAME = "Import neighbourhoods"
    GROUP = "Store"
    GROUP_ID = "store"
    HELP = ("Fetches every neighbourhood of a force from the police.uk API (its boundary, team, priorities "
            "and events) into the store: layer 'neighbourhoods' and table 'neighbourhood_details'. The "
            "API is asked politely (15 requests a second at most; waits when told to; retries server "
            "errors). Neighbourhoods that fail are reported and keep what was stored before, so a second "
            "run refreshes. The base URL comes from the settings or CRIMEMAP_API_URL; QGIS's proxy and "
            "authentication settings apply. Importing from a police.uk neighbourhood KML zip is not "
            "available yet.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterString(self.FORCE, self.tr("Force (police.uk id, e.g. "
                                                                           "gloucestershire)")))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.STORE, self.tr("Store (GeoPackage, created or updated)"), fileFilter="GeoPackage (*.gpkg)",
            defaultValue=settings.store_path(), createByDefault=True))
        self.addOutput(QgsProcessingOutputString(self.STORE, self.tr("Store")))
        self.addOutput(QgsProcessingOutputNumber("NEIGHBOURHOODS", self.tr("Neighbourhoods stored")))
        self.addOutput(QgsProcessingOutputNumber("FAILED", self.tr("Neighbourhoods that failed")))

    def processAlgorithm(self, parameters, context, feedback):
        force = self.parameterAsString(parameters, self.FORCE, context).strip().lower()
        store_path = self.parameterAsFileOutput(parameters, self.STORE, context)
        if force not in BY_SLUG or force == "btp":
            raise QgsProcessingException(self.tr("Unknown force: ") + force)
        api = PoliceApi(QgisTransport(), settings.api_url(), cancelled=feedback.isCanceled)
        try:
            with open_store(store_path) as store:
                report = import_force(api, store, force, progress=feedback.setProgress,
                                      cancelled=feedback.isCanceled)
        except Cancelled as exc:
            raise QgsProcessingException(f"{exc}; the store is unchanged") from exc
        except (ApiError, CrimeMapError) as exc:
            raise QgsProcessingException(str(exc)) from exc
        for nid, reason in report.failed:
            feedback.reportError(f"{force}/{nid}: {reason}")
        feedback.pushInfo(report.summary())
        return {self.STORE: store_path, "NEIGHBOURHOODS": report.stored, "FAILED": len(report.failed)}
