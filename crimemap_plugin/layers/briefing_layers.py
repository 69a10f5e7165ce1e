"""The layers a briefing's map draws besides the store's: its own area outlined and labelled, and the
comparison styled for print."""

from typing import Optional

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFillSymbol,
    QgsGeometry,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)

from ..core.compare import Comparison
from .boundaries import label_settings
from .comparison import build_layer
from .layout_items import qfont


def highlight_layer(geometry: QgsGeometry, crs: QgsCoordinateReferenceSystem, name: str,
                    label: str, labelled: bool = True) -> QgsVectorLayer:
    """The briefing's own area, outlined on top of the comparison and (when `labelled`) labelled first."""
    layer = QgsVectorLayer(f"MultiPolygon?crs={crs.authid()}&field=label:string", name, "memory")
    feature = QgsFeature(layer.fields())
    feature.setGeometry(geometry)
    feature.setAttributes([label])
    layer.dataProvider().addFeatures([feature])
    layer.updateExtents()
    # Dashed, so it is never taken for the solid thick outline of a change beyond chance.
    symbol = QgsFillSymbol.createSimple({"style": "no", "outline_color": "#111111", "outline_width": "0.9",
                                         "outline_style": "dash"})
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    if not labelled:
        return layer
    settings = label_settings("label", size=8.0)
    settings.priority = 10          # before any neighbour's label (the comparison's own for this area too)
    fmt = settings.format()
    fmt.setFont(qfont(8.0, True))
    settings.setFormat(fmt)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)
    return layer


# A change % written as signed_pct writes it: "+12%", "−8%", "0%" (halves away from zero).
SIGNED_PCT = """CASE WHEN floor(abs("change_pct") + 0.5) = 0 THEN '0%'
                WHEN "change_pct" > 0 THEN '+' || format_number(floor("change_pct" + 0.5), 0) || '%'
                ELSE '\u2212' || format_number(floor(-"change_pct" + 0.5), 0) || '%' END"""


def briefing_comparison_layer(comparison: Comparison, areas: QgsVectorLayer, code_field: str) -> QgsVectorLayer:
    """The comparison, styled for print: change % classes, each area named with its change."""
    layer = build_layer(comparison, areas, code_field, "change_pct")
    value = f""""area_name" || CASE WHEN "complete" AND "change_pct" IS NOT NULL
               THEN '\n' || {SIGNED_PCT} ELSE '' END"""
    settings = label_settings(value, size=6.5, expression=True)
    settings.priority = 3
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)
    return layer


def area_geometry(layer: QgsVectorLayer, code_field: str, code: str) -> Optional[QgsGeometry]:
    for feature in layer.getFeatures():
        if str(feature[code_field]) == code:
            return feature.geometry()
    return None
