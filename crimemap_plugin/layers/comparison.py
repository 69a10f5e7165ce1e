"""The comparison layer: areas with their comparison fields, a legend that says what is shown, a
diverging or sequential ramp, and incomplete areas hatched as "no data"."""

import numpy as np
import pandas as pd
from qgis.core import (
    QgsFeature,
    QgsField,
    QgsFields,
    QgsFillSymbol,
    QgsPalLayerSettings,
    QgsRuleBasedRenderer,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
    QgsWkbTypes,
)

from ..core import categories
from ..core.classify import DIVERGING_MEASURES, MEASURES, NO_DATA, PARTIAL_DATA, WHOLE_MEASURES, classes
from ..core.compare import Comparison
from ..core.safe_text import spreadsheet_safe
from ..i18n import tr
from .boundaries import label_settings
from .common import OGL, ONS_OS, attribution_metadata
from .field_types import BOOL, REAL, TEXT, WHOLE

ROLE = "comparison"
# Incomplete only because a month is a partial submission (no month missing outright).
PARTIAL_ONLY = ('NOT "complete" AND COALESCE("partial_months", \'\') <> \'\' '
                'AND COALESCE("missing_months", \'\') = \'\'')
FIELD_TYPES = {
    "area_code": TEXT, "area_name": TEXT, "force": TEXT,
    "current": WHOLE, "baseline": WHOLE, "change": WHOLE, "change_pct": REAL,
    "rate_per_1000": REAL, "annual_rate_per_1000": REAL, "p_value": REAL,
    "q_value": REAL, "significant": BOOL, "complete": BOOL,
    "population": WHOLE, "missing_months": TEXT, "partial_months": TEXT,
    "category": TEXT, "period": TEXT, "baseline_period": TEXT,
}


def comparison_fields() -> QgsFields:
    fields = QgsFields()
    for name, kind in FIELD_TYPES.items():
        fields.append(QgsField(name, kind))
    return fields


def _column(frame, name: str, n: int) -> list:
    """One column of the comparison as Python values, None where it has none (NaN, pandas NA)."""
    if name not in frame:
        return [None] * n
    return frame[name].to_numpy(dtype=object, na_value=None).tolist()


STATED = ("category", "period", "baseline_period")   # the same on every row: what was compared


def attribute_rows(comparison: Comparison):
    """area_code -> list of attribute values in FIELD_TYPES order (column by column: thousands of
    neighbourhoods are rewritten at every change in the dock)."""
    frame = comparison.rows
    n = len(frame)
    columns = [_column(frame, name, n) for name in FIELD_TYPES if name not in STATED]
    columns[1] = [spreadsheet_safe(v) for v in columns[1]]   # area_name: outputs may be written as CSV
    stated = [comparison.category, comparison.period.short(), comparison.baseline.short()]
    return {values[0]: list(values) + stated for values in zip(*columns)}


def matched_areas(codes, areas: QgsVectorLayer, code_field: str, unmapped: bool = True):
    """(code, geometry) of each of `codes` that `areas` has (matched on `code_field`), in the areas'
    order; with `unmapped`, then (code, None) for each code without a boundary (British Transport
    Police, Northern Ireland), so every area has its row."""
    wanted = set(codes)
    seen = set()
    for area in areas.getFeatures():
        code = str(area[code_field])
        if code in wanted and code not in seen:
            seen.add(code)
            yield code, area.geometry()
    if unmapped:
        for code in codes:
            if code not in seen:
                yield code, None


def comparison_features(comparison: Comparison, areas: QgsVectorLayer, code_field: str, fields: QgsFields,
                        unmapped: bool = True):
    """Features of `areas` (matched on `code_field`) carrying the comparison's attributes; with
    `unmapped`, then a feature without geometry for each compared area that has no boundary."""
    rows = attribute_rows(comparison)
    for code, geometry in matched_areas(list(rows), areas, code_field, unmapped):
        f = QgsFeature(fields)
        if geometry is not None:
            f.setGeometry(geometry)
        f.setAttributes(rows[code])
        yield f


def legend_title(comparison: Comparison, measure: str) -> str:
    return tr("{measure} · {category} · {period} vs {baseline}").format(
        measure=tr(MEASURES.get(measure, measure)), category=tr(categories.label(comparison.category)),
        period=comparison.period.label(), baseline=comparison.baseline.label())


def build_layer(comparison: Comparison, areas: QgsVectorLayer, code_field: str, measure: str = "change_pct",
                name: str = None) -> QgsVectorLayer:
    """A new memory layer holding the comparison, styled."""
    layer = memory_layer_like(areas, name or legend_title(comparison, measure), comparison_fields())
    layer.dataProvider().addFeatures(list(comparison_features(comparison, areas, code_field, layer.fields())))
    layer.updateExtents()
    style(layer, comparison, measure)
    return layer


def memory_layer_like(areas: QgsVectorLayer, name: str, fields: QgsFields) -> QgsVectorLayer:
    """An empty memory layer of the geometry type and CRS of `areas`, with `fields`."""
    layer = QgsVectorLayer(f"{QgsWkbTypes.displayString(areas.wkbType())}?crs={areas.crs().authid()}", name,
                           "memory")
    layer.dataProvider().addAttributes(list(fields))
    layer.updateFields()
    return layer


def _rule_expression(measure: str, lower, upper) -> str:
    parts = ['"complete"'] if measure in DIVERGING_MEASURES else []
    parts.append(f'"{measure}" IS NOT NULL')
    if lower is not None and upper is not None and lower == upper:
        parts.append(f'"{measure}" = {lower!r}')
        return " AND ".join(parts)
    if lower is not None:
        parts.append(f'"{measure}" >= {lower!r}')
    if upper is not None:
        parts.append(f'"{measure}" < {upper!r}')
    return " AND ".join(parts)


def _fill(colour: str, style: str = "solid") -> QgsFillSymbol:
    return QgsFillSymbol.createSimple({"color": colour, "outline_color": "80,80,80,255", "outline_width": "0.2",
                                       "style": style})


def _flags(frame, name: str, n: int):
    """A column as booleans (missing is False)."""
    if name not in frame:
        return np.zeros(n, dtype=bool)
    return frame[name].fillna(False).to_numpy(dtype=bool)


def _texts(frame, name: str, n: int):
    """A text column as booleans: True where it says something."""
    if name not in frame:
        return np.zeros(n, dtype=bool)
    return frame[name].fillna("").astype(str).str.len().to_numpy() > 0


def renderer(measure: str, rows) -> QgsRuleBasedRenderer:
    """Rules for what the map shows, with only the classes and notes that something on it falls in
    (a legend that lists what is there). `rows`: the comparison's rows (a frame, or records)."""
    frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(list(rows))
    n = len(frame)
    values = (pd.to_numeric(frame[measure], errors="coerce").astype(float).to_numpy() if measure in frame
              else np.full(n, np.nan))
    blank = np.isnan(values)
    complete = _flags(frame, "complete", n)
    diverging = measure in DIVERGING_MEASURES
    shown = ~blank & (complete | (not diverging))
    root = QgsRuleBasedRenderer.Rule(None)
    for cls in classes(measure, values[shown].tolist(), tr=tr, present_only=True):
        root.appendChild(QgsRuleBasedRenderer.Rule(_fill(cls.colour), 0, 0,
                                                   _rule_expression(measure, cls.lower, cls.upper), cls.label))
    missing = blank & ~(complete & diverging)
    partial = missing & _texts(frame, "partial_months", n) & ~_texts(frame, "missing_months", n)
    gap = 'NOT "complete"' if diverging else f'"{measure}" IS NULL'
    if measure == "change_pct" and (complete & blank).any():
        root.appendChild(QgsRuleBasedRenderer.Rule(_fill("#ffffff"), 0, 0, '"complete" AND "change_pct" IS NULL',
                                                   tr("no crimes before: a % is not defined")))
    if missing.sum() > partial.sum():
        root.appendChild(QgsRuleBasedRenderer.Rule(_fill(NO_DATA, "b_diagonal"), 0, 0,
                                                   f"({gap}) AND NOT ({PARTIAL_ONLY})",
                                                   tr("no data (a month is missing)")))
    if partial.any():
        root.appendChild(QgsRuleBasedRenderer.Rule(_fill(PARTIAL_DATA, "cross"), 0, 0, f"({gap}) AND ({PARTIAL_ONLY})",
                                                   tr("partial data (a force published part of a month)")))
    tested = int(complete.sum())
    if diverging and _flags(frame, "significant", n).any():
        outline = QgsFillSymbol.createSimple({"style": "no", "outline_color": "#1a1a1a", "outline_width": "0.7"})
        said = (tr("thick outline: larger than chance would explain (allowing for the {} areas compared)")
                .format(tested) if tested > 1 else tr("thick outline: larger than chance would explain"))
        root.appendChild(QgsRuleBasedRenderer.Rule(outline, 0, 0, '"significant"', said))
    return QgsRuleBasedRenderer(root)


def style(layer: QgsVectorLayer, comparison: Comparison, measure: str = "change_pct") -> None:
    layer.setRenderer(renderer(measure, comparison.rows))
    layer.setLabeling(QgsVectorLayerSimpleLabeling(comparison_label_settings(measure)))
    layer.setLabelsEnabled(True)
    layer.setMetadata(attribution_metadata(
        layer.name(), f"{comparison.title()} ({comparison.level} level), from the Crime Map store.", [OGL, ONS_OS]))
    layer.setCustomProperty("crimemap/measure", measure)


def comparison_label_settings(measure: str) -> QgsPalLayerSettings:
    """Only the value, and only where there is one: the force areas layer underneath names the areas,
    the hatching says "no data", the legend what a thick outline means. Signs always shown."""
    if measure == "change_pct":
        value = """CASE WHEN "complete" AND "change_pct" IS NOT NULL
                   THEN CASE WHEN round("change_pct") > 0 THEN '+' || format_number("change_pct", 0)
                             WHEN round("change_pct") < 0 THEN '−' || format_number(abs("change_pct"), 0)
                             ELSE '0' END || '%' END"""
    elif measure in WHOLE_MEASURES:
        value = f"""CASE WHEN "{measure}" IS NOT NULL THEN format_number("{measure}", 0) END"""
    else:
        value = f"""CASE WHEN "{measure}" IS NOT NULL THEN format_number("{measure}", 1) END"""
    settings = label_settings(value, size=7.5, expression=True)
    settings.yOffset = 3.5  # below the area's name
    return settings
