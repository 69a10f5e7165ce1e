"""Building blocks for print layouts made in code: text that fits, placed items, a map with its legend,
scale bar and north arrow, pages and export. Sizes are in millimetres, fonts in points."""

import math
import os
from typing import List, Sequence

from osgeo import gdal
from qgis.core import (
    Qgis,
    QgsAbstractLayoutIterator,
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
    QgsMapLayerLegendUtils,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsTextFormat,
    QgsUnitTypes,
)
from qgis.PyQt.QtCore import QRectF, Qt
from qgis.PyQt.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter
from qgis.PyQt.QtWidgets import QStyleOptionGraphicsItem

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
    fmt.setSizeUnit(QgsUnitTypes.RenderUnit.RenderPoints)
    fmt.setColor(QColor(colour))
    return fmt


def place(item, page: int, x: float, y: float, w: float, h: float) -> None:
    item.attemptResize(QgsLayoutSize(w, h, QgsUnitTypes.LayoutUnit.LayoutMillimeters))
    item.attemptMove(QgsLayoutPoint(x, y, QgsUnitTypes.LayoutUnit.LayoutMillimeters), page=page)


def label(layout, page, text, x, y, w, h, size=8.0, bold=False, colour="#1a1a1a", align=Qt.AlignmentFlag.AlignLeft,
           item_id=""):
    label = QgsLayoutItemLabel(layout)
    label.setText(text)
    if hasattr(label, "setTextFormat"):     # QGIS 3.24 and later
        label.setTextFormat(text_format(size, bold, colour))
    else:
        label.setFont(qfont(size, bold))
        label.setFontColor(QColor(colour))
    label.setHAlign(align)
    label.setVAlign(Qt.AlignmentFlag.AlignTop)
    label.setMarginX(0)
    label.setMarginY(0)
    if item_id:
        label.setId(item_id)
    layout.addLayoutItem(label)
    place(label, page, x, y, w, h)
    return label


def box(layout, page, x, y, w, h, colour, hatched=False):
    shape = QgsLayoutItemShape(layout)
    shape.setShapeType(QgsLayoutItemShape.Shape.Rectangle)
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
    height = metrics.boundingRect(QRectF(0, 0, width, 1e7), int(Qt.TextFlag.TextWordWrap), text).height()
    return max(1, math.ceil(height / metrics.lineSpacing() - 0.01))


def line_mm(size_pt: float) -> float:
    return size_pt * 0.3528 * 1.3


NORTH_ARROW_SIZE = (8.0, 12.0)


def north_arrow(layout, page, map_item, x, y):
    """QGIS's north arrow, turning with the map (a drawn "N" where QGIS has no SVG for it), at (x, y)
    in mm, NORTH_ARROW_SIZE big."""
    for folder in QgsApplication.svgPaths():
        path = os.path.join(folder, "arrows", "NorthArrow_02.svg")
        if os.path.exists(path):
            arrow = QgsLayoutItemPicture(layout)
            arrow.setPicturePath(path)
            arrow.setLinkedMap(map_item)
            arrow.setId(f"north_arrow{page + 1}")
            layout.addLayoutItem(arrow)
            place(arrow, page, x, y, *NORTH_ARROW_SIZE)
            return arrow
    return label(layout, page, "N\n↑", x, y, *NORTH_ARROW_SIZE, size=10, bold=True, align=Qt.AlignmentFlag.AlignHCenter,
                 item_id=f"north_arrow{page + 1}")


def add_map(layout, page, rect, layers, extent: QgsRectangle, extent_crs: QgsCoordinateReferenceSystem,
            crs: str = BNG, surroundings: float = 1.45):
    """A framed map item at rect (x, y, w, h in mm) drawing `layers` around `extent` and its
    surroundings (`surroundings` times the extent)."""
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
    extent.scale(surroundings)
    map_item.zoomToExtent(extent)
    map_item.setCustomProperty("crimemap/extent", extent.asWktPolygon())
    return map_item


def fit_map(map_item, page, rect) -> None:
    """Move and resize a map made by add_map, and zoom it again to its area (the shape changed)."""
    place(map_item, page, *rect)
    map_item.zoomToExtent(QgsRectangle.fromWkt(map_item.customProperty("crimemap/extent")))


def wrapped(text: str, chars: int) -> str:
    """Text broken into lines of about `chars` characters at spaces (for legend entries)."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > chars:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join(lines + ([line] if line else []))


def add_legend(layout, page, map_item, layers, title, columns: int = 3, wrap_chars: int = 40):
    """The legend of `layers` (the first one's own name hidden: the title says it), in columns, each
    entry broken onto lines of about `wrap_chars` characters. Not placed: the caller moves it."""
    legend = QgsLayoutItemLegend(layout)
    legend.setId(f"legend{page + 1}")
    legend.setLinkedMap(map_item)
    legend.setAutoUpdateModel(False)
    legend.setWrapString("\n")
    root = legend.model().rootGroup()
    root.clear()
    for k, layer in enumerate(layers):
        node = root.addLayer(layer)
        if k == 0:  # the comparison: the legend's title says what it shows
            QgsLegendRenderer.setNodeLegendStyle(node, QgsLegendStyle.Style.Hidden)
        for index, entry in enumerate(legend.model().layerLegendNodes(node)):
            text = entry.data(Qt.ItemDataRole.DisplayRole) or ""
            if len(text) > wrap_chars:
                QgsMapLayerLegendUtils.setLegendNodeUserLabel(node, index, wrapped(text, wrap_chars))
        legend.model().refreshLayerLegend(node)
    legend.setTitle(title)
    legend.setColumnCount(columns)
    legend.setSplitLayer(True)
    legend.setEqualColumnWidth(False)
    legend.setSymbolWidth(5)
    legend.setSymbolHeight(3.2)
    legend.setBackgroundColor(QColor(255, 255, 255, 235))
    legend.setFrameEnabled(False)
    styles = QgsLegendStyle.Style
    for style, size, bold in ((styles.Title, 8.0, True), (styles.Group, 7.0, True), (styles.Subgroup, 7.0, True),
                              (styles.SymbolLabel, 6.5, False)):
        legend.rstyle(style).setFont(qfont(size, bold))
    legend.setResizeToContents(True)
    layout.addLayoutItem(legend)
    # A legend sizes itself only once it has been drawn (it learns the output's resolution then):
    # draw it once, off the page, so its size is known for laying out the page around it.
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    legend.paint(painter, QStyleOptionGraphicsItem(), None)
    painter.end()
    legend.adjustBoxSize()
    return legend


def item_size(item) -> tuple:
    """(width, height) of a layout item in mm."""
    size = item.sizeWithUnits()
    return size.width(), size.height()


def move(item, page, x, y) -> None:
    item.attemptMove(QgsLayoutPoint(x, y, QgsUnitTypes.LayoutUnit.LayoutMillimeters), page=page)


def add_scale_bar(layout, page, map_item):
    """A kilometre scale bar of the map (not placed: move it where nothing else is)."""
    bar = QgsLayoutItemScaleBar(layout)
    bar.setId(f"scale_bar{page + 1}")
    bar.setStyle("Single Box")
    bar.setLinkedMap(map_item)
    bar.applyDefaultSize(QgsUnitTypes.DistanceUnit.DistanceKilometers)
    bar.setNumberOfSegmentsLeft(0)
    bar.setNumberOfSegments(2)
    bar.setHeight(1.5)
    if hasattr(bar, "setTextFormat"):
        bar.setTextFormat(text_format(6.5))
    else:
        bar.setFont(qfont(6.5))
    layout.addLayoutItem(bar)
    bar.update()
    bar.refreshItemSize()
    return bar


# The layout's own PDF settings, as the layout designer reads them (custom properties of the layout):
# text exported as text, so a PDF made from the designer stays searchable and copyable.
PDF_TEXT_FORMAT = "pdfTextFormat"


def keep_text_as_text(layout: QgsPrintLayout) -> None:
    """Make the layout's own PDF setting "always export text as text" (the designer's export reads it)."""
    layout.setCustomProperty(PDF_TEXT_FORMAT, int(Qgis.TextRenderFormat.AlwaysText))


def pdf_settings(layout: QgsPrintLayout) -> QgsLayoutExporter.PdfExportSettings:
    """PDF settings taken from the layout, as the layout designer takes them (its resolution, its
    text format), so the plugin's writer and the designer's Export as PDF give the same file."""
    settings = QgsLayoutExporter.PdfExportSettings()
    settings.dpi = layout.renderContext().dpi()
    settings.textRenderFormat = Qgis.TextRenderFormat(int(layout.customProperty(PDF_TEXT_FORMAT, 0)))
    settings.rasterizeWholeImage = str(layout.customProperty("rasterize", False)).lower() in ("true", "1")
    settings.forceVectorOutput = str(layout.customProperty("forceVector", False)).lower() in ("true", "1")
    return settings


def new_layout(project: QgsProject, name: str, pages: int,
               size=("A4", QgsLayoutItemPage.Orientation.Landscape)) -> QgsPrintLayout:
    """An empty print layout of `pages` pages (A4 landscape, or `size` = (width mm, height mm)), whose
    PDFs keep their text as text."""
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.setName(name)
    keep_text_as_text(layout)
    collection = layout.pageCollection()
    for index in range(pages):
        page = collection.page(0) if index == 0 else QgsLayoutItemPage(layout)
        if isinstance(size[0], str):
            page.setPageSize(*size)
        else:
            page.setPageSize(QgsLayoutSize(size[0], size[1], QgsUnitTypes.LayoutUnit.LayoutMillimeters))
        if index:
            collection.addPage(page)
    return layout


class LayoutPages(QgsAbstractLayoutIterator):
    """Single-page layouts exported one after another into one PDF by QgsLayoutExporter (each step
    hands the exporter the next layout; QGIS 3.22 and later)."""

    def __init__(self, layouts: Sequence[QgsPrintLayout]):
        super().__init__()
        self.layouts = list(layouts)
        self.index = -1

    def layout(self):
        return self.layouts[self.index]

    def beginRender(self) -> bool:  # noqa: N802 (QGIS's name)
        self.index = -1
        return bool(self.layouts)

    def endRender(self) -> bool:  # noqa: N802
        return True

    def count(self) -> int:
        return len(self.layouts)

    def next(self) -> bool:
        self.index += 1
        return self.index < len(self.layouts)

    def filePath(self, base: str, extension: str) -> str:  # noqa: N802
        return f"{base}_{self.index + 1}.{extension}"


def _image_settings() -> QgsLayoutExporter.ImageExportSettings:
    settings = QgsLayoutExporter.ImageExportSettings()
    settings.dpi = 150
    settings.exportMetadata = False
    return settings


def _error(exporter: QgsLayoutExporter) -> str:
    """What the exporter says went wrong (errorMessage from QGIS 3.34; the file it could not write before)."""
    said = getattr(exporter, "errorMessage", None)
    return said() if said else exporter.errorFile()


def _write_image(layout: QgsPrintLayout, path: str) -> QgsLayoutExporter:
    exporter = QgsLayoutExporter(layout)
    # QGIS then tries to georeference the image through GDAL, which cannot update a PNG: harmless,
    # but its message would alarm; keep GDAL quiet for this call.
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    try:
        status = exporter.exportToImage(path, _image_settings())
    finally:
        gdal.PopErrorHandler()
    if status != QgsLayoutExporter.ExportResult.Success:
        raise RuntimeError(f"{path}: the layout could not be written ({_error(exporter) or status})")
    return exporter


def export(layout, path: str) -> List[str]:
    """Write a layout, or a list of single-page layouts (a batch: one a page), to a PDF (every page in
    one file) or PNGs (one a page: name.png, name_2.png…). Returns the files written; raises
    RuntimeError naming the file on failure.

    A batch is never one layout of many pages: on QGIS 3.44 drawing a page of a layout takes time in
    proportion to every label of the whole layout (a 55-page layout took 646 s to export, against 9 s
    as 55 layouts of one page), and building one grows the same way."""
    pages = list(layout) if isinstance(layout, (list, tuple)) else [layout]
    stem, ext = os.path.splitext(path)
    if path.lower().endswith(".pdf"):
        if len(pages) == 1:
            exporter = QgsLayoutExporter(pages[0])
            status = exporter.exportToPdf(path, pdf_settings(pages[0]))   # text stays text: searchable, copyable
            error = _error(exporter)
        else:
            status, error = QgsLayoutExporter.exportToPdf(LayoutPages(pages), path, pdf_settings(pages[0]))
        if status != QgsLayoutExporter.ExportResult.Success:
            raise RuntimeError(f"{path}: the layout could not be written ({error or status})")
        return [path]
    if len(pages) == 1:
        _write_image(pages[0], path)
        return [path] + [f"{stem}_{k}{ext}" for k in range(2, pages[0].pageCollection().pageCount() + 1)]
    written = []
    for k, page in enumerate(pages, start=1):
        written.append(path if k == 1 else f"{stem}_{k}{ext}")
        _write_image(page, written[-1])
    return written
