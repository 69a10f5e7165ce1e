"""crimemap:importcrimes — police.uk CSV files, folders or archives into the store."""

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
)

from .. import settings
from ..core.errors import CrimeMapError
from ..core.importer import import_path, partial_text
from ..i18n import tr_noop
from ..stores import STORE_FILTER, resolve_store
from .base import CrimeMapAlgorithm


class ImportCrimesAlgorithm(CrimeMapAlgorithm):
    INPUT = "INPUT"
    STORE = "STORE"

    NAME = "importcrimes"
    DISPLAY_NAME = tr_noop("Import police.uk data")
    GROUP = tr_noop("Store")
    GROUP_ID = "store"
    HELP = tr_noop("Imports data.police.uk street-level crime, outcomes and stop-and-search files into a "
                   "GeoPackage store. INPUT is one CSV file, a folder (searched recursively, as the custom "
                   "download unpacks) or a zip archive (the national layout YYYY-MM/YYYY-MM-force-kind.csv, "
                   "read without unpacking). Each force-month is replaced as a whole: importing it again never "
                   "double counts, and a failure or cancel leaves it as it was. Files broken as a whole are "
                   "refused with the reason; bad rows are rejected, counted and reported by line. Forces are "
                   "identified by the file name (archive layout) and every name police.uk has used for them. "
                   "Partial submissions (a force-month with fewer than 60 % of the rows of the force's "
                   "neighbouring months) are found, reported and counted as incomplete in comparisons.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFile(
            self.INPUT, self.tr("police.uk CSV file, folder or zip archive"),
            behavior=QgsProcessingParameterFile.Behavior.File,
            # "(*)" rather than the default "(*.*)", which would refuse a folder (it has no extension).
            fileFilter="All files (*)"))
        self.addParameter(QgsProcessingParameterFileDestination(
            self.STORE, self.tr("Store (GeoPackage created or updated, or PostgreSQL connection)"),
            fileFilter=STORE_FILTER,
            defaultValue=settings.store_path(), createByDefault=True))
        for key, label in (("ROWS_IMPORTED", "Rows imported"),
                           ("ROWS_WITHOUT_LOCATION", "Rows without location"),
                           ("ROWS_REJECTED", "Rows rejected"), ("FILES_REFUSED", "Files refused"),
                           ("FORCE_MONTHS", "Force-months imported"),
                           ("PARTIAL_MONTHS", "Partial submissions found")):
            self.addOutput(QgsProcessingOutputNumber(key, self.tr(label)))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        source = self.parameterAsString(parameters, self.INPUT, context)
        store = self.store_value(parameters, context)
        if not source:
            raise QgsProcessingException(self.tr("INPUT is required: a CSV file, a folder or a zip archive."))

        def message(text, warning):
            (feedback.reportError if warning else feedback.pushInfo)(text)

        try:
            report = import_path(source, resolve_store(store), progress=feedback.setProgress,
                                 cancelled=feedback.isCanceled,
                                 message=message)
        except CrimeMapError as exc:
            raise QgsProcessingException(str(exc)) from exc
        for fm in report.partial:
            feedback.pushWarning(self.tr("Partial submission (counted as incomplete in comparisons): ")
                                 + partial_text(fm))
        feedback.pushInfo(report.summary())
        if report.refused and not report.units and not any(f.status == "unchanged" for f in report.files):
            raise QgsProcessingException(self.tr("Nothing imported: ") + report.refused_summary())
        return {
            self.STORE: store,
            "ROWS_IMPORTED": report.rows_imported,
            "ROWS_WITHOUT_LOCATION": report.rows_without_location,
            "ROWS_REJECTED": report.rows_rejected,
            "FILES_REFUSED": len(report.refused),
            "FORCE_MONTHS": len(report.units),
            "PARTIAL_MONTHS": len(report.partial),
        }
