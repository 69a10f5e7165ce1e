"""crimemap:outcomes — what has happened so far to each area's street crimes of a period, styled."""

from typing import Dict

import pandas as pd
from qgis.core import (
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
    QgsVectorLayer,
)

from ..core import categories
from ..core.compare import LEVELS, LSOA, NEIGHBOURHOOD, force_areas, latest_month
from ..core.errors import CrimeMapError
from ..core.periods import Period
from ..core.population import lsoa_table
from ..i18n import tr, tr_noop
from ..layers.outcome_layers import area_features, outcome_fields, outcome_rows, outcomes_title, style_outcomes
from ..stores import open_user_store
from .area_points import with_areas
from .base import CrimeMapAlgorithm, output_boundaries
from .month_gaps import Gaps
from .outcome_table import MAX_MONTHS, OutcomeTable, outcome_table
from .styling import StylePostProcessor, style_geopackage_output

SHOWN_INCOMPLETE = 10   # areas named in the log when data is missing


def percent(share) -> str:
    return "–" if share is None or share != share else f"{share * 100:.1f}%"


def lsoa_areas(layer: QgsVectorLayer, code_field: str) -> pd.DataFrame:
    """The LSOAs of a boundary layer as areas: code, name and force from the bundled Census table
    (empty for codes it does not hold, such as 2011 LSOAs)."""
    table = lsoa_table()
    codes = sorted({str(f[code_field]) for f in layer.getFeatures() if f[code_field] is not None})
    return pd.DataFrame({"area_code": codes, "area_name": [table.get(c, ("", "", 0))[0] for c in codes],
                         "force": [table.get(c, ("", "", 0))[1] for c in codes],
                         "population": [table.get(c, ("", "", 0))[2] for c in codes]})


def neighbourhood_assign(store):
    """(areas, assign) for the store's neighbourhoods: rows are placed in the stored boundaries with
    the same test as the store's neighbourhood counts."""
    areas = store.neighbourhood_areas()
    if areas.empty:
        raise ValueError("the store holds no neighbourhoods yet: import a force's neighbourhoods first "
                         "(crimemap:importneighbourhoods)")
    polygons = store.neighbourhood_polygons()
    codes = [f"{force}/{nid}" for force, nid, _ in polygons]
    rings = [r for _, _, r in polygons]
    return areas, (lambda frame: with_areas(frame, codes, rings))


class OutcomesAlgorithm(CrimeMapAlgorithm):
    LEVEL, AREAS, AREA_CODE_FIELD, OUTPUT = "LEVEL", "AREAS", "AREA_CODE_FIELD", "OUTPUT"

    NAME = "outcomes"
    DISPLAY_NAME = tr_noop("Outcomes of crimes")
    GROUP = tr_noop("What forces do about it")
    GROUP_ID = "forces_do"
    HELP = tr_noop("What has happened so far to the street crimes of a period (END_MONTH and the MONTHS before it, "
                   "at most 12), per area. Each crime's latest outcome comes from the outcomes files joined by Crime "
                   "ID (the entry of the latest month; several in one month resolved by the later stage of the "
                   "justice process); without one, the street file's 'Last outcome category' stands in. A crime has "
                   "an outcome yet unless it is 'Under investigation', 'Status update unavailable' or empty. Every "
                   "wording police.uk has used maps to its current category and to one of seven groups: charged or "
                   "summonsed; cautioned or community resolution; no suspect identified; unable to prosecute; under "
                   "investigation; other; no outcome recorded. Anti-social behaviour has no outcomes and is left "
                   "out. Fields: crimes, with_outcome and completeness (the share with an outcome yet), "
                   "charged_or_summonsed and charge_rate (of all the period's crimes), a share_ field per group, "
                   "median_lag_months (crime month to outcome month, outcomes-file entries only). Recent crimes are "
                   "still under investigation, so the period is also compared like with like: same_lag_charge_rate "
                   "(outcomes files only, known up to observed_to, the latest outcomes month in the store) against "
                   "baseline_charge_rate, the same period a year earlier counting only outcomes recorded up to the "
                   "same number of months (lag_months) after its end; charge_rate_change is their difference. Areas "
                   "whose force lacks a street month of the period, or an outcomes month from the period's start to "
                   "observed_to (missing or partial, as the coverage audit says), are marked complete = false and "
                   "their figures left empty: 'no data', never zero. LEVEL force counts by the 'Falls within' "
                   "column; neighbourhood uses the store's neighbourhoods (crimes counted inside each boundary); "
                   "lsoa needs AREAS, an LSOA boundary layer, and AREA_CODE_FIELD, its LSOA code field (crimes "
                   "counted by the LSOA code police.uk gives).")

    def initAlgorithm(self, config=None):
        self.add_store_parameter()
        self.addParameter(QgsProcessingParameterEnum(self.LEVEL, self.tr("Area level"), options=list(LEVELS),
                                                     defaultValue=LEVELS[0], usesStaticStrings=True))
        self.addParameter(QgsProcessingParameterString(
            self.CATEGORY, self.tr("Category (API slug, or all-crime)"), defaultValue=categories.ALL_CRIME))
        self.addParameter(QgsProcessingParameterString(
            self.END_MONTH, self.tr("End month (YYYY-MM; empty = latest in the store)"), optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.MONTHS, self.tr("Months in the period"), QgsProcessingParameterNumber.Type.Integer, 3,
            minValue=1, maxValue=MAX_MONTHS))
        self.addParameter(QgsProcessingParameterVectorLayer(
            self.AREAS, self.tr("LSOA boundaries (LEVEL lsoa only)"), [QgsProcessing.SourceType.TypeVectorPolygon],
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            self.AREA_CODE_FIELD, self.tr("LSOA code field"), parentLayerParameterName=self.AREAS, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Outcomes"),
                                                            QgsProcessing.SourceType.TypeVectorPolygon))

    def processAlgorithm(self, parameters, context, feedback):
        store_path = self.store_value(parameters, context)
        level = self.parameterAsEnumString(parameters, self.LEVEL, context)
        category = self.parameterAsString(parameters, self.CATEGORY, context).strip() or categories.ALL_CRIME
        end = self.parameterAsString(parameters, self.END_MONTH, context).strip()
        months = self.parameterAsInt(parameters, self.MONTHS, context)
        lsoa_layer, code_field = None, None
        if level == LSOA:
            lsoa_layer = self.parameterAsVectorLayer(parameters, self.AREAS, context)
            code_field = self.parameterAsString(parameters, self.AREA_CODE_FIELD, context)
            if lsoa_layer is None or not code_field:
                raise QgsProcessingException(self.tr("LEVEL lsoa needs AREAS (LSOA boundaries) and "
                                                     "AREA_CODE_FIELD."))
        feedback.pushInfo(self.tr("Reading the store's crimes and outcomes…"))
        try:
            with open_user_store(store_path, create=False) as store:
                period = Period(end or latest_month(store), months)
                assign = None
                if level == NEIGHBOURHOOD:
                    areas, assign = neighbourhood_assign(store)
                elif level == LSOA:
                    areas = lsoa_areas(lsoa_layer, code_field)
                else:
                    areas = force_areas()
                table = outcome_table(store, level, category, period, areas, assign)
        except (CrimeMapError, ValueError) as exc:
            raise QgsProcessingException(str(exc)) from None
        feedback.setProgress(70)
        boundaries, code_field = output_boundaries(level, store_path, lsoa_layer, code_field)
        fields = outcome_fields()
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT, context, fields, boundaries.wkbType(),
                                          boundaries.crs())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, self.OUTPUT))
        for feature in area_features(outcome_rows(table), boundaries, code_field, fields, unmapped=level != LSOA):
            if feedback.isCanceled():
                break
            sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
        for line in log_lines(table):
            feedback.pushInfo(line)
        self._table = table
        if context.willLoadLayerOnCompletion(dest):
            details = context.layerToLoadOnCompletionDetails(dest)
            details.name = outcomes_title(table)
            details.forceName = True   # not the file's name, whatever QGIS prefers
            details.setPostProcessor(StylePostProcessor.create(lambda layer: style_outcomes(layer, table)))
        self._dest = dest
        return {self.OUTPUT: dest}

    def postProcessAlgorithm(self, context, feedback):
        dest = getattr(self, "_dest", None)
        style_geopackage_output(dest, context, feedback, lambda layer: style_outcomes(layer, self._table))
        return {self.OUTPUT: dest} if dest else {}


def incomplete_lines(rows: pd.DataFrame, gaps: Dict[str, Gaps]):
    """Sentences naming the areas without whole data: first how many have none at all (their forces'
    files are not in the store), then those lacking some months, with the months."""
    incomplete = rows[~rows["complete"].astype(bool)]
    if not len(incomplete):
        return
    none = incomplete[incomplete["area_code"].map(lambda a: gaps[a].nothing_held())]
    some = incomplete[~incomplete["area_code"].isin(set(none["area_code"]))]
    if len(none):
        yield tr("Areas without data for the period: {} (figures left empty, complete = false); their forces' "
                 "files are not in the store.").format(len(none))
    if len(some):
        named = [f"{r.area_name or r.area_code} ({'; '.join(t for t in (r.missing_months, r.partial_months) if t)})"
                 for r in some.head(SHOWN_INCOMPLETE).itertuples()]
        more = tr(" and {} more").format(len(some) - SHOWN_INCOMPLETE) if len(some) > SHOWN_INCOMPLETE else ""
        yield tr("Areas lacking data for some months of the period: {} (figures left empty, complete = false): "
                 "{}{}.").format(len(some), "; ".join(named), more)


def log_lines(table: OutcomeTable):
    """Plain sentences for the log: how complete the outcomes are, the like-for-like comparison and
    which areas lack data."""
    rows = table.rows
    whole = rows[rows["complete"].astype(bool)]
    crimes = int(whole["crimes"].fillna(0).sum())
    if table.observed_to is None:
        yield tr("The store holds no outcomes files: outcomes come from the street files' 'Last outcome "
                 "category' alone, so there is no lag and no like-for-like comparison.")
    if crimes:
        with_outcome = int(whole["with_outcome"].fillna(0).sum())
        charged = int(whole["charged_or_summonsed"].fillna(0).sum())
        known = ""
        if table.observed_to:
            known = tr(" (outcomes recorded up to {})").format(Period(table.observed_to, 1).label())
            if table.lag:
                known = tr(" (outcomes recorded up to {}, {} months after the period ended)").format(
                    Period(table.observed_to, 1).label(), table.lag)
        yield tr("So far {} of the {} crimes of {} in the areas with complete data have an outcome{}; the rest "
                 "are under investigation or have none recorded yet, so the charge rate ({} charged or "
                 "summonsed) will rise as outcomes arrive.").format(
            percent(with_outcome / crimes), f"{crimes:,}", table.period.label(), known, percent(charged / crimes))
    elif not len(whole):
        yield tr("No area has complete data for {}.").format(table.period.label())
    both = rows[rows["complete"].astype(bool) & rows["baseline_complete"].astype(bool)]
    current = both["crimes"].fillna(0).astype(float)
    base = both["baseline_crimes"].fillna(0).astype(float)
    if table.observed_to and current.sum() and base.sum():
        now = float((both["same_lag_charge_rate"].fillna(0) * current).sum() / current.sum())
        then = float(both["baseline_charged_or_summonsed"].fillna(0).astype(float).sum() / base.sum())
        yield tr("Like for like, {} months after each period ended: {} charged or summonsed for {}, against {} "
                 "for {} (outcomes recorded up to {}), over the {} areas with whole data for both.").format(
            table.lag, percent(now), table.period.label(), percent(then), table.baseline.label(),
            Period(table.baseline_observed_to, 1).label(), len(both))
    elif table.observed_to:
        yield tr("No like-for-like comparison: no area has whole street and outcomes months for {} (outcomes "
                 "up to {}) as well as for the period.").format(table.baseline.label(),
                                                               Period(table.baseline_observed_to, 1).label())
    yield from incomplete_lines(rows, table.gaps)
    unknown = int(rows["unknown_wording"].fillna(0).sum())
    if unknown:
        yield tr("{} crimes have an outcome wording not known to Crime Map: they count in the 'other' "
                 "group.").format(unknown)
