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
from qgis.PyQt.QtCore import QVariant

from ..core import categories
from ..core.classify import MEASURES, NO_DATA, PARTIAL_DATA, classes
from ..core.compare import Comparison
from ..core.safe_text import spreadsheet_safe
from ..i18n import tr
from .boundaries import label_settings
from .common import OGL, ONS_OS, attribution_metadata, write_gpkg_layer

ROLE = "comparison"
# Incomplete only because a month is a partial submission (no month missing outright).
PARTIAL_ONLY = ('NOT "complete" AND COALESCE("partial_months", \'\') <> \'\' '
                'AND COALESCE("missing_months", \'\') = \'\'')
FIELD_TYPES = {
    "area_code": QVariant.String, "area_name": QVariant.String, "force": QVariant.String,
    "current": QVariant.Int, "baseline": QVariant.Int, "change": QVariant.Int, "change_pct": QVariant.Double,
    "rate_per_1000": QVariant.Double, "annual_rate_per_1000": QVariant.Double, "p_value": QVariant.Double,
    "q_value": QVariant.Double, "significant": QVariant.Bool, "complete": QVariant.Bool,
    "population": QVariant.Int, "missing_months": QVariant.String, "partial_months": QVariant.String,
    "category": QVariant.String, "period": QVariant.String, "baseline_period": QVariant.String,
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
    return (f"{tr(MEASURES.get(measure, measure))} · {categories.label(comparison.category)} · "
            f"{comparison.period.label()} vs {comparison.baseline.label()}")


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
    parts = ['"complete"', f'"{measure}" IS NOT NULL']
    if lower is not None:
        parts.append(f'"{measure}" >= {lower!r}')
    if upper is not None:
        parts.append(f'"{measure}" < {upper!r}')
    return " AND ".join(parts)


def renderer(measure: str, values) -> QgsRuleBasedRenderer:
    root = QgsRuleBasedRenderer.Rule(None)
    for cls in classes(measure, values):
        symbol = QgsFillSymbol.createSimple({"color": cls.colour, "outline_color": "80,80,80,255",
                                             "outline_width": "0.2"})
        root.appendChild(QgsRuleBasedRenderer.Rule(symbol, 0, 0, _rule_expression(measure, cls.lower, cls.upper),
                                                   cls.label))
    if measure == "change_pct":
        zero = QgsFillSymbol.createSimple({"color": "#ffffff", "outline_color": "80,80,80,255",
                                           "outline_width": "0.2"})
        root.appendChild(QgsRuleBasedRenderer.Rule(zero, 0, 0, '"complete" AND "change_pct" IS NULL',
                                                   "no crimes in the baseline: % not defined"))
    hatch = QgsFillSymbol.createSimple({"color": NO_DATA, "outline_color": "80,80,80,255",
                                        "outline_width": "0.2", "style": "b_diagonal"})
    root.appendChild(QgsRuleBasedRenderer.Rule(hatch, 0, 0, f'NOT ({PARTIAL_ONLY}) AND (NOT "complete" OR '
                                                            f'"complete" IS NULL)',
                                               "no data (a month is missing)"))
    partial = QgsFillSymbol.createSimple({"color": PARTIAL_DATA, "outline_color": "80,80,80,255",
                                          "outline_width": "0.2", "style": "cross"})
    root.appendChild(QgsRuleBasedRenderer.Rule(partial, 0, 0, PARTIAL_ONLY,
                                               "partial data (a month is a partial submission)"))
    return QgsRuleBasedRenderer(root)


def style(layer: QgsVectorLayer, comparison: Comparison, measure: str = "change_pct") -> None:
    complete = comparison.rows["complete"].tolist()
    values = [v for v, ok in zip(comparison.rows[measure].tolist(), complete) if ok and not _isnan(v)]
    layer.setRenderer(renderer(measure, values))
    layer.setLabeling(QgsVectorLayerSimpleLabeling(comparison_label_settings(measure)))
    layer.setLabelsEnabled(True)
    layer.setMetadata(attribution_metadata(
        layer.name(), f"{comparison.title()} ({comparison.level} level), from the Crime Map store.", [OGL, ONS_OS]))
    layer.setCustomProperty("crimemap/measure", measure)


def comparison_label_settings(measure: str) -> QgsPalLayerSettings:
    """Only the value, and only where there is one: the force areas layer underneath names the areas,
    and the hatching says "no data"."""
    if measure == "change_pct":
        value = """CASE WHEN "complete" AND "change_pct" IS NOT NULL
                   THEN format_number("change_pct", 1) || '%' || CASE WHEN "significant" THEN ' *' ELSE '' END END"""
    else:
        value = f"""CASE WHEN "{measure}" IS NOT NULL THEN format_number("{measure}", 1) END"""
    settings = label_settings(value, size=7.5, expression=True)
    settings.yOffset = 3.5  # below the area's name
    return settings


def _isnan(v) -> bool:
    try:
        return v is None or (isinstance(v, float) and math.isnan(v)) or v != v
    except TypeError:
        return True
