"""The briefing page: an A4 landscape QgsPrintLayout, one page per briefing, built from native layout
items only (labels, map, legend, scale bar, north arrow, a manual table, shapes for the trend), so it
opens in the layout designer for last edits and exports text as text (pdftotext reads it), from the
plugin's writer and from the designer alike (the layout carries its own PDF text setting).

The page is filled: a headline sentence across the top; on the left the map, sized so its legend,
scale bar and north arrow fit beneath it (nothing is drawn over the map's labels); on the right the
table, the trend (given the height the text below it leaves) and the team, priorities and events (or,
for a force, where crime rose and fell most).
"""

import math
import re
from datetime import datetime
from typing import List, Optional

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFillSymbol,
    QgsGeometry,
    QgsLayoutFrame,
    QgsLayoutItemManualTable,
    QgsLayoutTable,
    QgsPrintLayout,
    QgsProject,
    QgsSingleSymbolRenderer,
    QgsTableCell,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor

from ..core import categories
from ..core.briefing import DISTRICTS, Briefing, briefings, force_neighbourhoods
from ..core.briefing_text import signed, signed_pct
from ..core.briefing_where import HOTSPOTS
from ..core.classify import PARTIAL_DATA
from ..core.compare import FORCE, TEST_NOTE, Comparison, latest_month
from ..core.coverage import MISSING, PARTIAL
from ..core.errors import CrimeMapError
from ..core.periods import BASELINES, Period
from ..i18n import LocaleDates, tr
from ..stores import open_user_store
from .basemap import Basemap, basemap
from .boundaries import comparison_areas, label_settings
from .briefing_where import WhereLayers, add_where_map, where_layers
from .common import OGL, ONS_OS
from .comparison import build_layer
from .layout_items import (
    NORTH_ARROW_SIZE,
    add_legend,
    add_map,
    add_scale_bar,
    box,
    export,  # noqa: F401  (the briefing's writer: the dock, Processing and tests call it from here)
    fit_map,
    fitted_size,
    item_size,
    label,
    line_mm,
    move,
    new_layout,
    north_arrow,
    place,
    qfont,
    text_format,
    text_lines,
    text_width_mm,
)

PAGE_W, PAGE_H = 297.0, 210.0
MARGIN = 10.0
CONTENT_TOP = 34.0                  # below the title, the headline and the period line
FOOTER_TOP = PAGE_H - 12.0
CONTENT_BOTTOM = FOOTER_TOP - 2.5
LEFT_W = 174.0                      # the map's column
RIGHT_X = MARGIN + LEFT_W + 6.0
RIGHT_W = PAGE_W - MARGIN - RIGHT_X
TABLE_TOP = CONTENT_TOP + 5.5
TREND_MIN, TREND_MAX = 42.0, 110.0   # the trend's height, mm: what the text below leaves, within these
GAP = 4.0
PERIOD_COLOUR, BASELINE_COLOUR, OTHER_COLOUR = "#ef8a62", "#67a9cf", "#cccccc"
MISSING_COLOUR, GRID_COLOUR, AXIS_COLOUR = "#999999", "#e3e3e3", "#333333"
NOTE_COLOUR = "#8a4b00"

HEADING_PT = 8.0
TEXT_PT = 7.5
TICK_PT = 5.5
VALUE_PT = 5.0
TABLE_PT = 6.5


def _bullets(items) -> str:
    """One bullet a line; an item's own further lines (a priority's action) indented under it."""
    return "\n".join("• " + str(i).replace("\n", "\n   ") for i in items)


def section_mm(body: str, width_mm: float, size_pt: float) -> float:
    """Height of a section as _people places it: bold heading, then the wrapped body."""
    return (line_mm(HEADING_PT) + 0.6 + text_lines(body, width_mm, size_pt) * line_mm(size_pt)
            + 0.4 * line_mm(size_pt) + 1.0)


def fit_sections(sections, width_mm: float, height_mm: float, size_pt: float):
    """The sections [(heading, [items])] cut to fit the box, with a line to spare for saying how many
    were left out: items are dropped from the longest section first, each section keeps one.
    Returns ([(heading, body text)], how many items were dropped)."""
    sections = [(h, list(items)) for h, items in sections]

    def height() -> float:
        return sum(section_mm(_bullets(items), width_mm, size_pt) for _, items in sections) + line_mm(size_pt)

    dropped = 0
    while height() > height_mm:
        longest = max((sec for sec in sections if len(sec[1]) > 1), key=lambda sec: len(sec[1]), default=None)
        if longest is None:
            break
        longest[1].pop()
        dropped += 1
    return [(h, _bullets(items)) for h, items in sections], dropped


def sections_mm(sections, dropped: int, width_mm: float, size_pt: float) -> float:
    """The height fit_sections' result takes on the page (with the "… more" line when some were dropped)."""
    return sum(section_mm(body, width_mm, size_pt) for _, body in sections) + (line_mm(size_pt) if dropped else 0)


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


# -- the trend ---------------------------------------------------------------------------------------
def nice_step(peak: float, ticks: int = 5) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) giving about `ticks` ticks up to `peak`."""
    if peak <= 0:
        return 1.0
    raw = peak / ticks
    power = 10 ** len(str(int(raw))) / 10 if raw >= 1 else 1.0
    for m in (1, 2, 2.5, 5, 10):
        if m * power >= raw:
            return max(m * power, 1.0)
    return 10 * power


def _bar_value(layout, page, text: str, x: float, slot: float, top: float, wanted: bool, item_id: str) -> None:
    """A bar's value above it: where it fits its slot, or (for the period's and the baseline's months,
    whose values matter most) a little smaller and wider than the slot when it must."""
    size = VALUE_PT if text_width_mm(text, VALUE_PT) <= slot * 0.98 else VALUE_PT - 1
    width = text_width_mm(text, size)
    if width <= slot * 0.98 or (wanted and width <= slot * 1.6):
        label(layout, page, text, x - slot * 0.3, top - 2.6, slot * 1.6, 2.5, size=size, colour="#333333",
              align=Qt.AlignmentFlag.AlignHCenter, item_id=item_id)


def _month_short(month: str) -> str:
    return Period(month, 1).short_label().split()[0]


def _trend(layout, page, brief: Briefing, top: float, bottom: float) -> None:
    """Bars per month over the months the store holds, with a value axis, month and year ticks, the
    period's and the baseline's values; partial months hatched in their own colour, months with no
    data marked."""
    span = Period(brief.trend_months[-1], len(brief.trend_months))
    label(layout, page, tr("{category} each month, {months}").format(
        category=tr(categories.label(brief.category)), months=span.short_label()), RIGHT_X, top, RIGHT_W, 4.5,
        size=HEADING_PT, bold=True, item_id=f"trend_title{page + 1}")
    axis_w = 9.0
    x0, x1 = RIGHT_X + axis_w, RIGHT_X + RIGHT_W
    chart_top, chart_bottom = top + 10.0, bottom - 12.5
    chart_h = chart_bottom - chart_top
    values = [v for v in brief.trend if v is not None]
    step = nice_step(max(values) if values else 0)
    ceiling = step * max(1, math.ceil(max(values or [0]) * 1.06 / step))   # room above the tallest bar's value
    # The value axis: gridlines with their values, and what the values are.
    label(layout, page, tr("crimes"), RIGHT_X, top + 5.0, axis_w + 10, 3.0, size=TICK_PT, colour="#555555")
    k = 0
    while k * step <= ceiling + 1e-9:
        y = chart_bottom - chart_h * (k * step / ceiling)
        if k:
            box(layout, page, x0, y - 0.06, x1 - x0, 0.12, GRID_COLOUR)
        label(layout, page, f"{k * step:,.0f}" if float(step).is_integer() else f"{k * step:,.1f}", RIGHT_X,
              y - 1.3, axis_w - 1.2, 2.8, size=TICK_PT, colour="#444444", align=Qt.AlignmentFlag.AlignRight,
              item_id=f"trend_tick{page + 1}_{k}")
        k += 1
    n = len(brief.trend_months)
    slot = (x1 - x0) / n
    bar_w = slot * 0.74
    period, baseline = set(brief.period.months), set(brief.baseline.months)
    for i, (month, v) in enumerate(zip(brief.trend_months, brief.trend)):
        x = x0 + i * slot + (slot - bar_w) / 2
        state = brief.trend_states[i] if i < len(brief.trend_states) else ""
        if v is None or state == MISSING:
            bar = box(layout, page, x, chart_bottom - 1.6, bar_w, 1.6, MISSING_COLOUR, hatched=True)
        else:
            colour = PERIOD_COLOUR if month in period else BASELINE_COLOUR if month in baseline else OTHER_COLOUR
            height = max(chart_h * (v / ceiling), 0.3)  # a month with none still shows a sliver
            partial = state == PARTIAL
            bar = box(layout, page, x, chart_bottom - height, bar_w, height, PARTIAL_DATA if partial else colour,
                      hatched=partial)
            _bar_value(layout, page, f"{v:,.0f}", x0 + i * slot, slot, chart_bottom - height,
                       month in period or month in baseline, f"trend_value{page + 1}_{month}")
        bar.setId(f"trend_bar{page + 1}_{month}")
        tick = _month_short(month) if slot >= 5.0 else _month_short(month)[0]
        label(layout, page, tick, x0 + i * slot, chart_bottom + 0.7, slot, 2.8, size=TICK_PT, colour="#444444",
              align=Qt.AlignmentFlag.AlignHCenter)
        if month.endswith("-01") or i == 0:
            label(layout, page, month[:4], x0 + i * slot, chart_bottom + 3.5, 12, 2.8, size=TICK_PT, bold=True,
                  colour="#444444")
    box(layout, page, x0, chart_bottom, x1 - x0, 0.25, AXIS_COLOUR)
    box(layout, page, x0 - 0.25, chart_top - 1.0, 0.25, chart_h + 1.0, AXIS_COLOUR)
    key = [(PERIOD_COLOUR, False, brief.period.short_label()), (BASELINE_COLOUR, False, brief.baseline.short_label())]
    if PARTIAL in brief.trend_states:
        key.append((PARTIAL_DATA, True, tr("partial month")))
    if MISSING in brief.trend_states:
        key.append((MISSING_COLOUR, True, tr("no data")))
    x, key_y = RIGHT_X, bottom - 4.0
    for colour, hatched, text in key:
        box(layout, page, x, key_y + 0.6, 3, 2.2, colour, hatched=hatched)
        width = text_width_mm(text, 6.5) + 1.0
        label(layout, page, text, x + 4, key_y, width, 3.5, size=6.5)
        x += 4 + width + 4


# -- the people (or the places) ------------------------------------------------------------------------
def _people_sections(brief: Briefing):
    if brief.level == "force" and not brief.rises_of:
        return [(tr("Places"), [tr("{force} has no neighbourhoods in the store and no local authority districts "
                                   "of its own: no places to list.").format(force=brief.force_name)])]
    if brief.level == "force":
        what = tr(categories.label(brief.category)).lower()
        by = tr("by neighbourhood") if brief.rises_of != DISTRICTS else tr("by local authority district")
        return [(tr("Largest rises in {category}, {by}").format(category=what, by=by),
                 brief.rises or [tr("No area with complete data rose.")]),
                (tr("Largest falls in {category}, {by}").format(category=what, by=by),
                 brief.falls or [tr("No area with complete data fell.")])]
    as_of = " " + tr("(as of {date})").format(date=LocaleDates.day(brief.as_of)) if brief.as_of else ""
    page = [tr("Neighbourhood page: {url}").format(url=brief.web_page)] if brief.web_page else []
    team = brief.team + [_link_lines(line, RIGHT_W - 4.0, TEXT_PT) for line in brief.contacts + page]
    sections = [
        (tr("Your neighbourhood team") + as_of, team or [tr("No team details stored: use Refresh in the "
                                                            "neighbourhood panel when online.")]),
        (tr("Current priorities"), brief.priorities or [tr("No priorities published in the last year.")]),
    ]
    if brief.earlier_priorities:
        sections.append((tr("Earlier priorities (more than a year old)"), brief.earlier_priorities))
    sections.append((tr("Next events"), brief.events or [tr("No upcoming events published.")]))
    return sections


def _link_lines(text: str, width_mm: float, size_pt: float) -> str:
    """A line holding a link, broken after a "/" where it is too long for the column (never at a hyphen,
    which PDF readers would take for a word broken in two and drop)."""
    if text_width_mm(text, size_pt) <= width_mm or "://" not in text:
        return text
    lines, line = [], ""
    for piece in re.findall(r"[^/]*/+|[^/]+$", text):
        if line and text_width_mm(line + piece, size_pt) > width_mm:
            lines.append(line)
            line = piece
        else:
            line += piece
    return "\n".join(lines + [line])


def _people(layout, page, sections, dropped: int, top: float, size: float = TEXT_PT) -> None:
    """The sections fit_sections made, each under a bold heading, from `top` down."""
    y = top
    for k, (heading, body) in enumerate(sections):
        label(layout, page, heading, RIGHT_X, y, RIGHT_W, line_mm(HEADING_PT), size=HEADING_PT, bold=True,
              item_id=f"section{page + 1}_{k}")
        label(layout, page, body, RIGHT_X, y + line_mm(HEADING_PT) + 0.6, RIGHT_W,
              text_lines(body, RIGHT_W, size) * line_mm(size) + 1.0, size=size, item_id=f"section_text{page + 1}_{k}")
        y += section_mm(body, RIGHT_W, size)
    if dropped:
        label(layout, page, tr("… and {n} more in the neighbourhood panel and on police.uk").format(n=dropped),
              RIGHT_X, y, RIGHT_W, line_mm(size), size=6.5, colour="#555555")


def _right_column(layout, page, brief: Briefing) -> None:
    table_bottom = _headline_table(layout, page, brief)
    trend_top = table_bottom + GAP
    room = CONTENT_BOTTOM - (trend_top + TREND_MIN + GAP)
    sections, dropped = fit_sections(_people_sections(brief), RIGHT_W, room, TEXT_PT)
    text_h = sections_mm(sections, dropped, RIGHT_W, TEXT_PT)
    trend_bottom = min(CONTENT_BOTTOM - text_h - GAP, trend_top + TREND_MAX)
    _trend(layout, page, brief, trend_top, trend_bottom)
    # Text under the trend; what is left over goes between them, so the column ends at the footer.
    _people(layout, page, sections, dropped, CONTENT_BOTTOM - text_h)


# -- the map -------------------------------------------------------------------------------------------
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


def area_geometry(layer: QgsVectorLayer, code_field: str, code: str) -> Optional[QgsGeometry]:
    for feature in layer.getFeatures():
        if str(feature[code_field]) == code:
            return feature.geometry()
    return None


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
