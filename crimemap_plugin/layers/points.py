"""Crime points from the store for a period: categorised by category, or as a heatmap."""

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsExpression,
    QgsGradientColorRamp,
    QgsHeatmapRenderer,
    QgsMarkerSymbol,
    QgsRendererCategory,
    QgsVectorLayer,
)
from qgis.PyQt.QtGui import QColor

from ..core import categories, periods
from .boundaries import store_layer
from .common import OGL, attribution_metadata

ROLE = "crime_points"
# Okabe-Ito (colour-blind safe) first, then distinguishable extras for the rarer categories.
PALETTE = ("#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7", "#000000",
           "#999999", "#882255", "#44aa99", "#117733", "#332288", "#ddcc77", "#aa4499")


def subset(category=None, start=None, end=None) -> str:
    """The layer's filter: only known categories and real months go in, quoted as QGIS quotes values."""
    parts = []
    if category and category != categories.ALL_CRIME:
        if category not in categories.CATEGORIES and category not in categories.LEGACY:
            raise ValueError(f"unknown category {category!r}")
        parts.append(f"\"category\" = {QgsExpression.quotedValue(category)}")
    for op, month in ((">=", start), ("<=", end)):
        if month:
            periods.parse(month)   # ValueError unless YYYY-MM
            parts.append(f"\"month\" {op} {QgsExpression.quotedValue(month)}")
    return " AND ".join(parts)


def crime_points_layer(store_path: str, category=None, start=None, end=None, heatmap: bool = False) -> QgsVectorLayer:
    what = categories.label(category or categories.ALL_CRIME)
    span = f"{start} to {end}" if start and end and start != end else (end or start or "all months")
    layer = store_layer(store_path, "crimes", f"Crimes · {what} · {span}")
    if not layer.isValid():
        raise RuntimeError(f"{store_path}: no crimes layer in the store")
    layer.setSubsetString(subset(category, start, end))
    layer.setRenderer(heatmap_renderer() if heatmap else category_renderer())
    layer.setMetadata(attribution_metadata(layer.name(), "police.uk street-level crime from the Crime Map store.",
                                           [OGL]))
    return layer


def category_renderer() -> QgsCategorizedSymbolRenderer:
    cats = []
    for i, (slug, name) in enumerate(list(categories.CATEGORIES.items()) + list(categories.LEGACY.items())):
        symbol = QgsMarkerSymbol.createSimple({"name": "circle", "color": PALETTE[i % len(PALETTE)],
                                               "outline_color": "255,255,255,200", "outline_width": "0.1",
                                               "size": "1.8"})
        cats.append(QgsRendererCategory(slug, symbol, name))
    return QgsCategorizedSymbolRenderer("category", cats)


def heatmap_renderer() -> QgsHeatmapRenderer:
    renderer = QgsHeatmapRenderer()
    renderer.setRadius(8)
    renderer.setColorRamp(QgsGradientColorRamp(QColor(255, 255, 178, 0), QColor(189, 0, 38, 255)))
    return renderer
