"""The comparison layer: areas with their comparison fields, a legend that says what is shown, a
diverging or sequential ramp, and incomplete areas hatched as "no data"."""

import math

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
from .common import OGL, ONS_OS, attribution_metadata, write_gpkg_layer
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


def _value(v):
    if v is None:
        return None
    try:
        if v != v:  # NaN, pandas NA raises TypeError below
            return None
    except TypeError:
        return None
    if hasattr(v, "item"):
        v = v.item()
    return v


def attribute_rows(comparison: Comparison):
    """area_code -> list of attribute values in FIELD_TYPES order."""
    out = {}
    period, baseline = comparison.period.short(), comparison.baseline.short()
    for row in comparison.rows.itertuples(index=False):
        d = row._asdict()
        values = [_value(d.get(name)) for name in FIELD_TYPES if name not in ("category", "period",
                                                                              "baseline_period")]
        values[1] = spreadsheet_safe(values[1])   # area_name: outputs may be written as CSV
        values += [comparison.category, period, baseline]
        out[d["area_code"]] = values
    return out


def comparison_features(comparison: Comparison, areas: QgsVectorLayer, code_field: str, fields: QgsFields,
                        unmapped: bool = True):
    """Features of `areas` (matched on `code_field`) carrying the comparison's attributes; with
    `unmapped`, then a feature without geometry for each compared area that has no boundary
    (British Transport Police, Northern Ireland), so every area has its row."""
    rows = attribute_rows(comparison)
    seen = set()
    for area in areas.getFeatures():
        code = str(area[code_field])
        values = rows.get(code)
        if values is None:
            continue
        seen.add(code)
        f = QgsFeature(fields)
        f.setGeometry(area.geometry())
        f.setAttributes(values)
        yield f
    if unmapped:
        for code, values in rows.items():
            if code not in seen:
                f = QgsFeature(fields)
                f.setAttributes(values)
                yield f


def legend_title(comparison: Comparison, measure: str) -> str:
    return tr("{measure} · {category} · {period} vs {baseline}").format(
        measure=tr(MEASURES.get(measure, measure)), category=tr(categories.label(comparison.category)),
        period=comparison.period.label(), baseline=comparison.baseline.label())


def build_layer(comparison: Comparison, areas: QgsVectorLayer, code_field: str, measure: str = "change_pct",
                name: str = None) -> QgsVectorLayer:
    """A new memory layer holding the comparison, styled."""
    crs = areas.crs().authid()
    layer = QgsVectorLayer(f"{QgsWkbTypes.displayString(areas.wkbType())}?crs={crs}", name or
                           legend_title(comparison, measure), "memory")
    provider = layer.dataProvider()
    fields = comparison_fields()
    provider.addAttributes(list(fields))
    layer.updateFields()
    provider.addFeatures(list(comparison_features(comparison, areas, code_field, layer.fields())))
    layer.updateExtents()
    style(layer, comparison, measure)
    return layer


def write_layer(comparison: Comparison, areas: QgsVectorLayer, code_field: str, path: str,
                measure: str = "change_pct") -> QgsVectorLayer:
    """The comparison written to a GeoPackage of its own (so projects keep it and QGIS never asks
    about losing a scratch layer), opened and styled."""
    write_gpkg_layer(build_layer(comparison, areas, code_field, measure), path, "comparison", new_file=True,
                     spatial_index=False)
    layer = QgsVectorLayer(f"{path}|layername=comparison", legend_title(comparison, measure), "ogr")
    style(layer, comparison, measure)
    return layer


def update_layer(layer: QgsVectorLayer, comparison: Comparison, measure: str = "change_pct") -> None:
    """Rewrite the comparison fields of an existing layer in place (no new layer per change)."""
    rows = attribute_rows(comparison)
    names = list(FIELD_TYPES)
    idx = {n: layer.fields().indexOf(n) for n in names}
    changes = {}
    for f in layer.getFeatures():
        values = rows.get(str(f["area_code"]))
        if values is None:
            values = [f["area_code"], f["area_name"], f["force"]] + [None] * (len(names) - 3)
        changes[f.id()] = {idx[n]: v for n, v in zip(names, values) if idx[n] >= 0}
    layer.dataProvider().changeAttributeValues(changes)
    layer.setName(legend_title(comparison, measure))
    style(layer, comparison, measure)
    layer.triggerRepaint()


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


def renderer(measure: str, rows) -> QgsRuleBasedRenderer:
    """Rules for what the map shows, with only the classes and notes that something on it falls in
    (a legend that lists what is there). `rows`: the comparison's rows."""
    records = rows.to_dict("records") if hasattr(rows, "to_dict") else list(rows)
    diverging = measure in DIVERGING_MEASURES
    shown = [r for r in records if not _isnan(r.get(measure)) and (r.get("complete") or not diverging)]
    root = QgsRuleBasedRenderer.Rule(None)
    for cls in classes(measure, [r[measure] for r in shown], tr=tr, present_only=True):
        root.appendChild(QgsRuleBasedRenderer.Rule(_fill(cls.colour), 0, 0,
                                                   _rule_expression(measure, cls.lower, cls.upper), cls.label))
    missing = [r for r in records if _isnan(r.get(measure)) and not (diverging and r.get("complete"))]
    partial = [r for r in missing if r.get("partial_months") and not r.get("missing_months")]
    gap = 'NOT "complete"' if diverging else f'"{measure}" IS NULL'
    if measure == "change_pct" and any(r.get("complete") and _isnan(r.get(measure)) for r in records):
        root.appendChild(QgsRuleBasedRenderer.Rule(_fill("#ffffff"), 0, 0, '"complete" AND "change_pct" IS NULL',
                                                   tr("no crimes before: a % is not defined")))
    if len(missing) > len(partial):
        root.appendChild(QgsRuleBasedRenderer.Rule(_fill(NO_DATA, "b_diagonal"), 0, 0,
                                                   f"({gap}) AND NOT ({PARTIAL_ONLY})",
                                                   tr("no data (a month is missing)")))
    if partial:
        root.appendChild(QgsRuleBasedRenderer.Rule(_fill(PARTIAL_DATA, "cross"), 0, 0, f"({gap}) AND ({PARTIAL_ONLY})",
                                                   tr("partial data (a force published part of a month)")))
    tested = sum(1 for r in records if r.get("complete"))
    if diverging and any(not _isnan(r.get("significant")) and bool(r.get("significant")) for r in records):
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


def _isnan(v) -> bool:
    try:
        return v is None or (isinstance(v, float) and math.isnan(v)) or bool(v != v)
    except TypeError:
        return True
