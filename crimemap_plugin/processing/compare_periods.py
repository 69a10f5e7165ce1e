"""crimemap:compareperiods — every area's crimes for a period against a baseline, styled."""

import pandas as pd
from qgis.core import (
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterField,
    QgsProcessingParameterVectorLayer,
)

from ..core.classify import MAP_MEASURES
from ..core.compare import LEVELS, LSOA, compare, latest_month
from ..core.errors import CrimeMapError
from ..core.periods import Period
from ..i18n import tr_noop
from ..layers.boundaries import comparison_areas
from ..layers.comparison import comparison_features, comparison_fields, legend_title, style
from ..stores import open_user_store
from .base import CrimeMapAlgorithm
from .styling import StylePostProcessor, style_geopackage_output


class ComparePeriodsAlgorithm(CrimeMapAlgorithm):
    LEVEL = "LEVEL"
    AREAS, AREA_CODE_FIELD, MEASURE, OUTPUT = "AREAS", "AREA_CODE_FIELD", "MEASURE", "OUTPUT"

    NAME = "compareperiods"
    DISPLAY_NAME = tr_noop("Compare periods")
    GROUP = tr_noop("Comparisons")
    GROUP_ID = "comparisons"
    HELP = tr_noop("Crimes of every area for a period (END_MONTH and the MONTHS before it) against a baseline "
                   "(the same period last year, or the previous period): current, baseline, change, change % "
                   "(empty when the baseline is 0), rates per 1,000 residents (Census 2021) for the period and "
                   "the 12 months to END_MONTH, and whether the change is larger than chance (exact "
                   "conditional test for two Poisson counts, p < 0.05). Areas whose force has no data for a "
                   "month of either period are marked complete = false and their counts left empty: 'no data', "
                   "never a fall to zero. Force totals count by the 'Falls within' column. LEVEL neighbourhood "
                   "compares the neighbourhoods stored by crimemap:importneighbourhoods (crimes counted inside "
                   "each boundary; rates on the Census 2021 residents of the LSOAs whose population-weighted "
                   "centroid is inside). LEVEL lsoa needs AREAS, an LSOA boundary layer, and AREA_CODE_FIELD, "
                   "its LSOA 2021 code field.")

    def initAlgorithm(self, config=None):
        self.add_store_parameter()
        self.addParameter(QgsProcessingParameterEnum(self.LEVEL, self.tr("Area level"), options=list(LEVELS),
                                                     defaultValue=LEVELS[0], usesStaticStrings=True))
        self.add_period_parameters()
        self.addParameter(QgsProcessingParameterVectorLayer(
            self.AREAS, self.tr("LSOA boundaries (LEVEL lsoa only)"), [QgsProcessing.SourceType.TypeVectorPolygon],
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.AREA_CODE_FIELD, self.tr("LSOA code field"), parentLayerParameterName=self.AREAS, optional=True))
        self.addParameter(QgsProcessingParameterEnum(self.MEASURE, self.tr("Measure to map"),
                                                     options=list(MAP_MEASURES), defaultValue=MAP_MEASURES[0],
                                                     usesStaticStrings=True))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Comparison"),
                                                            QgsProcessing.SourceType.TypeVectorPolygon))

    def processAlgorithm(self, parameters, context, feedback):
        store_path = self.store_value(parameters, context)
        level = self.parameterAsEnumString(parameters, self.LEVEL, context)
        measure = self.parameterAsEnumString(parameters, self.MEASURE, context)
        category, end, months, baseline = self.period_values(parameters, context)
        areas_frame = None
        if level == LSOA:
            areas = self.parameterAsVectorLayer(parameters, self.AREAS, context)
            code_field = self.parameterAsString(parameters, self.AREA_CODE_FIELD, context)
            if areas is None or not code_field:
                raise QgsProcessingException(self.tr("LEVEL lsoa needs AREAS (LSOA boundaries) and "
                                                     "AREA_CODE_FIELD."))
            areas_frame = pd.DataFrame({"area_code": sorted({str(f[code_field]) for f in areas.getFeatures()})})
        try:
            with open_user_store(store_path, create=False) as store:
                period = Period(end or latest_month(store), months)
                comparison = compare(store, level, category, period, baseline, areas=areas_frame)
        except (CrimeMapError, ValueError) as exc:
            raise QgsProcessingException(str(exc)) from None
        if level != LSOA:
            # Opened only now: a layer alive in a frame of a raised exception outlives QGIS at exit.
            try:
                areas, code_field = comparison_areas(level, store_path)
            except RuntimeError as exc:
                raise QgsProcessingException(str(exc)) from None
        fields = comparison_fields()
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT, context, fields, areas.wkbType(), areas.crs())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        count = 0
        for feature in comparison_features(comparison, areas, code_field, fields):
            if feedback.isCanceled():
                break
            sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
            count += 1
        incomplete = int((~comparison.rows["complete"]).sum())
        feedback.pushInfo(self.tr("{title}: {count} areas, {incomplete} without complete data.").format(
            title=comparison.title(self.tr), count=count, incomplete=incomplete))
        self._styling = (comparison, measure)
        if context.willLoadLayerOnCompletion(dest):
            details = context.layerToLoadOnCompletionDetails(dest)
            details.name = legend_title(comparison, measure)  # the legend's title says what is shown
            details.forceName = True   # not the file's name, whatever QGIS prefers
            details.setPostProcessor(StylePostProcessor.create(lambda layer: style(layer, comparison, measure)))
        self._dest = dest
        return {self.OUTPUT: dest}

    def postProcessAlgorithm(self, context, feedback):
        # The sink is written by now: store the style in a GeoPackage output so it opens styled anywhere.
        dest = getattr(self, "_dest", None)
        style_geopackage_output(dest, context, feedback, lambda layer: style(layer, *self._styling))
        return {self.OUTPUT: dest} if dest else {}
