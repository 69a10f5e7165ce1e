"""What every crimemap algorithm shares: names, groups and help from class attributes, and the
parameters several of them take (the store; category, period and baseline)."""

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from .. import settings
from ..core import categories, forces
from ..core.periods import BASELINES
from ..i18n import tr
from ..stores import STORE_FILTER


class CrimeMapAlgorithm(QgsProcessingAlgorithm):
    NAME = ""
    DISPLAY_NAME = ""
    GROUP = ""
    GROUP_ID = ""
    HELP = ""
    STORE, CATEGORY, END_MONTH, MONTHS, BASELINE = "STORE", "CATEGORY", "END_MONTH", "MONTHS", "BASELINE"
    FORCE = "FORCE"

    def tr(self, text):
        return tr(text)

    def createInstance(self):
        return type(self)()

    def name(self):
        return self.NAME

    def displayName(self):
        return self.tr(self.DISPLAY_NAME)

    def group(self):
        return self.tr(self.GROUP)

    def groupId(self):
        return self.GROUP_ID

    def shortHelpString(self):
        """HELP: one marked string, or a tuple of them (paragraphs shared between algorithms)."""
        parts = self.HELP if isinstance(self.HELP, tuple) else (self.HELP,)
        return "".join(self.tr(part) for part in parts)

    def add_store_parameter(self) -> None:
        """STORE: an existing store (the default from the settings): a GeoPackage, or a PostgreSQL
        connection (a QGIS saved connection's name or a postgresql:// URI)."""
        self.addParameter(QgsProcessingParameterFile(
            self.STORE, self.tr("Store (GeoPackage, or PostgreSQL connection name or postgresql:// URI)"),
            fileFilter=STORE_FILTER, defaultValue=settings.store_path()))

    def store_value(self, parameters, context) -> str:
        """The STORE parameter as the user named it (a path, a URI, or a QGIS connection's name: open
        it with stores.open_user_store, give the core resolve_store(...) of it)."""
        return self.parameterAsString(parameters, self.STORE, context).strip()

    def add_force_parameter(self, with_btp: bool = False) -> None:
        """FORCE: one of the forces police.uk publishes, offered as a list (its police.uk id, as
        models and qgis_process give it: FORCE=gloucestershire)."""
        slugs = [f.slug for f in forces.published() if with_btp or f.slug != "btp"]
        self.addParameter(QgsProcessingParameterEnum(
            self.FORCE, self.tr("Force (police.uk id)"), options=slugs, usesStaticStrings=True))

    def force_value(self, parameters, context) -> str:
        return self.parameterAsEnumString(parameters, self.FORCE, context)

    def add_period_parameters(self) -> None:
        """CATEGORY, END_MONTH, MONTHS and BASELINE, as comparisons take them."""
        self.addParameter(QgsProcessingParameterString(
            self.CATEGORY, self.tr("Category (API slug, or all-crime)"), defaultValue=categories.ALL_CRIME))
        self.addParameter(QgsProcessingParameterString(
            self.END_MONTH, self.tr("End month (YYYY-MM; empty = latest in the store)"), optional=True))
        self.addParameter(QgsProcessingParameterNumber(self.MONTHS, self.tr("Months in the period"),
                                                       QgsProcessingParameterNumber.Type.Integer, 3, minValue=1,
                                                       maxValue=36))
        self.addParameter(QgsProcessingParameterEnum(self.BASELINE, self.tr("Baseline"), options=list(BASELINES),
                                                     defaultValue=BASELINES[0], usesStaticStrings=True))

    def period_values(self, parameters, context) -> tuple:
        """(category, end month or "", months, baseline) from add_period_parameters' parameters."""
        return (self.parameterAsString(parameters, self.CATEGORY, context).strip() or categories.ALL_CRIME,
                self.parameterAsString(parameters, self.END_MONTH, context).strip(),
                self.parameterAsInt(parameters, self.MONTHS, context),
                self.parameterAsEnumString(parameters, self.BASELINE, context))


def output_boundaries(level: str, store_path: str, lsoa_layer, code_field: str):
    """(boundary layer, its area code field) an output's areas are drawn from: the given LSOA layer at
    LSOA level, else the force areas or the store's neighbourhoods, opened only now (see
    compareperiods)."""
    from qgis.core import QgsProcessingException

    from ..core.compare import LSOA
    from ..layers.boundaries import comparison_areas
    if level == LSOA:
        return lsoa_layer, code_field
    try:
        return comparison_areas(level, store_path)
    except RuntimeError as exc:
        raise QgsProcessingException(str(exc)) from None
