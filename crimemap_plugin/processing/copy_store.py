"""crimemap:copystore — a whole store copied between a GeoPackage and PostGIS, either way, exactly."""

from qgis.core import QgsProcessingException, QgsProcessingOutputNumber, QgsProcessingParameterString

from ..core.errors import CrimeMapError
from ..core.store.copying import copy_store
from ..i18n import tr_noop
from ..stores import resolve_store
from .base import CrimeMapAlgorithm


class CopyStoreAlgorithm(CrimeMapAlgorithm):
    TARGET = "TARGET"

    NAME = "copystore"
    DISPLAY_NAME = tr_noop("Copy a store")
    GROUP = tr_noop("Store")
    GROUP_ID = "store"
    HELP = tr_noop("Copies a whole store into a new or empty one: a GeoPackage into PostGIS to start a team's "
                   "shared store, or PostGIS into a GeoPackage to take it away. Every row is copied as it is "
                   "(the same ids, counts, coverage audit, neighbourhoods and their details), in one "
                   "transaction: a copy that fails leaves nothing half-written. STORE is the store to copy; "
                   "TARGET the new one (a .gpkg path, a PostgreSQL connection's name, or a postgresql:// URI, "
                   "with ?schema=name for another schema than crimemap).")

    def initAlgorithm(self, config=None):
        self.add_store_parameter()
        self.addParameter(QgsProcessingParameterString(
            self.TARGET, self.tr("Copy into (new GeoPackage, or PostgreSQL connection name or postgresql:// URI)")))
        self.addOutput(QgsProcessingOutputNumber("ROWS", self.tr("Rows copied")))

    def processAlgorithm(self, parameters, context, feedback):
        source = resolve_store(self.store_value(parameters, context))
        target = resolve_store(self.parameterAsString(parameters, self.TARGET, context).strip())
        if not target:
            raise QgsProcessingException(self.tr("TARGET is required: where the copy goes."))
        try:
            copied = copy_store(source, target, progress=feedback.setProgress, cancelled=feedback.isCanceled)
        except CrimeMapError as exc:
            raise QgsProcessingException(str(exc)) from None
        for table, n in copied.items():
            if n:
                feedback.pushInfo(f"{table}: {n:,} rows")
        return {"ROWS": sum(copied.values())}
