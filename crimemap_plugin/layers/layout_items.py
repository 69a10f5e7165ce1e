"""Building blocks for print layouts made in code: text that fits, placed items, a map with its legend,
scale bar and north arrow, pages and export. Sizes are in millimetres, fonts in points."""

import math
import os
from typing import List

from osgeo import gdal
from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFillSymbol,
    QgsLayoutExporter,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutItemShape,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLegendRenderer,
    QgsLegendStyle,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsTextFormat,
    QgsUnitTypes,
)
from qgis.PyQt.QtCore import QRectF, Qt
from qgis.PyQt.QtGui import QColor, QFont, QFontMetricsF

FONT = "Sans Serif"
BNG = "EPSG:27700"


def qfont(size: float, bold: bool = False) -> QFont:
    font = QFont(FONT)
    font.setPointSizeF(size)
    font.setBold(bold)
    return font


def text_format(size: float, bold: bool = False, colour: str = "#1a1a1a") -> QgsTextFormat:
    fmt = QgsTextFormat()
    fmt.setFont(qfont(size, bold))
    fmt.setSize(size)
    fmt.setSizeUnit(QgsUnitTypes.RenderPoints)
    fmt.setColor(QColor(colour))
    return fmt


def place(item, page: int, x: float, y: float, w: float, h: float) -> None:
    item.attemptResize(QgsLayoutSize(w, h, QgsUnitTypes.LayoutMillimeters))
    item.attemptMove(QgsLayoutPoint(x, y, QgsUnitTypes.LayoutMillimeters), page=page)


def label(layout, page, text, x, y, w, h, size=8.0, bold=False, colour="#1a1a1a", align=Qt.AlignLeft,
           item_id=""):
    label = QgsLayoutItemLabel(layout)
    label.setText(text)
    if hasattr(label, "setTextFormat"):     # QGIS 3.24 and later
        label.setTextFormat(text_format(size, bold, colour))
    else:
        label.setFont(qfont(size, bold))
        label.setFontColor(QColor(colour))
    label.setHAlign(align)
    label.setVAlign(Qt.AlignTop)
    label.setMarginX(0)
    label.setMarginY(0)
    if item_id:
        label.setId(item_id)
    layout.addLayoutItem(label)
    place(label, page, x, y, w, h)
    return label


def box(layout, page, x, y, w, h, colour, hatched=False):
    shape = QgsLayoutItemShape(layout)
    shape.setShapeType(QgsLayoutItemShape.Rectangle)
    shape.setSymbol(QgsFillSymbol.createSimple({"color": colour, "style": "b_diagonal" if hatched else "solid",
                                                "outline_style": "no"}))
    layout.addLayoutItem(shape)
    place(shape, page, x, y, w, h)
    return shape


def text_width_mm(text: str, size_pt: float, bold: bool = False) -> float:
    """The printed width of one line of text (measured on the font at a large pixel size, so it
    does not depend on the screen's resolution)."""
    font = qfont(size_pt, bold)
    font.setPixelSize(int(size_pt * 20))
    return QFontMetricsF(font).horizontalAdvance(text) / 20 * 0.3528


def fitted_size(text: str, width_mm: float, size_pt: float, smallest: float, bold: bool = False) -> float:
    """The largest size from `size_pt` down to `smallest` at which the text fits on one line."""
    while size_pt > smallest and text_width_mm(text, size_pt, bold) > width_mm:
        size_pt -= 0.5
    return size_pt


def text_lines(text: str, width_mm: float, size_pt: float) -> int:
    """How many lines `text` takes word-wrapped at `width_mm` (measured like text_width_mm)."""
    font = qfont(size_pt)
    font.setPixelSize(int(size_pt * 20))
    metrics = QFontMetricsF(font)
    width = width_mm / 0.3528 * 20
    height = metrics.boundingRect(QRectF(0, 0, width, 1e7), int(Qt.TextWordWrap), text).height()
    return max(1, math.ceil(height / metrics.lineSpacing() - 0.01))


def line_mm(size_pt: float) -> float:
    return size_pt * 0.3528 * 1.3


def north_arrow(layout, page, map_item, x, y):
    """QGIS's north arrow, turning with the map (a drawn "N" where QGIS has no SVG for it)."""
    for folder in QgsApplication.svgPaths():
        path = os.path.join(folder, "arrows", "NorthArrow_02.svg")
        if os.path.exists(path):
            arrow = QgsLayoutItemPicture(layout)
            arrow.setPicturePath(path)
            arrow.setLinkedMap(map_item)
            arrow.setBackgroundEnabled(True)
            arrow.setBackgroundColor(QColor(255, 255, 255, 200))
            layout.addLayoutItem(arrow)
            place(arrow, page, x, y, 8, 12)
            return arrow
    return label(layout, page, "N\n↑", x, y, 8, 12, size=10, bold=True, align=Qt.AlignHCenter)


def add_map(layout, page, rect, layers, extent: QgsRectangle, extent_crs: QgsCoordinateReferenceSystem,
            crs: str = BNG):
    """A framed map item at rect (x, y, w, h in mm) drawing `layers` around `extent` and its surroundings."""
    map_item = QgsLayoutItemMap(layout)
    map_item.setId(f"map{page + 1}")
    layout.addLayoutItem(map_item)
    place(map_item, page, *rect)
    crs = QgsCoordinateReferenceSystem(crs)
    map_item.setCrs(crs)
    map_item.setLayers(layers)
    map_item.setKeepLayerSet(True)
    map_item.setFrameEnabled(True)
    map_item.setBackgroundColor(QColor("#f4f6f7"))
    extent = QgsCoordinateTransform(extent_crs, crs, QgsProject.instance()).transformBoundingBox(extent)
    extent.scale(1.45)                       # the area and its surroundings
    map_item.zoomToExtent(extent)
    return map_item


def add_legend(layout, page, map_item, rect, layers, title):
    """The legend of `layers` (the first one's own name hidden: the title says it) below rect, in columns."""
    legend = QgsLayoutItemLegend(layout)
    legend.setLinkedMap(map_item)
    legend.setAutoUpdateModel(False)
    root = legend.model().rootGroup()
    root.clear()
    for k, layer in enumerate(layers):
        node = root.addLayer(layer)
        if k == 0:  # the comparison: the legend's title says what it shows
            QgsLegendRenderer.setNodeLegendStyle(node, QgsLegendStyle.Hidden)
    legend.setTitle(title)
    legend.setColumnCount(4)
    legend.setSplitLayer(True)
    legend.setSymbolWidth(5)
    legend.setSymbolHeight(3.2)
    legend.setBackgroundColor(QColor(255, 255, 255, 235))
    legend.setFrameEnabled(False)
    for style, size, bold in ((QgsLegendStyle.Title, 8.0, True), (QgsLegendStyle.Group, 7.0, True),
                              (QgsLegendStyle.Subgroup, 7.0, True), (QgsLegendStyle.SymbolLabel, 6.5, False)):
        legend.rstyle(style).setFont(qfont(size, bold))
    legend.setResizeToContents(True)
    layout.addLayoutItem(legend)
    x, y, w, h = rect
    legend.attemptMove(QgsLayoutPoint(x, y + h + 2, QgsUnitTypes.LayoutMillimeters), page=page)
    return legend


def add_scale_bar(layout, page, map_item, rect):
    """A kilometre scale bar in the bottom right corner of the map at rect."""
    bar = QgsLayoutItemScaleBar(layout)
    bar.setStyle("Single Box")
    bar.setLinkedMap(map_item)
    bar.applyDefaultSize(QgsUnitTypes.DistanceKilometers)
    bar.setNumberOfSegmentsLeft(0)
    bar.setNumberOfSegments(2)
    bar.setHeight(1.5)
    bar.setBackgroundEnabled(True)
    bar.setBackgroundColor(QColor(255, 255, 255, 210))
    if hasattr(bar, "setTextFormat"):
        bar.setTextFormat(text_format(6.5))
    else:
        bar.setFont(qfont(6.5))
    layout.addLayoutItem(bar)
    bar.update()
    x, y, w, h = rect
    bar.attemptMove(QgsLayoutPoint(x + w - bar.rect().width() - 2.5, y + h - 10, QgsUnitTypes.LayoutMillimeters),
                    page=page)
    return bar


def new_layout(project: QgsProject, name: str, pages: int) -> QgsPrintLayout:
    """An empty print layout of `pages` A4 landscape pages."""
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName(name)
    collection = layout.pageCollection()
    collection.page(0).setPageSize("A4", QgsLayoutItemPage.Landscape)
    for _ in range(pages - 1):
        page = QgsLayoutItemPage(layout)
        page.setPageSize("A4", QgsLayoutItemPage.Landscape)
        collection.addPage(page)
    return layout


def export(layout: QgsPrintLayout, path: str) -> List[str]:
    """Write the layout to a PDF (every page in one file) or PNGs (one a page: name.png, name_2.png…).
    Returns the files written; raises RuntimeError naming the file on failure."""
    exporter = QgsLayoutExporter(layout)
    if path.lower().endswith(".pdf"):
        settings = QgsLayoutExporter.PdfExportSettings()
        settings.textRenderFormat = Qgis.TextRenderFormat.AlwaysText  # text stays text: searchable, copyable
        settings.dpi = 300
        status = exporter.exportToPdf(path, settings)
        written = [path]
    else:
        settings = QgsLayoutExporter.ImageExportSettings()
        settings.dpi = 150
        settings.exportMetadata = False
        # QGIS then tries to georeference the image through GDAL, which cannot update a PNG: harmless,
        # but its message would alarm; keep GDAL quiet for this call.
        gdal.PushErrorHandler("CPLQuietErrorHandler")
        try:
            status = exporter.exportToImage(path, settings)
        finally:
            gdal.PopErrorHandler()
        stem, ext = os.path.splitext(path)
        written = [path] + [f"{stem}_{k}{ext}" for k in range(2, layout.pageCollection().pageCount() + 1)]
    if status != QgsLayoutExporter.Success:
        raise RuntimeError(f"{path}: the layout could not be written ({exporter.errorMessage() or status})")
    return written
