"""Which months an area's data lacks: the coverage audit applied to outcome and stop-and-search areas.

An area's figures come from the files of one or more forces (its own, and the forces whose crimes
or searches lie in it). A month of the period that one of those forces has no file for ("missing")
or only part of one ("partial", see core.coverage) makes the area incomplete: its figures are left
empty, never read as a fall to zero. Several kinds of file can be needed at once (street crimes for
the period, outcomes files up to the month outcomes are known to), each with its own months.
"""

from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Mapping, Optional, Sequence, Set, Tuple

from ..core.coverage import MonthStatus
from ..core.periods import fmt, parse


def month_range(start: str, end: str) -> List[str]:
    """'YYYY-MM' months from start to end inclusive (empty when end is before start)."""
    return [fmt(n) for n in range(parse(start), parse(end) + 1)]


@dataclass(frozen=True)
class Need:
    """Months of one kind of police.uk file an area's figures need."""
    kind: str                     # "street", "outcomes", "stop-and-search"
    status: MonthStatus
    months: Tuple[str, ...]


@dataclass
class Gaps:
    """Per kind, the months some force of the area has no data for, and those only partly published."""
    missing: Dict[str, List[str]] = field(default_factory=dict)
    partial: Dict[str, List[str]] = field(default_factory=dict)
    no_force: bool = False        # nothing says whose data the area's figures would come from
    needed: Dict[str, int] = field(default_factory=dict)   # months needed per kind

    def nothing_held(self) -> bool:
        """Whether no month needed is held at all (the forces' files are simply not in the store)."""
        return self.no_force or all(len(self.missing.get(k, ())) >= n for k, n in self.needed.items() if n)

    def whole(self, kind: Optional[str] = None) -> bool:
        """Whether every month needed (of `kind`, or of every kind) is whole for every force."""
        kinds = [kind] if kind else set(self.missing) | set(self.partial)
        return not self.no_force and not any(self.missing.get(k) or self.partial.get(k) for k in kinds)

    @staticmethod
    def _text(months: Mapping[str, List[str]]) -> str:
        return "; ".join(f"{kind} {','.join(ms)}" for kind, ms in months.items() if ms)

    def missing_text(self) -> str:
        """'street 2013-04,2013-05; outcomes 2013-07' (empty when nothing is missing)."""
        return self._text(self.missing)

    def partial_text(self) -> str:
        return self._text(self.partial)


def area_gaps(area_forces: Mapping[str, Set[str]], needs: Sequence[Need]) -> Dict[str, Gaps]:
    """Gaps of every area, from the forces its figures come from and the months each kind needs.
    An area with no force at all (an unknown LSOA without crimes) has no data."""
    cache: Dict[Tuple[str, str], Tuple[List[str], List[str]]] = {}

    def force_gaps(need: Need, force: str):
        key = (need.kind, force)
        if key not in cache:
            cache[key] = need.status.gaps(force, need.months)
        return cache[key]

    out: Dict[str, Gaps] = {}
    for area, area_force_set in area_forces.items():
        gaps = Gaps(no_force=not area_force_set)
        for need in needs:
            missing: Set[str] = set()
            partial: Set[str] = set()
            for force in sorted(area_force_set):
                m, p = force_gaps(need, force)
                missing.update(m)
                partial.update(p)
            gaps.needed[need.kind] = len(need.months)
            gaps.missing[need.kind] = sorted(missing)
            gaps.partial[need.kind] = sorted(partial - missing)
        out[area] = gaps
    return out


def forces_by_area(own: Mapping[str, Iterable[str]], rows_area, rows_force) -> Dict[str, Set[str]]:
    """Each area's forces: its own (`own`: area -> forces, such as a neighbourhood's force) and the
    forces of the rows (crimes, searches) that lie in it (`rows_area`, `rows_force`: parallel)."""
    out: Dict[str, Set[str]] = {area: {f for f in forces if f} for area, forces in own.items()}
    for area, force in set(zip(rows_area, rows_force)):
        if area in out and force:
            out[area].add(force)
    return out
