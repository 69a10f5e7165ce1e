"""crimemap:importneighbourhoods — a force's neighbourhoods from the police.uk API, or their boundaries
from a police.uk neighbourhood KML zip, into the store."""

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
)

from .. import settings
from ..core.api import ApiError, PoliceApi
from ..core.errors import Cancelled, CrimeMapError
from ..core.forces import BY_SLUG
from ..core.kml import import_force_kml
from ..core.neighbourhoods import import_force
from ..i18n import tr_noop
from ..network import QgisTransport
from ..stores import STORE_FILTER, open_user_store
from .base import CrimeMapAlgorithm


class ImportNeighbourhoodsAlgorithm(CrimeMapAlgorithm):
    FORCE, STORE, INPUT = "FORCE", "STORE", "INPUT"
    NAME = "importneighbourhoods"
    DISPLAY_NAME = tr_noop("Import neighbourhoods")
    GROUP = tr_noop("Store")
    GROUP_ID = "store"
    HELP = tr_noop("Fetches every neighbourhood of a force from the police.uk API (its boundary, team, "
                   "priorities and events) into the store: layer 'neighbourhoods' and table "
                   "'neighbourhood_details'. The API is asked politely (15 requests a second at most; waits "
                   "when told to; retries server errors). Neighbourhoods that fail are reported and keep what "
                   "was stored before, so a second run refreshes. The base URL comes from the settings or "
                   "CRIMEMAP_API_URL; QGIS's proxy and authentication settings apply. With INPUT, a police.uk "
                   "neighbourhood KML zip (one file per neighbourhood, named force/neighbourhood-id.kml, such "
                   "as gloucestershire/AA3.kml), the boundaries come from the archive instead and the API is "
                   "not asked: parent areas listed beside their children and repeated neighbourhoods are left "
                   "out and reported, holes are kept, and details already stored stay. Either way, the crimes "
                   "in the store are counted in each neighbourhood for the neighbourhood level of the "
                   "comparisons.")

    def initAlgorithm(self, config=None):
        self.add_force_parameter()
        self.addParameter(QgsProcessingParameterFileDestination(
            self.STORE, self.tr("Store (GeoPackage created or updated, or PostgreSQL connection)"),
            fileFilter=STORE_FILTER,
            defaultValue=settings.store_path(), createByDefault=True))
        self.addParameter(QgsProcessingParameterFile(
            self.INPUT, self.tr("Neighbourhood KML zip (optional; instead of the API)"),
            fileFilter="Zip archives (*.zip)", optional=True))
        self.addOutput(QgsProcessingOutputNumber("NEIGHBOURHOODS", self.tr("Neighbourhoods stored")))
        self.addOutput(QgsProcessingOutputNumber("FAILED", self.tr("Neighbourhoods that failed")))

    def processAlgorithm(self, parameters, context, feedback):
        force = self.force_value(parameters, context)
        store_path = self.store_value(parameters, context)
        if force not in BY_SLUG or force == "btp":
            raise QgsProcessingException(self.tr("Unknown force: ") + force)
        archive = self.parameterAsFile(parameters, self.INPUT, context)
        api = PoliceApi(QgisTransport(cancelled=feedback.isCanceled), settings.api_url(), cancelled=feedback.isCanceled)
        try:
            with open_user_store(store_path) as store:
                if store.needs_upgrade():
                    for step in store.upgrade(cancelled=feedback.isCanceled):
                        feedback.pushInfo(f"{store.spec}: {step}")
                if archive:
                    report = import_force_kml(store, archive, force)
                else:
                    report = import_force(api, store, force, progress=feedback.setProgress,
                                          cancelled=feedback.isCanceled)
        except Cancelled as exc:
            raise QgsProcessingException(f"{exc}; the store is unchanged") from exc
        except (ApiError, CrimeMapError) as exc:
            raise QgsProcessingException(str(exc)) from exc
        for nid, reason in report.failed:
            feedback.reportError(f"{force}/{nid}: {reason}")
        for nid, reason in getattr(report, "skipped", []):
            feedback.pushWarning(f"{force}/{nid} left out: {reason}")
        feedback.pushInfo(report.summary())
        return {self.STORE: store_path, "NEIGHBOURHOODS": report.stored, "FAILED": len(report.failed)}
