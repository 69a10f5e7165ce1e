"""What the dock shows, worked out once per update from the comparison and the controls: the rows, the
measure the map draws, the columns that mean something, the title and the area the trend and the
briefing are about. The table, the map, the measure combo and the trend all read it, so they never
disagree (one source of truth)."""

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Set

from ..core import categories, forces
from ..core.compare import FORCE, Comparison
from ..core.periods import Period
from ..i18n import tr
from . import results

AREA = "area"                      # the baseline choice "another area"
CHANGE_MEASURES = ("change_pct",)  # measures that need a baseline period
AREA_HIDDEN = {"change_pct", "beyond", "baseline", "change"}   # about a baseline period: not shown against an area


@dataclass
class Shown:
    comparison: Comparison
    rows: List[dict]
    area_mode: bool
    measure: str
    selected: Optional[str]
    title: str
    names: Dict[str, str]
    with_data: Set[str]
    hidden_columns: Set[str] = field(default_factory=set)


def has_data(row: dict) -> bool:
    return row["current"] is not None or row["baseline"] is not None


def default_area(rows: List[dict]) -> Optional[str]:
    """The area the dock opens on: the complete one with the most crimes, else the one with the most
    crimes in the period; None when no area has data."""
    candidates = [r for r in rows if r["complete"]] or [r for r in rows if r["current"] is not None]
    if not candidates:
        return None
    return max(candidates, key=lambda r: (r["current"] or 0, r["area_code"]))["area_code"]


def view(comparison: Comparison, controls: dict, selected: Optional[str]) -> Shown:
    records = comparison.records()
    names = {r["area_code"]: r["area_name"] for r in records}
    with_data = {r["area_code"] for r in records if has_data(r)}
    # A chosen area that has no data in this period no longer drives the trend and the briefing.
    chosen = selected if selected in with_data else default_area(records)
    area_mode = controls.get("baseline") == AREA
    measure = controls.get("measure") or "change_pct"
    if not area_mode:
        title = f"<b>{comparison.title(tr)}</b>" + not_on_map(comparison, records)
        return Shown(comparison, records, False, measure, chosen, title, names, with_data)
    if measure in CHANGE_MEASURES:
        measure = "rate_per_1000"
    other = controls.get("compare_area")
    by_code = {r["area_code"]: r for r in records}
    shown_rows = [by_code[c] for c in dict.fromkeys([chosen, other]) if c in by_code]
    return Shown(comparison, shown_rows, True, measure, chosen, area_title(shown_rows, comparison), names,
                 with_data, set(AREA_HIDDEN))


def not_on_map(comparison: Comparison, records: List[dict]) -> str:
    """A line naming the compared forces with data that the map cannot draw."""
    if comparison.level != FORCE:
        return ""
    held = [r for r in records if not forces.has_area(r["force"]) and (has_data(r) or r["partial_months"])]
    if not held:
        return ""
    names = ", ".join(results.short_name(r["area_name"]) for r in held)
    return "<br><small>" + tr("In the table, not on the map (no area boundary): {}").format(names) + "</small>"


def _months_held(row: dict, period: Period) -> str:
    """'' when the area's force has every month of the period, else what it lacks, in words."""
    missing = [m for m in (row.get("missing_months") or "").split(",") if m in period.months]
    partial = [m for m in (row.get("partial_months") or "").split(",") if m in period.months]
    parts = []
    if missing:
        parts.append(tr("no data for {}").format(", ".join(Period(m, 1).short_label() for m in missing)))
    if partial:
        parts.append(tr("partial data for {}").format(", ".join(Period(m, 1).short_label() for m in partial)))
    return "; ".join(parts)


def area_title(rows: List[dict], comparison: Comparison) -> str:
    """'<b>A against B</b>, burglary, March–May 2025: 1.52 times the rate per 1,000 residents', with
    the months either area lacks."""
    period = comparison.period
    if len(rows) < 2:
        return "<b>" + period.label() + "</b>: " + tr("choose two different areas")
    a, b = rows[0], rows[1]
    text = tr("<b>{a} against {b}</b>, {crime}, {period}").format(
        a=results.short_name(a["area_name"]), b=results.short_name(b["area_name"]),
        crime=tr(categories.label(comparison.category)).lower(), period=period.label())
    ra, rb = a["rate_per_1000"], b["rate_per_1000"]
    if ra is not None and rb:
        text += ": " + tr("{:.2f} times the rate per 1,000 residents").format(ra / rb)
    notes = [f"{results.short_name(r['area_name'])}: {held}" for r in (a, b) if (held := _months_held(r, period))]
    if notes:
        text += "<br><small>" + "; ".join(notes) + "</small>"
    return text
