"""What a briefing says, from the store (pure: the layout is built in layers/briefing.py).

One `Briefing` per area: a plain-English headline of the chosen category with its rate per 1,000
residents and the population used, the headline-group table (current, baseline, change, whether the
change is larger than chance), the monthly trend over the months the store holds, and for a
neighbourhood its team and contacts, priorities (each with its action) and next events as plain text
(never raw HTML). A force briefing lists instead the places with the largest rises and falls, by
names residents know: its neighbourhoods where they are stored, otherwise its local authority
districts (from police.uk's own LSOA names, core/districts.py).

`choose_period` picks, for a briefing made from the panel, a period and baseline whose months the
store holds whole for the force, so a page never silently says "no data".
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Callable, List, Optional

from . import categories, forces
from .briefing_text import (
    CENSUS,
    NISRA,
    POLICE_UK,
    baseline_words,
    clickable,
    headline_sentence,
    rate_sentence,
    signed_pct,
)
from .briefing_where import Where, where_in_neighbourhoods
from .compare import FORCE, NEIGHBOURHOOD, Comparison, compare, monthly_trend
from .coverage import MonthStatus
from .districts import AreaChange, district_changes
from .neighbourhood_view import EnglishDates, _date, ordered_priorities, stored_details, upcoming_events
from .neighbourhoods import area_code
from .periods import BASELINES, SAME_PERIOD_LAST_YEAR, Period
from .sanitize import html_to_text

TREND_MONTHS = 24
MAX_PRIORITIES = 3
MAX_EVENTS = 3
MAX_RISES = 5
MAX_FALLS = 3
TEXT_CHARS = 220     # one priority or bio on a printed page: a few lines
CURRENT_DAYS = 365   # a priority issued longer ago than this is listed as an earlier one
NEIGHBOURHOODS, DISTRICTS = "neighbourhoods", "districts"

Tr = Callable[[str], str]


def _same(text: str) -> str:
    return text


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
    missing_months: List[str] = field(default_factory=list)
    partial_months: List[str] = field(default_factory=list)
    rate_per_1000: Optional[float] = None
    population: int = 0


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
    trend_months: List[str]          # only months from the force's first stored month on
    trend: List[Optional[float]]     # None where the force has no data that month
    made: datetime
    trend_states: List[str] = field(default_factory=list)   # whole / partial / missing, per month
    team: List[str] = field(default_factory=list)
    contacts: List[str] = field(default_factory=list)       # the team's email, telephone, web page
    priorities: List[str] = field(default_factory=list)     # "issue (since …)\nAction: …"
    earlier_priorities: List[str] = field(default_factory=list)
    events: List[str] = field(default_factory=list)
    as_of: Optional[datetime] = None
    rises: List[str] = field(default_factory=list)
    falls: List[str] = field(default_factory=list)
    rises_of: str = ""                                       # NEIGHBOURHOODS, DISTRICTS or "" (neither)
    comparison: Optional[Comparison] = None   # the category at the briefing's level: what the map shows
    summary: str = ""                # the headline sentence
    rate: str = ""                   # the rate per 1,000 residents and the population it uses
    note: str = ""                   # why this period was chosen, when it was not the one asked for
    where: Optional[Where] = None    # a neighbourhood's hot spots or crimes, and its top locations
    web_page: str = ""               # the neighbourhood's own page on the force's site (police.uk's url_force)

    @property
    def force_name(self) -> str:
        force = forces.BY_SLUG.get(self.force)
        return force.name if force else self.force

    @property
    def row(self) -> Optional[HeadlineRow]:
        """The headline row of the briefing's own category."""
        return next((r for r in self.headline if r.category == self.category), None)

    @property
    def tested(self) -> int:
        """How many areas the significance test allowed for."""
        return self.comparison.tested if self.comparison is not None else 0

    def title(self, tr: Tr = _same) -> str:
        if self.level == FORCE:
            return tr("{area}: crime briefing").format(area=self.area_name)
        return tr("{area} ({force}): crime briefing").format(area=self.area_name, force=self.force_name)

    def period_words(self, tr: Tr = _same) -> str:
        """'March–May 2021 compared with December 2020–February 2021'."""
        return tr("{period} compared with {baseline}").format(period=self.period.label(),
                                                               baseline=self.baseline.label())


def _web_page(url) -> str:
    """The neighbourhood's page as printed: only a web address (http or https, as the panel links it)."""
    text = clickable(html_to_text(str(url or "")))
    return text if text.lower().startswith(("http://", "https://")) else ""


def _cut(text: str, limit: int = TEXT_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def _months(text) -> List[str]:
    return [m for m in (text or "").split(",") if m]


def _headline(comparisons: dict, code: str) -> List[HeadlineRow]:
    rows = []
    for slug in categories.HEADLINE:
        record = comparisons[slug].get(code) or {}
        rows.append(HeadlineRow(slug, categories.label(slug), record.get("current"), record.get("baseline"),
                                record.get("change"), record.get("change_pct"), record.get("significant"),
                                bool(record.get("complete")), bool(record.get("partial_months")),
                                _months(record.get("missing_months")), _months(record.get("partial_months")),
                                record.get("rate_per_1000"), int(record.get("population") or 0)))
    return rows


def _contact_lines(contacts: dict, tr: Tr) -> List[str]:
    """The team's own ways to be reached, each on its line; police.uk links upgraded to https."""
    words = {"email": tr("Email: {}"), "telephone": tr("Telephone: {}"), "mobile": tr("Mobile: {}"),
             "web": tr("Web page: {}")}
    out = []
    for key, template in words.items():
        value = html_to_text(str(contacts.get(key) or ""))
        if value:
            out.append(template.format(clickable(value) if key == "web" else value))
    return out


def _priority_text(p: dict, tr: Tr, dates=EnglishDates) -> str:
    """The issue (with its date) on one line, the action on the next."""
    text = _cut(html_to_text(p.get("issue")))
    issued = _date(p.get("issue_date"))
    if issued:
        text += " " + tr("(since {date})").format(date=dates.day(issued))
    if p.get("action"):
        text += "\n" + tr("Action: {action}").format(action=_cut(html_to_text(p.get("action"))))
        acted = _date(p.get("action_date"))
        if acted:
            text += f" ({dates.day(acted)})"
    return text


def _details_text(store, force: str, nid: str, now: datetime, tr: Tr = _same, dates=EnglishDates) -> dict:
    row = store.neighbourhood_details(force, nid)
    if row is None:
        return {}
    stored = stored_details(row)
    people, priorities, events = (stored[k] for k in ("people", "priorities", "events"))
    team = []
    for p in people:
        line = ", ".join(v for v in (html_to_text(p.get("name")), html_to_text(p.get("rank"))) if v)
        contacts = p.get("contact_details") or {}
        reach = [html_to_text(str(contacts[k])) for k in ("email", "telephone", "mobile") if contacts.get(k)]
        if line and reach:
            line += " — " + ", ".join(reach)
        if line:
            team.append(_cut(line, 120))
    current, earlier = [], []
    for p in ordered_priorities(priorities):
        issued = _date(p.get("issue_date"))
        old = issued is not None and issued < now - timedelta(days=CURRENT_DAYS)
        (earlier if old else current).append(_priority_text(p, tr, dates))
    out_events = []
    for e in upcoming_events(events, now)[:MAX_EVENTS]:
        start = _date(e.get("start_date"))
        where = html_to_text(e.get("address"))
        out_events.append(_cut(f"{dates.moment(start)}: {html_to_text(e.get('title'))}"
                               + (f", {where}" if where else ""), 160))
    return {"team": team, "contacts": _contact_lines(stored["contact_details"], tr),
            "web_page": _web_page(row.get("url_force")),
            "priorities": current[:MAX_PRIORITIES], "earlier_priorities": earlier[:MAX_PRIORITIES],
            "events": out_events, "as_of": _date(row["fetched_at"])}


def _change_line(a: AreaChange, tr: Tr) -> str:
    if a.change_pct is None:
        text = tr("{name}: {now}, up from none").format(name=a.name, now=f"{a.current:,}")
    elif a.change > 0:
        text = tr("{name}: {now}, up from {before} ({pct})").format(
            name=a.name, now=f"{a.current:,}", before=f"{a.baseline:,}", pct=signed_pct(a.change_pct))
    else:
        text = tr("{name}: {now}, down from {before} ({pct})").format(
            name=a.name, now=f"{a.current:,}", before=f"{a.baseline:,}", pct=signed_pct(a.change_pct))
    return text + (" — " + tr("beyond chance") if a.significant else "")


def _largest(changes: List[AreaChange], tr: Tr):
    """The lines of the largest rises and the largest falls among complete areas."""
    complete = [a for a in changes if a.complete]
    rises = sorted((a for a in complete if a.change > 0), key=lambda a: (-a.change, a.name))[:MAX_RISES]
    falls = sorted((a for a in complete if a.change < 0), key=lambda a: (a.change, a.name))[:MAX_FALLS]
    return [_change_line(a, tr) for a in rises], [_change_line(a, tr) for a in falls]


def _neighbourhood_changes(comparison: Comparison, force: str) -> List[AreaChange]:
    return [AreaChange(r["area_code"], r["area_name"], r["current"], r["baseline"], r["change_pct"],
                       bool(r["significant"]), bool(r["complete"]))
            for r in comparison.records() if r["force"] == force]


def _force_changes(store, force, category, period, baseline_kind, tr: Tr):
    """(rises, falls, NEIGHBOURHOODS or DISTRICTS): by the force's stored neighbourhoods, else by its
    local authority districts (its LSOAs summed); ([], [], "") for a force with neither."""
    if not store.neighbourhood_areas(force).empty:
        changes = _neighbourhood_changes(compare(store, NEIGHBOURHOOD, category, period, baseline_kind), force)
        kind = NEIGHBOURHOODS
    else:
        changes = district_changes(store, force, category, period, baseline_kind)
        kind = DISTRICTS
        if not changes:
            return [], [], ""      # British Transport Police, Northern Ireland: no districts of their own
    rises, falls = _largest(changes, tr)
    return rises, falls, kind


def trend_window(status: MonthStatus, force: str, period: Period) -> List[str]:
    """Up to TREND_MONTHS months to the period's end, none before the first month the store holds for
    the force (so no run of "no data" for years before the data starts)."""
    months = Period(period.end, TREND_MONTHS).months
    held = set(status.whole.get(force, ())) | set(status.partial.get(force, ()))
    if not held:
        return months[-period.length:]
    first = min(held)
    return [m for m in months if m >= first] or [period.end]


def _population_source(level: str, force: str, population: int, details: Optional[dict]) -> str:
    if level == FORCE:
        return NISRA if force == "northern-ireland" else CENSUS
    police_uk = (details or {}).get("population")
    return POLICE_UK if police_uk and int(police_uk) == population else CENSUS


def briefings(store, force: str, neighbourhoods: Optional[List[str]], category: str, period: Period,
              baseline_kind: str, now: Optional[datetime] = None, tr: Tr = _same, note: str = "",
              dates=EnglishDates) -> List[Briefing]:
    """Briefings for the force (neighbourhoods None) or for the given neighbourhood ids of it. `note`
    (why this period) is printed on every page; `dates` writes the dates of the team's priorities and
    events (the layers pass one in the user's language).

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
    months = trend_window(store.month_status(), force, period)
    where = {}
    if level == NEIGHBOURHOOD:
        polygons = {nid: rings for _f, nid, rings in store.neighbourhood_polygons(force, only=set(neighbourhoods))}
        where = where_in_neighbourhoods(store, force, polygons, category, period, baseline)
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
                         comparison=made[category], note=note, where=where.get(nid))
        details = None
        if nid is not None:
            details = store.neighbourhood_details(force, nid)
            for key, value in _details_text(store, force, nid, now, tr, dates).items():
                setattr(brief, key, value)
        row = comparisons[category].get(code) or {}
        own = brief.row
        brief.summary = headline_sentence(tr(categories.label(category)), own.current, own.baseline, own.change_pct,
                                          own.significant, own.complete, own.missing_months, own.partial_months,
                                          baseline_kind, period.length, tr)
        population = int(row.get("population") or 0)
        brief.rate = rate_sentence(row.get("rate_per_1000"), population,
                                   _population_source(level, force, population, details), force,
                                   bool(row.get("current") is not None), tr)
        out.append(brief)
    if level == FORCE:
        out[0].rises, out[0].falls, out[0].rises_of = _force_changes(store, force, category, period, baseline_kind,
                                                                     tr)
    return out


@dataclass(frozen=True)
class Choice:
    """A period and baseline for a briefing, and whether it is the one that was asked for."""
    period: Period
    baseline_kind: str
    as_asked: bool


def _whole(status: MonthStatus, force: str, period: Period, kind: str) -> bool:
    whole = status.whole.get(force, set())
    return all(m in whole for m in period.months + period.baseline(kind).months)


def choose_period(status: MonthStatus, force: str, end: str, length: int,
                  baseline_kind: str = SAME_PERIOD_LAST_YEAR) -> Optional[Choice]:
    """The period and baseline a briefing of the force should use: the one asked for when all its
    months (and the baseline's) are whole for the force; otherwise the latest end month whose period
    and baseline are all whole, trying the same period last year first, then the previous period.
    None when the store holds no such months for the force."""
    if end:
        asked = Period(end, length)
        if baseline_kind in BASELINES and _whole(status, force, asked, baseline_kind):
            return Choice(asked, baseline_kind, True)
    for kind in BASELINES:
        for month in sorted(status.whole.get(force, ()), reverse=True):
            candidate = Period(month, length)
            if _whole(status, force, candidate, kind):
                return Choice(candidate, kind, False)
    return None


def choice_note(choice: Choice, force_name: str, asked: Optional[Period], asked_kind: str, tr: Tr = _same) -> str:
    """Why a briefing shows the months it shows, when they are not the ones asked for ("" otherwise)."""
    if choice.as_asked:
        return ""
    chosen = tr("Period chosen: the latest {n} months the store holds whole for {force}, compared with "
                "{baseline}.").format(
        n=choice.period.length, force=force_name, baseline=baseline_words(choice.baseline_kind,
                                                                          choice.period.length, tr))
    if asked is None:
        return chosen
    return chosen + " " + tr("The dock's choice ({period} against {baseline}) has months with no or partial data "
                             "for this force.").format(period=asked.short_label(),
                                                       baseline=baseline_words(asked_kind, asked.length, tr))


def force_neighbourhoods(store, force: str) -> List[str]:
    """The ids of the force's stored neighbourhoods, in name order (a batch's page order)."""
    frame = store.neighbourhood_areas(force).sort_values(["area_name", "area_code"])
    return [code.split("/", 1)[1] for code in frame["area_code"]]
