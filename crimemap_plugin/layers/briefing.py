"""The briefing page: an A4 landscape QgsPrintLayout, one page per briefing, built from native layout
items only (labels, map, legend, scale bar, north arrow, a manual table, shapes for the trend), so it
opens in the layout designer for last edits and exports text as text (pdftotext reads it)."""

from datetime import datetime
from typing import List, Optional

from qgis.core import (
    QgsCoordinateReferenceSystem,
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
from ..core.briefing import Briefing, briefings, force_neighbourhoods
from ..core.classify import PARTIAL_DATA
from ..core.compare import TEST_NOTE, Comparison, latest_month
from ..core.coverage import PARTIAL
from ..core.errors import CrimeMapError
from ..core.periods import BASELINES, Period
from ..stores import open_user_store
from .boundaries import comparison_areas, label_settings
from .common import OGL, ONS_OS
from .comparison import build_layer
from .layout_items import (
    add_legend,
    add_map,
    add_scale_bar,
    box,
    export,  # noqa: F401  (the briefing's writer: the dock, Processing and tests call it from here)
    fitted_size,
    label,
    line_mm,
    new_layout,
    north_arrow,
    place,
    qfont,
    text_format,
    text_lines,
)

PAGE_W, PAGE_H = 297.0, 210.0
MARGIN = 10.0
MAP_RECT = (MARGIN, 30.0, 168.0, 128.0)          # x, y, w, h in mm
RIGHT_X, RIGHT_W = 184.0, PAGE_W - 184.0 - MARGIN
TEXT_TOP, TEXT_BOTTOM = 120.0, 192.0
PERIOD_COLOUR, BASELINE_COLOUR, OTHER_COLOUR = "#ef8a62", "#67a9cf", "#cccccc"


HEADING_PT = 8.0


def _bullets(items) -> str:
    return "\n".join(f"• {i}" for i in items)


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


def _cell(text, bold=False, align=Qt.AlignRight, colour=None):
    cell = QgsTableCell(text)
    cell.setTextFormat(text_format(7.0, bold))
    cell.setHorizontalAlignment(align)
    if colour:
        cell.setBackgroundColor(QColor(colour))
    return cell


def _number(v, gap: str = "no data") -> str:
    return gap if v is None else f"{v:,}"


def _headline_table(layout, page, brief: Briefing):
    table = QgsLayoutItemManualTable.create(layout)
    layout.addMultiFrame(table)
    header = [_cell(t, True, Qt.AlignLeft if i == 0 else Qt.AlignRight, "#eeeeee")
              for i, t in enumerate(("Crime", "Now", "Before", "Change", "Change %", "Beyond chance?"))]
    rows = [header]
    for r in brief.headline:
        if not r.complete:
            gap = "partial data" if r.partial else "no data"
            values = [_number(r.current, gap), _number(r.baseline, gap), gap, gap, gap]
        else:
            pct = "n/a" if r.change_pct is None else f"{r.change_pct:+.0f}%"
            values = [_number(r.current), _number(r.baseline), f"{r.change:+,}", pct,
                      "yes" if r.significant else "no"]
        bold = r.category == brief.category
        rows.append([_cell(r.label, bold, Qt.AlignLeft)] + [_cell(v, bold) for v in values])
    table.setTableContents(rows)
    table.setColumnWidths([38, 11, 11, 11, 11, 12])
    table.setWrapBehavior(QgsLayoutTable.WrapText)
    table.setGridStrokeWidth(0.15)
    table.setGridColor(QColor("#bbbbbb"))
    table.setCellMargin(0.6)
    frame = QgsLayoutFrame(layout, table)
    table.addFrame(frame)
    place(frame, page, RIGHT_X, 36.0, RIGHT_W, 42.0)
    return table


def _trend(layout, page, brief: Briefing, top: float):
    """Bars per month, the period and the baseline in their colours; 'no data' months hatched."""
    label(layout, page, f"{categories.label(brief.category)} each month, {brief.trend_months[0][:4]}–"
                         f"{brief.trend_months[-1][:4]}", RIGHT_X, top, RIGHT_W, 4.5, size=8, bold=True)
    chart_top, chart_h = top + 9.0, 20.0
    values = [v for v in brief.trend if v is not None]
    peak = max(values) if values else 0
    label(layout, page, f"highest: {peak:,.0f}", RIGHT_X, top + 5.0, 40, 3.5, size=6.5, colour="#555555")
    n = len(brief.trend_months)
    slot = RIGHT_W / n
    for i, (month, v) in enumerate(zip(brief.trend_months, brief.trend)):
        x = RIGHT_X + i * slot + slot * 0.12
        if v is None:
            box(layout, page, x, chart_top + chart_h - 3.0, slot * 0.76, 3.0, "#999999", hatched=True)
            continue
        colour = PERIOD_COLOUR if month in brief.period.months else \
            BASELINE_COLOUR if month in brief.baseline.months else OTHER_COLOUR
        height = max(chart_h * (v / peak) if peak else 0, 0.3)  # a month with none still shows a sliver
        partial = i < len(brief.trend_states) and brief.trend_states[i] == PARTIAL
        box(layout, page, x, chart_top + chart_h - height, slot * 0.76, height, PARTIAL_DATA if partial else colour,
            hatched=partial)
    box(layout, page, RIGHT_X, chart_top + chart_h, RIGHT_W, 0.25, "#333333")
    for i, month in enumerate(brief.trend_months):
        if month.endswith("-01") or i == 0:
            label(layout, page, month[:4] if month.endswith("-01") else "", RIGHT_X + i * slot, chart_top + chart_h
                   + 0.8, 12, 3.5, size=6, colour="#444444")
    key_y = chart_top + chart_h + 4.8
    box(layout, page, RIGHT_X, key_y + 0.6, 3, 2.2, PERIOD_COLOUR)
    label(layout, page, brief.period.short_label(), RIGHT_X + 4, key_y, 38, 3.5, size=6.5)
    box(layout, page, RIGHT_X + 42, key_y + 0.6, 3, 2.2, BASELINE_COLOUR)
    label(layout, page, brief.baseline.short_label(), RIGHT_X + 46, key_y, 38, 3.5, size=6.5)
    box(layout, page, RIGHT_X + 84, key_y + 0.6, 3, 2.2, "#999999", hatched=True)
    label(layout, page, "no data", RIGHT_X + 88, key_y, 15, 3.5, size=6.5)


def _people_sections(brief: Briefing):
    if brief.level == "force":
        heading = f"Largest rises in {categories.label(brief.category).lower()} ({brief.rises_of})"
        return [(heading, brief.rises or ["No area with complete data rose."])]
    as_of = f" (as of {brief.as_of.day} {brief.as_of:%B %Y})" if brief.as_of else ""
    return [
        (f"Your neighbourhood team{as_of}", brief.team or ["No team details stored: use Refresh in the "
                                                            "neighbourhood panel when online."]),
        ("Current priorities", brief.priorities or ["No priorities published."]),
        ("Next events", brief.events or ["No upcoming events published."]),
    ]


def _people(layout, page, brief: Briefing, size: float = 7.5) -> None:
    """The team, priorities and events (or a force's largest rises), each section under a bold
    heading, cut to the space there is."""
    sections, dropped = fit_sections(_people_sections(brief), RIGHT_W, TEXT_BOTTOM - TEXT_TOP, size)
    y = TEXT_TOP
    for heading, body in sections:
        label(layout, page, heading, RIGHT_X, y, RIGHT_W, line_mm(HEADING_PT), size=HEADING_PT, bold=True)
        label(layout, page, body, RIGHT_X, y + line_mm(HEADING_PT) + 0.6, RIGHT_W,
               text_lines(body, RIGHT_W, size) * line_mm(size) + 1.0, size=size)
        y += section_mm(body, RIGHT_W, size)
    if dropped:
        label(layout, page, f"… and {dropped} more in the neighbourhood panel and on police.uk", RIGHT_X, y,
               RIGHT_W, line_mm(size), size=6.5, colour="#555555")


def highlight_layer(geometry: QgsGeometry, crs: QgsCoordinateReferenceSystem, name: str,
                    label: str) -> QgsVectorLayer:
    """The briefing's own area, outlined on top of the comparison and labelled first."""
    layer = QgsVectorLayer(f"MultiPolygon?crs={crs.authid()}&field=label:string", name, "memory")
    feature = QgsFeature(layer.fields())
    feature.setGeometry(geometry)
    feature.setAttributes([label])
    layer.dataProvider().addFeatures([feature])
    layer.updateExtents()
    symbol = QgsFillSymbol.createSimple({"style": "no", "outline_color": "#111111", "outline_width": "0.8"})
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    settings = label_settings("label", size=8.0)
    settings.priority = 10          # before any neighbour's label (the comparison's own for this area too)
    fmt = settings.format()
    fmt.setFont(qfont(8.0, True))
    settings.setFormat(fmt)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)
    return layer


def briefing_comparison_layer(comparison: Comparison, areas: QgsVectorLayer, code_field: str) -> QgsVectorLayer:
    """The comparison, styled for print: change % classes, each area named with its change."""
    layer = build_layer(comparison, areas, code_field, "change_pct")
    value = """"area_name" || CASE WHEN "complete" AND "change_pct" IS NOT NULL
               THEN '\n' || format_number("change_pct", 0) || '%' ELSE '' END"""
    settings = label_settings(value, size=6.5, expression=True)
    settings.priority = 3
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)
    return layer


NOT_DRAWN = {
    "btp": "British Transport Police polices the railways of Great Britain and has no area of its own: its "
           "crimes are counted here, not drawn on the map.",
    "northern-ireland": "Northern Ireland is not drawn: no true boundary of it is bundled (police.uk's outline "
                        "is a crude six-point polygon). Its crimes are counted here.",
}


def add_page(layout: QgsPrintLayout, page: int, brief: Briefing, comparison_layer: QgsVectorLayer,
             area_layer: Optional[QgsVectorLayer], made_text: str) -> None:
    """Every item of one briefing on page `page` (0-based) of the layout. `area_layer` None: the
    area has no boundary (the map shows the forces around and says why the area is not on it)."""
    width = PAGE_W - 2 * MARGIN
    title, subtitle = brief.title(), f"{categories.label(brief.category)}: {brief.period_words()}"
    label(layout, page, title, MARGIN, 8.0, width, 9.0, size=fitted_size(title, width, 17, 10, True), bold=True,
           item_id=f"title{page + 1}")
    label(layout, page, subtitle, MARGIN, 18.5, width, 6.0, size=fitted_size(subtitle, width, 11, 8),
           colour="#333333")
    drawn = [area_layer] if area_layer is not None else []
    shown = area_layer or comparison_layer
    map_item = add_map(layout, page, MAP_RECT, drawn + [comparison_layer], shown.extent(), shown.crs())
    x, y, w, h = MAP_RECT
    add_legend(layout, page, map_item, MAP_RECT, [comparison_layer] + drawn, legend_title_for(brief))
    if area_layer is None:
        note = NOT_DRAWN.get(brief.force, f"{brief.area_name} has no boundary in the store: it is not drawn.")
        label(layout, page, note, x + 3, y + 3, w * 0.55, 12.0, size=7.5, colour="#333333",
              item_id=f"not_drawn{page + 1}")
    north_arrow(layout, page, map_item, x + w - 11, y + 2.5)
    add_scale_bar(layout, page, map_item, MAP_RECT)
    label(layout, page, "Crimes in the period and before it", RIGHT_X, 30.0, RIGHT_W, 5.0, size=9, bold=True)
    _headline_table(layout, page, brief)
    _trend(layout, page, brief, 82.0)
    _people(layout, page, brief)
    footer = (f"{OGL} {ONS_OS} Street-level crime from police.uk: locations are approximate (snapped to "
              f"anonymous points). 'Beyond chance?': {TEST_NOTE}. 'Partial data': the force published a partial month "
              f"(far fewer rows than the months around it), so it is not compared. {made_text}")
    label(layout, page, footer, MARGIN, PAGE_H - 12.5, PAGE_W - 2 * MARGIN, 9.0, size=6, colour="#444444",
           item_id=f"attribution{page + 1}")


def legend_title_for(brief: Briefing) -> str:
    return f"Change in {categories.label(brief.category).lower()},\n{brief.period.short_label()} against " \
           f"{brief.baseline.short_label()}"


def area_geometry(layer: QgsVectorLayer, code_field: str, code: str) -> Optional[QgsGeometry]:
    for feature in layer.getFeatures():
        if str(feature[code_field]) == code:
            return feature.geometry()
    return None


def build_layout(store_path: str, briefs: List[Briefing], project: Optional[QgsProject] = None,
                 name: Optional[str] = None, persist=None):
    """The print layout of the briefings (one page each) and the layers its maps draw (keep them
    alive for as long as the layout is used). `persist(layer, key)`, when given, turns each
    memory layer into the one the layout should use (the dock saves them beside the store so a
    project keeps its briefing)."""
    persist = persist or (lambda layer, key: layer)
    project = project or QgsProject.instance()
    first = briefs[0]
    areas, code_field = comparison_areas(first.level, store_path)
    comparison_layer = briefing_comparison_layer(first.comparison, areas, code_field)
    comparison_layer.setName(legend_title_for(first).replace("\n", " "))
    comparison_layer = persist(comparison_layer, "briefing_comparison")
    layout = new_layout(project, name or (first.title() if len(briefs) == 1 else
                                          f"{first.force_name}: neighbourhood briefings"), len(briefs))
    made = f"Made on {first.made.day} {first.made:%B %Y} with Crime Map for QGIS."
    layers = [comparison_layer]
    for page, brief in enumerate(briefs):
        geometry = area_geometry(areas, code_field, brief.area_code)
        if geometry is None and brief.level != "force":
            raise RuntimeError(f"{store_path}: no boundary for {brief.area_name} ({brief.area_code})")
        area = None
        if geometry is not None and not geometry.isEmpty():
            row = next((r for r in brief.headline if r.category == brief.category), None)
            change = f"\n{row.change_pct:+.0f}%" if row and row.complete and row.change_pct is not None else ""
            area = highlight_layer(geometry, areas.crs(), "This briefing's area (outlined)",
                                   f"{brief.area_name}{change}")
            area = persist(area, f"briefing_area_{page + 1}")
            layers.append(area)
        add_page(layout, page, brief, comparison_layer, area, made)
    return layout, layers


def make_briefings(store_path: str, force: str, neighbourhood: str = "", every_neighbourhood: bool = False,
                   category: str = categories.ALL_CRIME, end: str = "", months: int = 3,
                   baseline: str = BASELINES[0], now=None, persist=None):
    """(layout, layers kept alive for it, briefings) for the arguments of crimemap:briefingmap;
    `persist` as for layers.briefing.build_layout."""
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
        briefs = briefings(store, force, ids, category, Period(end, months), baseline, now or datetime.now())
    layout, layers = build_layout(store_path, briefs, persist=persist)
    return layout, layers, briefs
