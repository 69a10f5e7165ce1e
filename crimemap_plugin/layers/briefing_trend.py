"""The briefing's trend: bars per month with a value axis, month and year ticks and a key, built from
layout shapes and labels."""

import math

from qgis.PyQt.QtCore import Qt

from ..core import categories
from ..core.briefing import Briefing
from ..core.classify import PARTIAL_DATA
from ..core.coverage import MISSING, PARTIAL
from ..core.periods import Period
from ..i18n import tr
from .briefing_page import (
    AXIS_COLOUR,
    BASELINE_COLOUR,
    GRID_COLOUR,
    HEADING_PT,
    MISSING_COLOUR,
    OTHER_COLOUR,
    PERIOD_COLOUR,
    RIGHT_W,
    RIGHT_X,
    TICK_PT,
    VALUE_PT,
)
from .layout_items import box, label, text_width_mm


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


def trend(layout, page, brief: Briefing, top: float, bottom: float) -> None:
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
