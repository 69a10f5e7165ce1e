"""crimemap:stopsearch — stop and search per area, with its breakdowns, rates by ethnic group and points."""

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterField,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
    QgsWkbTypes,
)

from ..core import stopsearch as ss
from ..core.compare import LEVELS, LSOA, NEIGHBOURHOOD, force_areas
from ..core.errors import CrimeMapError
from ..core.ethnicity import GROUPS, REFERENCE
from ..core.periods import parse, shift
from ..i18n import tr, tr_noop
from ..layers.outcome_layers import (
    area_features,
    breakdown_features,
    breakdown_fields,
    ethnicity_words,
    point_features,
    point_fields,
    points_title,
    stopsearch_fields,
    stopsearch_rows,
    stopsearch_title,
    style_points,
    style_stopsearch,
)
from ..stores import open_user_store
from .area_points import layer_polygons, with_areas
from .base import CrimeMapAlgorithm, output_boundaries
from .outcomes import incomplete_lines, lsoa_areas, neighbourhood_assign, percent
from .stopsearch_table import KIND, StopSearchTable, search_results, searches, stopsearch_table
from .styling import StylePostProcessor, style_geopackage_output

# Qgis.WkbType from QGIS 3.30 (QGIS 4 has only that); QgsWkbTypes.Type before.
_WKB = getattr(Qgis, "WkbType", None)
NO_GEOMETRY = getattr(_WKB, "NoGeometry", None) or QgsWkbTypes.Type.NoGeometry
POINT = getattr(_WKB, "Point", None) or QgsWkbTypes.Type.Point
WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")


class StopSearchAlgorithm(CrimeMapAlgorithm):
    LEVEL, START_MONTH, ETHNICITY = "LEVEL", "START_MONTH", "ETHNICITY"
    AREAS, AREA_CODE_FIELD, OUTPUT, BREAKDOWNS, POINTS = "AREAS", "AREA_CODE_FIELD", "OUTPUT", "BREAKDOWNS", "POINTS"

    NAME = "stopsearch"
    DISPLAY_NAME = tr_noop("Stop and search")
    GROUP = tr_noop("What forces do about it")
    GROUP_ID = "forces_do"
    HELP = tr_noop("Stop and search per area for START_MONTH to END_MONTH (empty: the 12 months to the latest "
                   "stop-and-search month in the store). OUTPUT has per area: searches, found and find_rate (the share "
                   "of searches whose outcome police.uk marks as linked to the object searched for; empty where no "
                   "search records it), no_location (the share police.uk could not place; force level only), "
                   "population and rate_per_1000 (searches per 1,000 usual residents, Census 2021). At force level it "
                   "adds, for each broad ethnic group g (asian, black, mixed, white, other): searches_g, population_g "
                   "(Census 2021 TS021 usual residents, summed from local authorities to police force areas), rate_g "
                   "per 1,000, and for g other than white ratio_g = rate_g / rate_white with its 95% confidence "
                   "interval ratio_g_low to ratio_g_high (log ratio, counts treated as Poisson) and ratio_g_reason "
                   "where a ratio is undefined (a count of zero). ETHNICITY chooses whose description of the "
                   "person counts: officer (the default: the officer-defined broad group, recorded for nearly "
                   "every search), self (the ethnicity people give themselves, as the Home Office's bulletins "
                   "count; 'Not stated' is unknown), or self_then_officer. "
                   "BREAKDOWNS is a table (no geometry) with a row per area, dimension (legislation, object of search, "
                   "outcome, age range, gender, officer- and self-defined ethnicity) and value: searches, share of the "
                   "area's searches, found and find rate; join it to OUTPUT on area_code, filter it by dimension, or "
                   "chart it. POINTS (optional) are the located searches, coloured by what they led to. Areas whose "
                   "force lacks a stop-and-search month of the period, or published only part of one (the coverage "
                   "audit), are marked complete = false and their figures left empty: 'no data', never zero. LEVEL "
                   "neighbourhood counts the searches inside the store's neighbourhoods; lsoa inside the polygons of "
                   "AREAS (an LSOA boundary layer with its code field AREA_CODE_FIELD).")

    def initAlgorithm(self, config=None):
        self.add_store_parameter()
        self.addParameter(QgsProcessingParameterEnum(self.LEVEL, self.tr("Area level"), options=list(LEVELS),
                                                     defaultValue=LEVELS[0], usesStaticStrings=True))
        self.addParameter(QgsProcessingParameterString(
            self.START_MONTH, self.tr("First month (YYYY-MM; empty = 12 months to the end month)"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            self.END_MONTH, self.tr("Last month (YYYY-MM; empty = latest stop and search in the store)"),
            optional=True))
        self.addParameter(QgsProcessingParameterEnum(
            self.ETHNICITY, self.tr("Ethnicity counted (officer-defined, or self-defined)"),
            options=list(ss.ETHNICITIES), defaultValue=ss.OFFICER, usesStaticStrings=True))
        self.addParameter(QgsProcessingParameterVectorLayer(
            self.AREAS, self.tr("LSOA boundaries (LEVEL lsoa only)"), [QgsProcessing.SourceType.TypeVectorPolygon],
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.AREA_CODE_FIELD, self.tr("LSOA code field"), parentLayerParameterName=self.AREAS, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Stop and search by area"),
                                                            QgsProcessing.SourceType.TypeVectorPolygon))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.BREAKDOWNS, self.tr("Stop and search breakdowns"), QgsProcessing.SourceType.TypeVector,
            optional=True, createByDefault=True))
        self.addParameter(QgsProcessingParameterFeatureSink(
            self.POINTS, self.tr("Stop and search points"), QgsProcessing.SourceType.TypeVectorPoint,
            optional=True, createByDefault=False))

    def _months(self, parameters, context, store):
        end = self.parameterAsString(parameters, self.END_MONTH, context).strip()
        start = self.parameterAsString(parameters, self.START_MONTH, context).strip()
        if not end:
            held = store.months(KIND)
            if not held:
                raise CrimeMapError(tr("{}: the store holds no stop and search yet").format(store.path))
            end = held[-1]
        start = start or shift(end, -11)
        parse(start), parse(end)   # ValueError unless YYYY-MM
        return start, end

    def processAlgorithm(self, parameters, context, feedback):
        store_path = self.store_value(parameters, context)
        level = self.parameterAsEnumString(parameters, self.LEVEL, context)
        ethnicity = self.parameterAsEnumString(parameters, self.ETHNICITY, context)
        lsoa_layer, code_field = None, None
        if level == LSOA:
            lsoa_layer = self.parameterAsVectorLayer(parameters, self.AREAS, context)
            code_field = self.parameterAsString(parameters, self.AREA_CODE_FIELD, context)
            if lsoa_layer is None or not code_field:
                raise QgsProcessingException(self.tr("LEVEL lsoa needs AREAS (LSOA boundaries) and "
                                                     "AREA_CODE_FIELD."))
        try:
            with open_user_store(store_path, create=False) as store:
                start, end = self._months(parameters, context, store)
                frame = searches(store, start, end)
                assign = None
                if level == NEIGHBOURHOOD:
                    areas, assign = neighbourhood_assign(store)
                elif level == LSOA:
                    areas = lsoa_areas(lsoa_layer, code_field)
                    codes, rings = layer_polygons(lsoa_layer, code_field)
                    assign = lambda rows: with_areas(rows, codes, rings)  # noqa: E731
                else:
                    areas = force_areas()
                table = stopsearch_table(store, level, start, end, areas, ethnicity, assign, frame)
        except (CrimeMapError, ValueError) as exc:
            raise QgsProcessingException(str(exc)) from None
        feedback.setProgress(60)
        boundaries, code_field = output_boundaries(level, store_path, lsoa_layer, code_field)
        results = {}
        fields = stopsearch_fields(level)
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT, context, fields, boundaries.wkbType(),
                                          boundaries.crs())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        for feature in area_features(stopsearch_rows(table), boundaries, code_field, fields,
                                     unmapped=level != LSOA):
            sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
        results[self.OUTPUT] = dest
        self._load(context, dest, stopsearch_title(table), lambda layer: style_stopsearch(layer, table))
        b_fields = breakdown_fields()
        b_sink, b_dest = self.parameterAsSink(parameters, self.BREAKDOWNS, context, b_fields, NO_GEOMETRY)
        if b_sink is not None:
            for feature in breakdown_features(table, b_fields):
                b_sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
            results[self.BREAKDOWNS] = b_dest
        p_fields = point_fields()
        p_sink, p_dest = self.parameterAsSink(parameters, self.POINTS, context, p_fields, POINT, WGS84)
        if p_sink is not None:
            located = frame.assign(result=search_results(frame))
            for feature in point_features(located, p_fields):
                if feedback.isCanceled():
                    break
                p_sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
            results[self.POINTS] = p_dest
            self._load(context, p_dest, points_title(start, end), style_points)
        for line in log_lines(table):
            feedback.pushInfo(line)
        self._table, self._dests = table, results
        return results

    @staticmethod
    def _load(context, dest, name, apply) -> None:
        if context.willLoadLayerOnCompletion(dest):
            details = context.layerToLoadOnCompletionDetails(dest)
            details.name = name
            details.forceName = True   # not the file's name, whatever QGIS prefers
            details.setPostProcessor(StylePostProcessor.create(apply))

    def postProcessAlgorithm(self, context, feedback):
        dests = getattr(self, "_dests", {})
        styles = {self.OUTPUT: lambda layer: style_stopsearch(layer, self._table), self.POINTS: style_points}
        for key, apply in styles.items():
            style_geopackage_output(dests.get(key), context, feedback, apply)
        return dests


def log_lines(table: StopSearchTable):
    """Plain sentences for the log: searches and find rate, the ethnicity counted, the largest
    ratios, and which areas lack data."""
    rows = table.rows
    whole = rows[rows["complete"].astype(bool)]
    total = int(whole["searches"].fillna(0).sum())
    period = table.start if table.start == table.end else tr("{} to {}").format(table.start, table.end)
    if total:
        found = int(whole["found"].fillna(0).sum())
        text = tr("{} searches in {} in the {} areas with complete data; {} found what was searched for (outcome "
                  "linked to the object).").format(f"{total:,}", period, len(whole), percent(found / total))
        if table.level == "force":
            nowhere = int(whole["no_location_count"].fillna(0).sum())
            text += " " + tr("{} have no location.").format(percent(nowhere / total))
        yield text
    else:
        yield tr("No searches in {} in the areas with complete data.").format(period)
    if table.level == "force" and total:
        yield tr("Rates by ethnic group count searches by {} against Census 2021 usual residents of each group; "
                 "ratios compare with the White rate (95% confidence interval, Poisson counts).").format(
            ethnicity_words(table.ethnicity))
        for r in whole.itertuples():
            ratios = [(g, getattr(r, f"ratio_{g}")) for g in GROUPS if g != REFERENCE]
            said = [tr("{} {:.1f} times").format(g.capitalize(), v) for g, v in ratios
                    if v is not None and v == v]
            if said:
                yield tr("{}: search rate against the White rate: {}.").format(r.area_name, ", ".join(said))
    yield from incomplete_lines(rows, table.gaps)
