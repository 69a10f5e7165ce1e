"""A neighbourhood briefing's map of where crime happened: Gi* hot spot cells (or the crimes as points,
for few crimes) inside the neighbourhood on a street map, the top five locations numbered on the map
and listed beside it, the neighbourhood outlined.

Hot spots keep the colours analysts know from the hot spot layer (layers/hotspot_layers.py), drawn a
little transparent so the streets show through, and cells that are not significant are left
uncoloured (the street map is what matters there). The street map is attributed on the map; when it
is enabled but cannot be drawn (offline), the map says so in words on a plain background.
"""

from dataclasses import dataclass
from typing import List, Optional

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFeature,
    QgsFillSymbol,
    QgsGeometry,
    QgsMarkerSymbol,
    QgsPointXY,
    QgsRendererCategory,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor

from ..core import categories
from ..core import gi_star as gi
from ..core.briefing_where import HOTSPOTS, Where
from ..i18n import tr
from .basemap import Basemap
from .boundaries import label_settings
from .hotspot_layers import HOTSPOT_COLOURS, HOTSPOT_LABELS, grid_features
from .layout_items import (
    NORTH_ARROW_SIZE,
    add_legend,
    add_map,
    add_scale_bar,
    fit_map,
    item_size,
    label,
    line_mm,
    move,
    north_arrow,
    qfont,
    text_lines,
    text_width_mm,
    wrapped,
)

CELL_OPACITY = 0.72
POINT_COLOUR = "29,53,87,190"
TOP_PT = 7.0
MAP_MARGIN = 1.12          # the map shows the neighbourhood and a little around it


@dataclass
class WhereLayers:
    """The layers of one neighbourhood's map (kept alive as long as its layout)."""
    where: Optional[QgsVectorLayer]       # hot spot cells or crimes as points (None: no crimes)
    top: Optional[QgsVectorLayer]         # the top locations, numbered
    basemap: Basemap

    def drawn(self) -> list:
        """The vector layers, top first (the street map goes beneath them)."""
        return [la for la in (self.top, self.where) if la is not None]


def _what(brief) -> str:
    return tr(categories.label(brief.category)).lower()


def hotspot_cells_layer(where: Where, brief) -> QgsVectorLayer:
    """The study cells with their Gi* class (EPSG:27700); only the classes present are in the legend."""
    name = tr("Hot spots of {category}, {period} (Getis–Ord Gi*, {size} m cells)").format(
        category=_what(brief), period=brief.period.short_label(), size=f"{where.cell_size:,.0f}")
    layer = QgsVectorLayer("Polygon?crs=EPSG:27700&field=cell_id:string&field=crimes:integer&field=gi_z:double"
                           "&field=hotspot:string", name, "memory")
    cells = where.cells
    rows = [[c, int(n), None if z != z else float(z), h] for c, n, z, h in
            zip(cells["cell_id"], cells["crimes"], cells["gi_z"], cells["hotspot"])]
    layer.dataProvider().addFeatures(list(grid_features(layer.fields(), cells["x0"].to_numpy(),
                                                        cells["y0"].to_numpy(), where.cell_size, rows)))
    layer.updateExtents()
    present = set(cells["hotspot"])
    styles = []
    for value in gi.CLASSES:
        if value not in present:
            continue
        if value == gi.NOT_SIGNIFICANT:
            symbol = QgsFillSymbol.createSimple({"style": "no", "outline_style": "no"})
            text = tr("Not significant (not coloured)")
        else:
            colour = HOTSPOT_COLOURS[value]
            symbol = QgsFillSymbol.createSimple({"color": colour, "outline_color": colour, "outline_width": "0"})
            text = tr(HOTSPOT_LABELS[value])
        styles.append(QgsRendererCategory(value, symbol, text))
    layer.setRenderer(QgsCategorizedSymbolRenderer("hotspot", styles))
    layer.setOpacity(CELL_OPACITY)
    return layer


def crime_points_layer(where: Where, brief) -> QgsVectorLayer:
    """The period's crimes inside the neighbourhood, as dots at police.uk's approximate places."""
    name = tr("{category}: {n} crimes (approximate places)").format(category=tr(categories.label(brief.category)),
                                                                   n=f"{where.crimes:,}")
    layer = QgsVectorLayer("Point?crs=EPSG:27700", name, "memory")
    features = []
    for x, y in zip(where.x.tolist(), where.y.tolist()):
        feature = QgsFeature()
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    layer.updateExtents()
    symbol = QgsMarkerSymbol.createSimple({"name": "circle", "color": POINT_COLOUR, "size": "1.6",
                                           "outline_color": "255,255,255,220", "outline_width": "0.15"})
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    return layer


def top_locations_layer(where: Where) -> QgsVectorLayer:
    """The top locations as white discs numbered as the list beside the map numbers them."""
    layer = QgsVectorLayer("Point?crs=EPSG:4326&field=rank:integer&field=location:string",
                           tr("Top locations (numbered as listed)"), "memory")
    features = []
    for top in where.top:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(top.lon, top.lat)))
        feature.setAttributes([top.rank, top.location])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    layer.updateExtents()
    symbol = QgsMarkerSymbol.createSimple({"name": "circle", "color": "255,255,255,235", "size": "3.6",
                                           "outline_color": "#111111", "outline_width": "0.35"})
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    settings = label_settings("rank", size=6.5)
    fmt = settings.format()
    fmt.setFont(qfont(6.5, True))
    fmt.buffer().setEnabled(False)
    settings.setFormat(fmt)
    settings.priority = 10
    settings.dataDefinedProperties().clear()
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)
    return layer


def where_layers(brief, basemap: Basemap) -> WhereLayers:
    """The layers of the neighbourhood's map (brief.where is set)."""
    where = brief.where
    shown = None
    if where.crimes:
        shown = hotspot_cells_layer(where, brief) if where.mode == HOTSPOTS else crime_points_layer(where, brief)
    top = top_locations_layer(where) if where.top else None
    return WhereLayers(shown, top, basemap)


def top_lines(brief) -> List[str]:
    """'1. On or near Tewkesbury Road: 23 (18)' for each of the top locations: its crimes in the period
    and, in brackets, in the baseline period."""
    return [tr("{rank}. {place}: {n} ({before})").format(rank=t.rank, place=t.location or tr("(no name)"),
                                                         n=f"{t.crimes:,}", before=f"{t.baseline:,}")
            for t in brief.where.top]


def why_points(brief) -> str:
    where = brief.where
    if where.mode == HOTSPOTS or not where.crimes:
        return ""
    if where.why_points == "few":
        return tr("Crimes shown as points: {n} located in the period, too few for hot spots (50 or more).").format(
            n=f"{where.crimes:,}")
    return tr("Crimes shown as points: hot spots cannot be worked out here (too few cells, or all alike).")


def _note(layout, page, text, map_rect, item_id, colour="#333333") -> None:
    """A short text in the map's bottom-right corner, on a white box (attribution, or why there is no
    street map)."""
    x, y, w, h = map_rect
    width = min(w - 4, text_width_mm(text, 5.5) + 2.0)
    item = label(layout, page, text, x + w - width - 0.6, y + h - 3.9, width, 3.3, size=5.5, colour=colour,
                 align=Qt.AlignmentFlag.AlignRight, item_id=item_id)
    item.setBackgroundEnabled(True)
    item.setBackgroundColor(QColor(255, 255, 255, 225))
    item.setMarginX(0.6)


def add_where_map(layout, page, rect, brief, area_layer: QgsVectorLayer, layers: WhereLayers):
    """The neighbourhood's map in `rect` (x, y, w, h in mm), with beneath it the legend (left), the top
    locations (middle) and the scale bar and north arrow (right): nothing is drawn over the map but
    the street map's attribution in its corner."""
    x, y, w, h = rect
    vectors = layers.drawn() + [area_layer]
    below = [layers.basemap.layer] if layers.basemap.layer is not None else []
    map_item = add_map(layout, page, rect, vectors + below, area_layer.extent(), area_layer.crs(),
                       surroundings=MAP_MARGIN)
    map_item.setBackgroundColor(QColor("#f4f6f7"))
    bar = add_scale_bar(layout, page, map_item)
    arrow_w, arrow_h = NORTH_ARROW_SIZE
    legend_layers = [la for la in (layers.where, area_layer, layers.top) if la is not None]
    # The first layer's own name is hidden: the title says it (a layer of points has its name beside its
    # symbol too; with no crimes, the outline's entry says what the map shows).
    if layers.where is None:
        title = ""
    elif brief.where.mode == HOTSPOTS:
        title = wrapped(layers.where.name(), 40)
    else:
        title = tr("Where crime happened, {period}").format(period=brief.period.short_label())
    legend = add_legend(layout, page, map_item, legend_layers, title, columns=1, wrap_chars=40)
    bar_w, bar_h = item_size(bar)
    right_w = max(bar_w, arrow_w)                   # the north arrow above the scale bar, at the right
    lines = top_lines(brief)
    list_x = x + item_size(legend)[0] + 4
    list_w = x + w - right_w - 5 - list_x
    heading = tr("Top {n} locations, {period} (in brackets: {baseline})").format(
        n=len(lines), period=brief.period.short_label(), baseline=brief.baseline.short_label()) if lines else \
        tr("No crimes with a location in the period")
    body = "\n".join(lines + ([why_points(brief)] if why_points(brief) else []))
    heading_h = text_lines(heading, list_w * 0.9, 8.0) * line_mm(8.0) + 0.5   # bold: a little wider
    body_h = (text_lines(body, list_w * 0.95, TOP_PT) + 1) * line_mm(TOP_PT) if body else 0.0
    row_h = max(item_size(legend)[1], arrow_h + 2.0 + bar_h + 1.0, heading_h + 0.8 + body_h)
    map_h = h - row_h - 2.0
    fit_map(map_item, page, (x, y, w, map_h))
    row_y = y + map_h + 2.0
    move(legend, page, x, row_y)
    label(layout, page, heading, list_x, row_y, list_w, heading_h, size=8.0, bold=True,
          item_id=f"top_heading{page + 1}")
    if body:
        label(layout, page, body, list_x, row_y + heading_h + 0.8, list_w, body_h, size=TOP_PT,
              item_id=f"top_locations{page + 1}")
    north_arrow(layout, page, map_item, x + w - (right_w + arrow_w) / 2, row_y)
    bar.update()
    bar.refreshItemSize()
    move(bar, page, x + w - item_size(bar)[0], row_y + arrow_h + 2.0)
    map_rect = (x, y, w, map_h)
    if layers.basemap.layer is not None:
        _note(layout, page, layers.basemap.attribution, map_rect, f"basemap_attribution{page + 1}")
    elif layers.basemap.note:
        _note(layout, page, layers.basemap.note, map_rect, f"basemap_note{page + 1}", colour="#8a4b00")
    return map_item
