"""What a briefing says, from the store (pure: the layout is built in layers/briefing.py).

One `Briefing` per area: its headline-group table (current, baseline, change, whether the change is
larger than chance), the monthly trend of the chosen category, and for a neighbourhood its team,
priorities and next events as plain text (never raw HTML). A force briefing lists instead the
neighbourhoods (or LSOAs, where none are stored) with the largest rises.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import List, Optional

from . import categories, forces
from .compare import FORCE, LSOA, NEIGHBOURHOOD, Comparison, compare, monthly_trend
from .neighbourhood_view import _date, ordered_priorities, stored_details, upcoming_events
from .neighbourhoods import area_code
from .periods import Period
from .sanitize import html_to_text

TREND_MONTHS = 24
MAX_PRIORITIES = 3
MAX_EVENTS = 3
MAX_RISES = 5
TEXT_CHARS = 220     # one priority or bio on a printed page: a few lines


@dataclass
class HeadlineRow:
    category: str
    label: str
    current: Optional[int]
    baseline: Optional[int]
    change: Optional[int]
    change_pct: Optional[float]
    significant: Optional[bool]
    complete: bool
    partial: bool = False            # incomplete because a month is a partial submission


@dataclass
class Briefing:
    level: str                       # "force" or "neighbourhood"
    force: str                       # police.uk slug
    area_code: str                   # ONS code of the force, or "force/id"
    area_name: str
    category: str
    period: Period
    baseline: Period
    baseline_kind: str
    headline: List[HeadlineRow]
    trend_months: List[str]
    trend: List[Optional[float]]     # None where the force has no data that month
    made: datetime
    trend_states: List[str] = field(default_factory=list)   # whole / partial / missing, per month
    team: List[str] = field(default_factory=list)
    priorities: List[str] = field(default_factory=list)
    events: List[str] = field(default_factory=list)
    as_of: Optional[datetime] = None
    rises: List[str] = field(default_factory=list)
    rises_of: str = ""
    comparison: Optional[Comparison] = None   # the category at the briefing's level: what the map shows

    @property
    def force_name(self) -> str:
        force = forces.BY_SLUG.get(self.force)
        return force.name if force else self.force

    def title(self) -> str:
        if self.level == FORCE:
            return f"{self.area_name}: crime briefing"
        return f"{self.area_name} ({self.force_name}): crime briefing"

    def period_words(self) -> str:
        """'March–May 2021 compared with December 2020–February 2021'."""
        return f"{self.period.label()} compared with {self.baseline.label()}"


def _day(d: datetime) -> str:
    """'1 May 2030' (no zero padding, on every platform)."""
    return f"{d.day} {d:%B %Y}"


def _cut(text: str, limit: int = TEXT_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def _headline(comparisons: dict, code: str) -> List[HeadlineRow]:
    rows = []
    for slug in categories.HEADLINE:
        record = comparisons[slug].get(code) or {}
        rows.append(HeadlineRow(slug, categories.label(slug), record.get("current"), record.get("baseline"),
                                record.get("change"), record.get("change_pct"), record.get("significant"),
                                bool(record.get("complete")), bool(record.get("partial_months"))))
    return rows


def _details_text(store, force: str, nid: str, now: datetime) -> dict:
    row = store.neighbourhood_details(force, nid)
    if row is None:
        return {}
    stored = stored_details(row)
    people, priorities, events = (stored[k] for k in ("people", "priorities", "events"))
    team = []
    for p in people:
        line = ", ".join(v for v in (html_to_text(p.get("name")), html_to_text(p.get("rank"))) if v)
        contacts = p.get("contact_details") or {}
        reach = contacts.get("email") or contacts.get("telephone") or contacts.get("mobile")
        if reach:
            line += f" ({html_to_text(str(reach))})"
        if line:
            team.append(_cut(line, 120))
    out_priorities = []
    for p in ordered_priorities(priorities)[:MAX_PRIORITIES]:
        text = html_to_text(p.get("issue"))
        if p.get("action"):
            text += " Action: " + html_to_text(p.get("action"))
        issued = _date(p.get("issue_date"))
        if issued:
            text += f" (since {_day(issued)})"
        out_priorities.append(_cut(text))
    out_events = []
    for e in upcoming_events(events, now)[:MAX_EVENTS]:
        start = _date(e.get("start_date"))
        where = html_to_text(e.get("address"))
        out_events.append(_cut(f"{start:%A} {_day(start)}, {start:%H:%M}: {html_to_text(e.get('title'))}"
                               + (f", {where}" if where else ""), 160))
    return {"team": team, "priorities": out_priorities, "events": out_events, "as_of": _date(row["fetched_at"])}


def _rises(comparison: Comparison, force: str) -> List[str]:
    rows = [r for r in comparison.records() if r["force"] == force and r["complete"] and (r["change"] or 0) > 0]
    rows.sort(key=lambda r: (-r["change"], r["area_code"]))
    out = []
    for r in rows[:MAX_RISES]:
        out.append(f"{r['area_name']}: {r['current']} (from {r['baseline']})")
    return out


def briefings(store, force: str, neighbourhoods: Optional[List[str]], category: str, period: Period,
              baseline_kind: str, now: Optional[datetime] = None) -> List[Briefing]:
    """Briefings for the force (neighbourhoods None) or for the given neighbourhood ids of it.

    Every comparison is made once for all the briefings (a batch of a force's neighbourhoods costs
    little more than one)."""
    if force not in forces.BY_SLUG:
        raise ValueError(f"unknown force {force!r}: use a police.uk force id such as 'gloucestershire'")
    if category != categories.ALL_CRIME and category not in categories.CATEGORIES:
        raise ValueError(f"unknown category {category!r}")
    now = now or datetime.now()
    baseline = period.baseline(baseline_kind)
    level = FORCE if neighbourhoods is None else NEIGHBOURHOOD
    made = {slug: compare(store, level, slug, period, baseline_kind)
            for slug in dict.fromkeys(categories.HEADLINE + (category,))}
    comparisons = {slug: {r["area_code"]: r for r in c.records()} for slug, c in made.items()}
    months = Period(period.end, TREND_MONTHS).months
    out = []
    if level == FORCE:
        code = forces.area_code(force)
        areas = [(code, force, forces.BY_SLUG[force].name, None)]
    else:
        known = {r["area_code"]: r for r in comparisons[category].values()}
        areas = []
        for nid in neighbourhoods:
            code = area_code(force, nid)
            if code not in known:
                raise ValueError(f"neighbourhood {nid!r} of {force} is not in the store: import the force's "
                                 "neighbourhoods first (crimemap:importneighbourhoods)")
            areas.append((code, code, known[code]["area_name"], nid))
    for code, trend_area, name, nid in areas:
        trend = monthly_trend(store, level, trend_area, category, months)
        brief = Briefing(level, force, code, name, category, period, baseline, baseline_kind,
                         _headline(comparisons, code), months, trend.values, now, trend.states,
                         comparison=made[category])
        if nid is not None:
            for key, value in _details_text(store, force, nid, now).items():
                setattr(brief, key, value)
        out.append(brief)
    if level == FORCE:
        out[0].rises, out[0].rises_of = _force_rises(store, force, category, period, baseline_kind)
    return out


def _force_rises(store, force, category, period, baseline_kind):
    """The force's neighbourhoods with the largest rises, or its LSOAs where none are stored."""
    if not store.neighbourhood_areas(force).empty:
        comparison = compare(store, NEIGHBOURHOOD, category, period, baseline_kind)
        return _rises(comparison, force), "neighbourhoods"
    return _rises(compare(store, LSOA, category, period, baseline_kind), force), "LSOAs"


def force_neighbourhoods(store, force: str) -> List[str]:
    """The ids of the force's stored neighbourhoods, in name order (a batch's page order)."""
    frame = store.neighbourhood_areas(force).sort_values(["area_name", "area_code"])
    return [code.split("/", 1)[1] for code in frame["area_code"]]
