"""The coverage audit: which force-months are whole, partial submissions, or missing.

Forces sometimes publish a partial month (Kent's December 2018 street file has 8,438 rows against 17–19k
in the months around it). Read as change, such a month is a false alarm. The audit compares each
stored force-month of each kind of file with the force's own neighbouring months:

- *expected* rows are the median of the force's stored months up to three calendar months either
  side (the month itself left out);
- a month with fewer than PARTIAL_SHARE (60 %) of its expected rows is *partial*;
- with fewer than three such months stored the audit says nothing: the month counts as whole;
- a month in the store's span with no file for a force that has others is *missing*.

Only falls below the expectation are flagged: a real rise (Gwent's anti-social behaviour +58 % in
April 2020) is a result, never a partial month. A user who knows better can mark a partial
force-month whole; the override is kept in the store and shown as overridden.
"""

from dataclasses import dataclass
from statistics import median
from typing import Dict, Iterable, List, Optional, Set, Tuple

from . import periods

PARTIAL_SHARE = 0.6
WINDOW = 3            # calendar months either side
MIN_NEIGHBOURS = 3

WHOLE, PARTIAL, MISSING = "whole", "partial", "missing"
STATUSES = (WHOLE, PARTIAL, MISSING)


@dataclass(frozen=True)
class ForceMonth:
    kind: str
    force: str
    month: str
    rows: Optional[int]          # None when missing
    expected: Optional[float]    # None when the audit says nothing
    status: str                  # whole, partial or missing
    overridden: bool = False     # marked whole by a user against the audit

    @property
    def share(self) -> Optional[float]:
        """Rows as a share of the expected rows."""
        if self.rows is None or not self.expected:
            return None
        return self.rows / self.expected


def expected_rows(rows_by_month: Dict[str, int], month: str) -> Optional[float]:
    """The median rows of the stored months within WINDOW months either side of `month` (itself left
    out), or None with fewer than MIN_NEIGHBOURS of them."""
    centre = periods.parse(month)
    neighbours = [rows_by_month[m] for m in (periods.fmt(centre + k) for k in range(-WINDOW, WINDOW + 1) if k)
                  if m in rows_by_month]
    if len(neighbours) < MIN_NEIGHBOURS:
        return None
    return float(median(neighbours))


def audit(stored: Iterable[Tuple[str, str, str, int]],
          overrides: Iterable[Tuple[str, str, str]] = ()) -> List[ForceMonth]:
    """Every force-month of every kind: `stored` is (kind, force, month, rows) for what the store
    holds, `overrides` the (kind, force, month) marked whole by a user. Missing months are listed for
    each force that has data of that kind, over the span of months the store holds of that kind."""
    by_kind: Dict[str, Dict[str, Dict[str, int]]] = {}
    for kind, force, month, rows in stored:
        by_kind.setdefault(kind, {}).setdefault(force, {})[month] = int(rows)
    marked: Set[Tuple[str, str, str]] = set(overrides)
    out: List[ForceMonth] = []
    for kind in sorted(by_kind):
        forces = by_kind[kind]
        months = {m for held in forces.values() for m in held}
        first, last = periods.parse(min(months)), periods.parse(max(months))
        span = [periods.fmt(n) for n in range(first, last + 1)]
        for force in sorted(forces):
            held = forces[force]
            for month in span:
                expected = expected_rows(held, month)
                if month not in held:
                    out.append(ForceMonth(kind, force, month, None, expected, MISSING))
                    continue
                rows = held[month]
                partial = expected is not None and rows < PARTIAL_SHARE * expected
                if partial and (kind, force, month) in marked:
                    out.append(ForceMonth(kind, force, month, rows, expected, WHOLE, overridden=True))
                else:
                    out.append(ForceMonth(kind, force, month, rows, expected, PARTIAL if partial else WHOLE))
    return out


@dataclass
class MonthStatus:
    """For comparisons: per force, the months that are whole (usable) and the partial ones; any other
    month is "no data"."""
    whole: Dict[str, Set[str]]
    partial: Dict[str, Set[str]]

    @classmethod
    def of(cls, audited: Iterable[ForceMonth], kind: str = "street") -> "MonthStatus":
        whole: Dict[str, Set[str]] = {}
        partial: Dict[str, Set[str]] = {}
        for fm in audited:
            if fm.kind != kind:
                continue
            if fm.status == WHOLE:
                whole.setdefault(fm.force, set()).add(fm.month)
            elif fm.status == PARTIAL:
                partial.setdefault(fm.force, set()).add(fm.month)
        return cls(whole, partial)

    def state(self, force: str, month: str) -> str:
        if month in self.whole.get(force, ()):
            return WHOLE
        if month in self.partial.get(force, ()):
            return PARTIAL
        return MISSING

    def gaps(self, force: str, months: Iterable[str]) -> Tuple[List[str], List[str]]:
        """(months with no data, partial months) of `months` for the force."""
        whole, partial = self.whole.get(force, set()), self.partial.get(force, set())
        missing = [m for m in months if m not in whole and m not in partial]
        return missing, [m for m in months if m in partial]
