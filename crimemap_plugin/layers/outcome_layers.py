"""Layers of what forces do about crime: outcome areas (charge rate), stop-and-search areas (searches
per 1,000 residents) and stop-and-search points (by what the search led to): their fields, features
and styles, with legends in words and the data's attribution.

Areas whose force lacks a month of the period (or published only part of one) are hatched as "no
data", never coloured as if their figures were whole.
"""

import math
from typing import Dict, Iterable, List, Sequence

import pandas as pd
from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFeature,
    QgsField,
    QgsFields,
    QgsFillSymbol,
    QgsGeometry,
    QgsMarkerSymbol,
    QgsPointXY,
    QgsRendererCategory,
    QgsRuleBasedRenderer,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)

from ..core import categories
from ..core.classify import NO_DATA, PARTIAL_DATA, SEQUENTIAL, classes, number
from ..core.safe_text import spreadsheet_safe
from ..i18n import tr, tr_noop
from ..processing.outcome_table import COUNTS as OUTCOME_COUNTS
from ..processing.outcome_table import FIELDS as OUTCOME_FIELDS
from ..processing.outcome_table import OutcomeTable
from ..processing.stopsearch_table import (
    BREAKDOWN_FIELDS,
    LINKED,
    NO_FURTHER_ACTION,
    NOT_LINKED,
    NOT_RECORDED,
    StopSearchTable,
    fields,
)
from .boundaries import label_settings
from .common import OGL, ONS_OS, attribution_metadata
from .field_types import BOOL, REAL, TEXT, WHOLE

# YlGnBu (ColorBrewer, colour-blind safe): a higher charge rate is not an alarm, so not YlOrRd.
CHARGE_RAMP = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")
PARTIAL_ONLY = ('NOT "complete" AND COALESCE("partial_months", \'\') <> \'\' '
                'AND COALESCE("missing_months", \'\') = \'\'')
TEXT_FIELDS = {"area_code", "area_name", "force", "observed_to", "missing_months", "partial_months",
               "baseline_observed_to", "baseline_missing_months", "category", "period", "baseline_period",
               "ethnicity", "dimension", "value", "month", "date", "type", "gender", "age_range",
               "self_defined_ethnicity", "officer_defined_ethnicity", "legislation", "object_of_search", "outcome",
               "outcome_linked", "result"}
BOOL_FIELDS = {"complete", "baseline_complete"}
STOPSEARCH_WHOLE = {"searches", "found", "no_location_count", "population", "searches_unknown_ethnicity"}
POINT_FIELDS = ("month", "date", "force", "type", "gender", "age_range", "self_defined_ethnicity",
                "officer_defined_ethnicity", "legislation", "object_of_search", "outcome", "outcome_linked", "result")


def _type(name: str):
    if name in TEXT_FIELDS or name.endswith("_reason"):
        return TEXT
    if name in BOOL_FIELDS:
        return BOOL
    if name in OUTCOME_COUNTS or name in STOPSEARCH_WHOLE or name.startswith(("searches_", "population_")):
        return WHOLE
    return REAL


def _fields(names: Iterable[str]) -> QgsFields:
    out = QgsFields()
    for name in names:
        out.append(QgsField(name, _type(name)))
    return out


def outcome_fields() -> QgsFields:
    """The crimemap:outcomes fields: outcome_table.FIELDS, then what was asked (category, period)."""
    return _fields((*OUTCOME_FIELDS, "category", "period", "baseline_period"))


def stopsearch_fields(level: str) -> QgsFields:
    return _fields((*fields(level), "period", "ethnicity"))


def breakdown_fields() -> QgsFields:
    return _fields((*BREAKDOWN_FIELDS, "period"))


def point_fields() -> QgsFields:
    return _fields(POINT_FIELDS)


def _value(v):
    """A plain Python value for a QGIS attribute: None for NA/NaN, ints and floats unwrapped."""
    if v is None or v is pd.NA:
        return None
    try:
        if v != v:   # NaN
            return None
    except TypeError:
        return None
    return v.item() if hasattr(v, "item") else v


def records(frame: pd.DataFrame, names: Sequence[str], extra: Sequence = ()) -> List[list]:
    """The frame's rows as attribute lists in `names` order, then `extra`; area names and other
    text made safe for spreadsheets (outputs may be written as CSV)."""
    columns = [frame[n].astype(object).tolist() if n in frame else [None] * len(frame) for n in names]
    out = []
    for row in zip(*columns) if columns else []:
        values = [_value(v) for v in row]
        values = [spreadsheet_safe(v) if isinstance(v, str) else v for v in values]
        out.append(values + list(extra))
    return out


def area_features(rows: Dict[str, list], areas: QgsVectorLayer, code_field: str, fields: QgsFields,
                  unmapped: bool = True):
    """Features of `areas` (matched on `code_field`) carrying each area's attributes (`rows`: code ->
    values); with `unmapped`, a feature without geometry for each area that has no boundary (British
    Transport Police, Northern Ireland), so every area has its row."""
    seen = set()
    for area in areas.getFeatures():
        code = str(area[code_field])
        values = rows.get(code)
        if values is None or code in seen:
            continue
        seen.add(code)
        feature = QgsFeature(fields)
        feature.setGeometry(area.geometry())
        feature.setAttributes(values)
        yield feature
    if unmapped:
        for code, values in rows.items():
            if code not in seen:
                feature = QgsFeature(fields)
                feature.setAttributes(values)
                yield feature


def outcome_rows(table: OutcomeTable) -> Dict[str, list]:
    extra = (table.category, table.period.short(), table.baseline.short())
    return dict(zip(table.rows["area_code"], records(table.rows, OUTCOME_FIELDS, extra)))


def stopsearch_rows(table: StopSearchTable) -> Dict[str, list]:
    extra = (f"{table.start} to {table.end}" if table.start != table.end else table.end, table.ethnicity)
    return dict(zip(table.rows["area_code"], records(table.rows, fields(table.level), extra)))


def breakdown_features(table: StopSearchTable, fields_: QgsFields):
    period = f"{table.start} to {table.end}" if table.start != table.end else table.end
    for values in records(table.breakdowns, BREAKDOWN_FIELDS, (period,)):
        feature = QgsFeature(fields_)
        feature.setAttributes(values)
        yield feature


def point_features(searches: pd.DataFrame, fields_: QgsFields):
    """One point (EPSG:4326) per located search, with its police.uk fields and its result."""
    located = searches[searches["lon"].notna() & searches["lat"].notna()]
    lon, lat = located["lon"].tolist(), located["lat"].tolist()
    for x, y, values in zip(lon, lat, records(located, POINT_FIELDS)):
        feature = QgsFeature(fields_)
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        feature.setAttributes(values)
        yield feature


# -- styles ---------------------------------------------------------------------------------------------

def _fill(colour: str, style: str = "solid") -> QgsFillSymbol:
    return QgsFillSymbol.createSimple({"color": colour, "outline_color": "80,80,80,255", "outline_width": "0.2",
                                       "style": style})


def _finite(values) -> List[float]:
    out = []
    for v in values:
        v = _value(v)
        if v is not None and not (isinstance(v, float) and math.isinf(v)):
            out.append(float(v))
    return out


def _class_label(cls, unit: str) -> str:
    lo, hi = cls.lower, cls.upper
    if lo is not None and hi is not None and lo == hi:
        return number(lo) + unit
    if lo is None:
        return tr("below {}").format(number(hi) + unit)
    if hi is None:
        return tr("{} and above").format(number(lo) + unit)
    return tr("{} to under {}").format(number(lo) + unit, number(hi) + unit)


def _expression(value: str, lower, upper) -> str:
    parts = ['"complete"', f"{value} IS NOT NULL"]
    if lower is not None and upper is not None and lower == upper:
        return " AND ".join(parts + [f"{value} = {lower!r}"])
    if lower is not None:
        parts.append(f"{value} >= {lower!r}")
    if upper is not None:
        parts.append(f"{value} < {upper!r}")
    return " AND ".join(parts)


def area_renderer(rows: pd.DataFrame, field: str, scale: float, unit: str, ramp: Sequence[str],
                  empty_label: str) -> QgsRuleBasedRenderer:
    """Sequential classes (core.classify) of `field` × `scale` over the complete areas, only those
    classes something falls in; then "no data" (hatched) for incomplete areas, and `empty_label`
    for complete areas whose value is undefined (no crimes, no residents)."""
    complete = rows[rows["complete"].astype(bool)]
    values = [v * scale for v in _finite(complete[field])]
    value = f'("{field}" * {scale!r})' if scale != 1 else f'"{field}"'
    root = QgsRuleBasedRenderer.Rule(None)
    for cls in classes(field, values, tr=tr, present_only=True):
        colour = ramp[SEQUENTIAL.index(cls.colour)] if cls.colour in SEQUENTIAL else cls.colour
        root.appendChild(QgsRuleBasedRenderer.Rule(_fill(colour), 0, 0, _expression(value, cls.lower, cls.upper),
                                                   _class_label(cls, unit)))
    if len(complete) > len(values):
        root.appendChild(QgsRuleBasedRenderer.Rule(_fill("#ffffff"), 0, 0, f'"complete" AND "{field}" IS NULL',
                                                   empty_label))
    incomplete = rows[~rows["complete"].astype(bool)]
    partial = incomplete[(incomplete["partial_months"].fillna("") != "") & (incomplete["missing_months"].fillna("")
                                                                            == "")]
    if len(incomplete) > len(partial):
        root.appendChild(QgsRuleBasedRenderer.Rule(_fill(NO_DATA, "b_diagonal"), 0, 0,
                                                   f'NOT "complete" AND NOT ({PARTIAL_ONLY})',
                                                   tr("no data (a month is missing)")))
    if len(partial):
        root.appendChild(QgsRuleBasedRenderer.Rule(_fill(PARTIAL_DATA, "cross"), 0, 0, PARTIAL_ONLY,
                                                   tr("partial data (a force published part of a month)")))
    return QgsRuleBasedRenderer(root)


def _labels(expression: str):
    settings = label_settings(expression, size=7.5, expression=True)
    settings.yOffset = 3.5   # below the area's name
    return QgsVectorLayerSimpleLabeling(settings)


def outcomes_title(table: OutcomeTable) -> str:
    return tr("Charged or summonsed so far · {} · {}").format(categories.label(table.category),
                                                              table.period.label())


def style_outcomes(layer: QgsVectorLayer, table: OutcomeTable) -> None:
    """The charge rate (share of the period's crimes charged or summonsed so far) in classes."""
    layer.setRenderer(area_renderer(table.rows, "charge_rate", 100.0, "%", CHARGE_RAMP,
                                    tr("no crimes in the period: no rate")))
    layer.setLabeling(_labels('CASE WHEN "complete" AND "charge_rate" IS NOT NULL '
                              'THEN format_number(100 * "charge_rate", 0) || \'%\' END'))
    layer.setLabelsEnabled(True)
    known = tr("outcomes recorded up to {}").format(table.observed_to) if table.observed_to else \
        tr("no outcomes files: outcomes from the street files' last outcome category")
    layer.setMetadata(attribution_metadata(layer.name(), tr(
        "What has happened so far to the street crimes of {} ({} level, {}): per area the crimes, the share "
        "with an outcome yet, the share in each outcome group, the charge or summons rate and the median "
        "months from crime to outcome, with the same period a year earlier observed at the same lag. From the "
        "Crime Map store.").format(table.title(), table.level, known), [OGL, ONS_OS]))


def ethnicity_words(ethnicity: str) -> str:
    """Which ethnicity the searches were counted by, in words."""
    words = {"officer": tr("officer-defined ethnicity"), "self": tr("self-defined ethnicity"),
             "self_then_officer": tr("self-defined ethnicity, officer-defined where not stated")}
    return words.get(ethnicity, ethnicity)


def stopsearch_title(table: StopSearchTable) -> str:
    period = table.start if table.start == table.end else tr("{} to {}").format(table.start, table.end)
    return tr("Stop and search per 1,000 residents · {}").format(period)


def style_stopsearch(layer: QgsVectorLayer, table: StopSearchTable) -> None:
    """Searches per 1,000 residents (Census 2021) in classes."""
    layer.setRenderer(area_renderer(table.rows, "rate_per_1000", 1.0, "", SEQUENTIAL,
                                    tr("no residents: no rate")))
    layer.setLabeling(_labels('CASE WHEN "complete" AND "rate_per_1000" IS NOT NULL '
                              'THEN format_number("rate_per_1000", 1) END'))
    layer.setLabelsEnabled(True)
    layer.setMetadata(attribution_metadata(layer.name(), tr(
        "Stop and search from the Crime Map store, {} to {} ({} level): searches, the find rate (outcome "
        "linked to the object of the search), searches without a location, searches per 1,000 residents "
        "(Census 2021) and, by force, rates per 1,000 residents of each ethnic group (by {}) "
        "with the ratio to the White rate and its 95% confidence interval.").format(
            table.start, table.end, table.level, ethnicity_words(table.ethnicity)), [OGL, ONS_OS]))


RESULT_STYLE = (   # result, colour (Okabe-Ito, colour-blind safe), legend
    (LINKED, "#009e73", tr_noop("found: outcome linked to the object searched for")),
    (NOT_LINKED, "#e69f00", tr_noop("other outcome, not linked to the object (arrest, warning ...)")),
    (NO_FURTHER_ACTION, "#56b4e9", tr_noop("no further action")),
    (NOT_RECORDED, "#999999", tr_noop("outcome not recorded")),
)


def points_title(start: str, end: str) -> str:
    period = start if start == end else tr("{} to {}").format(start, end)
    return tr("Stop and search points · {}").format(period)


def style_points(layer: QgsVectorLayer) -> None:
    """Searches coloured by what they led to."""
    cats = []
    for value, colour, label in RESULT_STYLE:
        symbol = QgsMarkerSymbol.createSimple({"name": "circle", "color": colour, "outline_color": "255,255,255,200",
                                               "outline_width": "0.1", "size": "2.0"})
        cats.append(QgsRendererCategory(value, symbol, tr(label)))
    layer.setRenderer(QgsCategorizedSymbolRenderer("result", cats))
    layer.setMetadata(attribution_metadata(layer.name(), tr(
        "police.uk stop-and-search records with a location, from the Crime Map store (locations are "
        "anonymised to the nearest of police.uk's map points)."), [OGL]))
