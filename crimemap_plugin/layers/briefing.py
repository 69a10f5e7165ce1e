"""The briefing page: an A4 landscape QgsPrintLayout, one page per briefing, built from native layout
items only (labels, map, legend, scale bar, north arrow, a manual table, shapes for the trend), so it
opens in the layout designer for last edits and exports text as text (pdftotext reads it), from the
plugin's writer and from the designer alike (the layout carries its own PDF text setting).

The page is filled: a headline sentence across the top; on the left the map, sized so its legend,
scale bar and north arrow fit beneath it (nothing is drawn over the map's labels); on the right the
table, the trend (given the height the text below it leaves) and the team, priorities and events (or,
for a force, where crime rose and fell most).
"""

from datetime import datetime
from typing import List, Optional

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsLayoutFrame,
    QgsLayoutItemManualTable,
    QgsLayoutTable,
    QgsPrintLayout,
    QgsProject,
    QgsTableCell,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor

from ..core import categories
from ..core.briefing import DISTRICTS, Briefing, briefings, force_neighbourhoods
from ..core.briefing_text import signed, signed_pct
from ..core.briefing_where import HOTSPOTS
from ..core.compare import FORCE, TEST_NOTE, latest_month
from ..core.errors import CrimeMapError
from ..core.periods import BASELINES, Period
from ..i18n import LocaleDates, tr
from ..stores import open_user_store
from .basemap import Basemap, basemap
from .boundaries import comparison_areas
from .briefing_layers import area_geometry, briefing_comparison_layer, highlight_layer
from .briefing_page import (
    CONTENT_BOTTOM,
    CONTENT_TOP,
    FOOTER_TOP,
    GAP,
    LEFT_W,
    MARGIN,
    NOTE_COLOUR,
    PAGE_H,
    PAGE_W,
    RIGHT_W,
    RIGHT_X,
    TABLE_PT,
    TABLE_TOP,
    TEXT_PT,
    TREND_MAX,
    TREND_MIN,
)
from .briefing_sections import fit_sections, people, people_sections, sections_mm
from .briefing_trend import trend
from .briefing_where import WhereLayers, add_where_map, where_layers
from .common import OGL, ONS_OS
from .layout_items import (
    NORTH_ARROW_SIZE,
    add_legend,
    add_map,
    add_scale_bar,
    export,  # noqa: F401  (the briefing's writer: the dock, Processing and tests call it from here)
    fit_map,
    fitted_size,
    item_size,
    label,
    move,
    new_layout,
    north_arrow,
    place,
    text_format,
)


# -- the header --------------------------------------------------------------------------------------
def _header(layout, page, brief: Briefing) -> None:
    width = PAGE_W - 2 * MARGIN
    title = brief.title(tr)
    label(layout, page, title, MARGIN, 7.0, width, 8.5, size=fitted_size(title, width, 17, 10, True), bold=True,
          item_id=f"title{page + 1}")
    label(layout, page, brief.summary, MARGIN, 16.2, width, 6.5, size=fitted_size(brief.summary, width, 12.5, 8, True),
          bold=True, colour="#1d3557", item_id=f"headline{page + 1}")
    line = f"{tr(categories.label(brief.category))}: {brief.period_words(tr)}  ·  {brief.rate}"
    label(layout, page, line, MARGIN, 23.6, width, 4.5, size=fitted_size(line, width, 9.5, 7), colour="#333333",
          item_id=f"period{page + 1}")
    if brief.note:
        label(layout, page, brief.note, MARGIN, 28.6, width, 4.0, size=fitted_size(brief.note, width, 7.5, 6),
              colour=NOTE_COLOUR, item_id=f"chosen{page + 1}")


# -- the table ---------------------------------------------------------------------------------------
def _cell(text, bold=False, align=Qt.AlignmentFlag.AlignRight, colour=None):
    cell = QgsTableCell(text)
    cell.setTextFormat(text_format(TABLE_PT, bold))
    cell.setHorizontalAlignment(align)
    if colour:
        cell.setBackgroundColor(QColor(colour))
    return cell


def _number(v, gap: str) -> str:
    return gap if v is None else f"{v:,}"


def _headline_table(layout, page, brief: Briefing) -> float:
    """The six headline groups, now and before; returns the table's bottom (mm)."""
    label(layout, page, tr("Crimes in the period and before it"), RIGHT_X, CONTENT_TOP, RIGHT_W, 5.0, size=9,
          bold=True)
    table = QgsLayoutItemManualTable.create(layout)
    layout.addMultiFrame(table)
    header = [_cell(t, True, Qt.AlignmentFlag.AlignLeft if i == 0 else Qt.AlignmentFlag.AlignRight, "#eeeeee")
              for i, t in enumerate((tr("Crime"), tr("Now"), tr("Before"), tr("Change"), tr("Change %"),
                                     tr("Beyond chance?")))]
    rows = [header]
    for r in brief.headline:
        if not r.complete:
            gap = tr("partial data") if r.partial else tr("no data")
            values = [_number(r.current, gap), _number(r.baseline, gap), gap, gap, gap]
        else:
            pct = tr("n/a") if r.change_pct is None else signed_pct(r.change_pct)
            values = [_number(r.current, ""), _number(r.baseline, ""), signed(r.change), pct,
                      tr("yes") if r.significant else tr("no")]
        bold = r.category == brief.category
        rows.append([_cell(tr(r.label), bold, Qt.AlignmentFlag.AlignLeft)] + [_cell(v, bold) for v in values])
    table.setTableContents(rows)
    table.setColumnWidths([38, 10, 10.5, 10, 10.5, 11])   # with the margins: the column's width
    table.setWrapBehavior(QgsLayoutTable.WrapBehavior.WrapText)
    table.setGridStrokeWidth(0.15)
    table.setGridColor(QColor("#bbbbbb"))
    table.setCellMargin(0.5)
    frame = QgsLayoutFrame(layout, table)
    frame.setId(f"table{page + 1}")
    table.addFrame(frame)
    height = fitted_frame(table, frame, page, RIGHT_X, TABLE_TOP, RIGHT_W, 3.0 * len(rows), 8.0 * len(rows))
    return TABLE_TOP + height


def fitted_frame(table, frame, page, x, y, w, low: float, high: float, steps: int = 8) -> float:
    """Place the table's one frame at (x, y), `w` wide and just tall enough for every row (found by
    halving: QGIS tells a table's height only as what its frames take, which one frame of enough
    height matches exactly). Returns the height, in mm."""
    for _ in range(steps):
        mid = (low + high) / 2
        place(frame, page, x, y, w, mid)
        table.recalculateTableSize()
        if table.totalHeight() <= mid + 1e-6:
            high = mid
        else:
            low = mid
    place(frame, page, x, y, w, high + 0.3)
    return high + 0.3


def _right_column(layout, page, brief: Briefing) -> None:
    table_bottom = _headline_table(layout, page, brief)
    trend_top = table_bottom + GAP
    room = CONTENT_BOTTOM - (trend_top + TREND_MIN + GAP)
    sections, dropped = fit_sections(people_sections(brief), RIGHT_W, room, TEXT_PT)
    text_h = sections_mm(sections, dropped, RIGHT_W, TEXT_PT)
    trend_bottom = min(CONTENT_BOTTOM - text_h - GAP, trend_top + TREND_MAX)
    trend(layout, page, brief, trend_top, trend_bottom)
    # Text under the trend; what is left over goes between them, so the column ends at the footer.
    people(layout, page, sections, dropped, CONTENT_BOTTOM - text_h)


# -- the map -------------------------------------------------------------------------------------------
def not_drawn_note(force: str, area_name: str) -> str:
    if force == "btp":
        return tr("British Transport Police polices the railways of Great Britain and has no area of its own: its "
                  "crimes are counted here, not drawn on the map.")
    if force == "northern-ireland":
        return tr("Northern Ireland is not drawn: no true boundary of it is bundled (police.uk's outline is a crude "
                  "six-point polygon). Its crimes are counted here.")
    return tr("{area} has no boundary in the store: it is not drawn.").format(area=area_name)


def _left_column(layout, page, brief: Briefing, comparison_layer: QgsVectorLayer,
                 area_layer: Optional[QgsVectorLayer]) -> None:
    """The map over the full column, less the row beneath it for the legend (left), the scale bar and
    the north arrow (right): nothing is drawn over the map itself."""
    drawn = [area_layer] if area_layer is not None else []
    shown = area_layer or comparison_layer
    rect = (MARGIN, CONTENT_TOP, LEFT_W, CONTENT_BOTTOM - CONTENT_TOP - 30)
    map_item = add_map(layout, page, rect, drawn + [comparison_layer], shown.extent(), shown.crs())
    bar = add_scale_bar(layout, page, map_item)
    bar_w, bar_h = item_size(bar)
    arrow_w, arrow_h = NORTH_ARROW_SIZE
    room = LEFT_W - bar_w - arrow_w - 10
    legend = None
    for columns in (3, 2, 1):
        if legend is not None:
            layout.removeLayoutItem(legend)
        legend = add_legend(layout, page, map_item, [comparison_layer] + drawn, legend_title_for(brief), columns)
        if item_size(legend)[0] <= room:
            break
    legend_h = max(item_size(legend)[1], arrow_h)
    map_h = CONTENT_BOTTOM - CONTENT_TOP - legend_h - 2.0
    fit_map(map_item, page, (MARGIN, CONTENT_TOP, LEFT_W, map_h))
    row_y = CONTENT_TOP + map_h + 2.0
    move(legend, page, MARGIN, row_y)
    north_arrow(layout, page, map_item, MARGIN + LEFT_W - arrow_w, row_y)
    bar.update()
    bar.refreshItemSize()
    move(bar, page, MARGIN + LEFT_W - arrow_w - 4 - item_size(bar)[0], row_y + 1.0)
    if area_layer is None:
        label(layout, page, not_drawn_note(brief.force, brief.area_name), MARGIN + 3, CONTENT_TOP + 3, LEFT_W * 0.55,
              12.0, size=7.5, colour="#333333", item_id=f"not_drawn{page + 1}")


def _footer(layout, page, brief: Briefing, made_text: str) -> None:
    parts = [tr(OGL), tr(ONS_OS),
             tr("Street-level crime from police.uk: locations are approximate (snapped to anonymous points)."),
             tr("'Beyond chance?' and the headline: {test} ({compared}).").format(
                 test=tr(TEST_NOTE), compared=tr("1 area compared") if brief.tested == 1 else
                 tr("{n} areas compared").format(n=f"{brief.tested:,}")),
             tr("'Partial data': the force published a partial month (far fewer rows than the months around it), so "
                "it is not compared."),
             tr("Residents: Census 2021 usual residents (ONS; NISRA for Northern Ireland).")]
    if brief.rises_of == DISTRICTS:
        parts.append(tr("Districts: local authority districts as police.uk's LSOA names give them ('Ashford 001B' "
                        "is in Ashford); each counts the force's crimes in its LSOAs."))
    if brief.where is not None and brief.where.mode == HOTSPOTS:
        parts.append(tr("Hot spots: Getis–Ord Gi* over the neighbourhood's {size} m cells, each with the cells "
                        "within {band} m; classes from Benjamini–Hochberg q-values.").format(
            size=f"{brief.where.cell_size:,.0f}", band=f"{brief.where.band:,.0f}"))
    parts.append(made_text)
    label(layout, page, " ".join(parts), MARGIN, FOOTER_TOP, PAGE_W - 2 * MARGIN, PAGE_H - FOOTER_TOP - 2, size=6,
          colour="#444444", item_id=f"attribution{page + 1}")


def add_page(layout: QgsPrintLayout, page: int, brief: Briefing, comparison_layer: Optional[QgsVectorLayer],
             area_layer: Optional[QgsVectorLayer], made_text: str, where: Optional[WhereLayers] = None) -> None:
    """Every item of one briefing on page `page` (0-based) of the layout. A neighbourhood's map shows
    where crime happened (`where`); a force's, the comparison with its neighbours. `area_layer` None:
    the area has no boundary (the map shows the forces around and says why the area is not on it)."""
    _header(layout, page, brief)
    if where is not None and area_layer is not None:
        add_where_map(layout, page, (MARGIN, CONTENT_TOP, LEFT_W, CONTENT_BOTTOM - CONTENT_TOP), brief, area_layer,
                      where)
    else:
        _left_column(layout, page, brief, comparison_layer, area_layer)
    _right_column(layout, page, brief)
    _footer(layout, page, brief, made_text)


def legend_title_for(brief: Briefing) -> str:
    return tr("Change in {category},\n{period} against {baseline}").format(
        category=tr(categories.label(brief.category)).lower(), period=brief.period.short_label(),
        baseline=brief.baseline.short_label())


BRIEFING_LAYER = "crimemap/briefing"   # custom property of every layer a briefing's layouts draw


class _Pages:
    """What every page of one set of briefings shares: the areas, the comparison layer (force pages),
    the street map (neighbourhood pages), and the layers made so far (kept alive with the layouts)."""

    def __init__(self, store_path: str, briefs: List[Briefing], persist):
        self.persist = persist
        self.layers: list = []
        first = briefs[0]
        self.areas, self.code_field = comparison_areas(first.level, store_path)
        self.store_path = store_path
        self.first = first
        self.comparison = None
        self.basemap: Optional[Basemap] = None
        if first.level == FORCE or any(b.where is None for b in briefs):
            self.comparison_layer()

    def comparison_layer(self):
        """The comparison map's layer, made once, when a page first needs it."""
        if self.comparison is None:
            layer = briefing_comparison_layer(self.first.comparison, self.areas, self.code_field)
            layer.setName(legend_title_for(self.first).replace("\n", " "))
            self.comparison = self.keep(layer, "briefing_comparison")
        return self.comparison

    def keep(self, layer, key: str):
        layer.setCustomProperty(BRIEFING_LAYER, True)
        kept = self.persist(layer, key)
        kept.setCustomProperty(BRIEFING_LAYER, True)
        self.layers.append(kept)
        return kept

    def street_map(self, geometry: QgsGeometry) -> Basemap:
        """One street map layer for every page (looked for once, at the first neighbourhood's centre)."""
        if self.basemap is None:
            centre = QgsCoordinateTransform(self.areas.crs(), QgsCoordinateReferenceSystem("EPSG:4326"),
                                            QgsProject.instance()).transform(geometry.boundingBox().center())
            self.basemap = basemap(centre.x(), centre.y())
            if self.basemap.layer is not None:
                self.basemap.layer = self.keep(self.basemap.layer, "briefing_basemap")
        return self.basemap

    def add(self, layout: QgsPrintLayout, page: int, key: int, brief: Briefing, made: str) -> None:
        """Brief's page, its own layers kept under names numbered `key`."""
        geometry = area_geometry(self.areas, self.code_field, brief.area_code)
        if geometry is None and brief.level != FORCE:
            raise RuntimeError(f"{self.store_path}: no boundary for {brief.area_name} ({brief.area_code})")
        area = where = None
        if geometry is not None and not geometry.isEmpty():
            if brief.where is not None:
                area = highlight_layer(geometry, self.areas.crs(), tr("{area} (dashed outline)").format(
                    area=brief.area_name), "", labelled=False)
            else:
                row = brief.row
                change = f"\n{signed_pct(row.change_pct)}" if row and row.complete and row.change_pct is not None \
                    else ""
                area = highlight_layer(geometry, self.areas.crs(), tr("This briefing's area (dashed outline)"),
                                       f"{brief.area_name}{change}")
            area = self.keep(area, f"briefing_area_{key}")
            if brief.where is not None:
                where = where_layers(brief, self.street_map(geometry))
                if where.where is not None:
                    where.where = self.keep(where.where, f"briefing_where_{key}")
                if where.top is not None:
                    where.top = self.keep(where.top, f"briefing_top_{key}")
        add_page(layout, page, brief, self.comparison_layer() if where is None else self.comparison, area, made,
                 where)


def _made(brief: Briefing) -> str:
    return tr("Made on {date} with Crime Map for QGIS.").format(date=LocaleDates.day(brief.made))


def build_layout(store_path: str, briefs: List[Briefing], project: Optional[QgsProject] = None,
                 name: Optional[str] = None, persist=None):
    """The print layout of the briefings (one page each: for one briefing, or a few; a batch is written
    as one layout a page, see build_layouts) and the layers its maps draw (keep them alive for as long
    as the layout is used). `persist(layer, key)`, when given, turns each layer into the one the layout
    should use (the dock saves memory layers beside the store so a project keeps its briefing)."""
    project = project or QgsProject.instance()
    first = briefs[0]
    pages = _Pages(store_path, briefs, persist or (lambda layer, key: layer))
    layout = new_layout(project, name or (first.title(tr) if len(briefs) == 1 else
                                          tr("{force}: neighbourhood briefings").format(force=first.force_name)),
                        len(briefs))
    for page, brief in enumerate(briefs):
        pages.add(layout, page, page + 1, brief, _made(first))
    return layout, pages.layers


def build_layouts(store_path: str, briefs: List[Briefing], project: Optional[QgsProject] = None, persist=None):
    """([one single-page layout per briefing], the layers they draw): a batch, built and exported in
    time proportional to its pages (see layout_items.export)."""
    project = project or QgsProject.instance()
    pages = _Pages(store_path, briefs, persist or (lambda layer, key: layer))
    layouts = []
    for k, brief in enumerate(briefs, start=1):
        layout = new_layout(project, brief.title(tr), 1)
        pages.add(layout, 0, k, brief, _made(briefs[0]))
        layouts.append(layout)
    return layouts, pages.layers


def make_briefings(store_path: str, force: str, neighbourhood: str = "", every_neighbourhood: bool = False,
                   category: str = categories.ALL_CRIME, end: str = "", months: int = 3,
                   baseline: str = BASELINES[0], now=None, persist=None, note: str = ""):
    """(layout, layers kept alive for it, briefings) for the arguments of crimemap:briefingmap: one
    layout for one briefing; for every neighbourhood, a list of single-page layouts (layout_items.export
    writes either). `persist` as for build_layout; `note` (why this period) printed on every page."""
    force = force.strip().lower()
    with open_user_store(store_path, create=False) as store:
        end = end or latest_month(store)
        if every_neighbourhood:
            ids = force_neighbourhoods(store, force)
            if not ids:
                raise CrimeMapError(f"{store_path}: no neighbourhoods of {force} are stored; import them "
                                    "first (crimemap:importneighbourhoods)")
        else:
            ids = [neighbourhood.strip()] if neighbourhood.strip() else None
        briefs = briefings(store, force, ids, category, Period(end, months), baseline, now or datetime.now(), tr=tr,
                           note=note, dates=LocaleDates)
    if every_neighbourhood:
        layouts, layers = build_layouts(store_path, briefs, persist=persist)
        return layouts, layers, briefs
    layout, layers = build_layout(store_path, briefs, persist=persist)
    return layout, layers, briefs
