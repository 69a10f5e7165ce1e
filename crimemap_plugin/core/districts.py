"""Local authority districts: the places residents know, for a force page without stored neighbourhoods.

police.uk names every LSOA after its local authority district ("East Lindsey 017A" lies in East
Lindsey), and the store keeps that name with every crime (`crimes.lsoa_name`). Definitions:

- A crime's district is its LSOA name without the " 017A" suffix; crimes without an LSOA (no
  location) have none.
- A district's crimes are the force's crimes (by "Falls within", as the force's own totals) whose LSOA
  lies in it: the sum of the district's LSOAs.
- A district is the force's when its name is the district of one of the force's LSOAs in the bundled
  Census 2021 table, or when most of its crimes' LSOA codes are the force's LSOAs there (a district
  renamed since keeps its older name in older police.uk files: Shepway, Folkestone and Hythe since 2018).
  Crimes the force placed in a neighbouring force's district (police.uk snaps a point to the nearest
  LSOA) are left out of the list.
- A district is complete when the force's months of both periods are whole (completeness follows the
  force, as for its LSOAs); whether its change is larger than chance is tested over the force's complete
  districts together (exact test for two Poisson counts, Benjamini–Hochberg).
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, FrozenSet, List, Optional

import numpy as np
import pandas as pd

from . import categories
from .coverage import WHOLE
from .periods import Period
from .population import lsoa_table
from .stats import ALPHA, benjamini_hochberg, poisson_change_p

_LSOA_SUFFIX = re.compile(r"\s+\d{3}[A-Z]$")


@dataclass(frozen=True)
class AreaChange:
    """One area's change, as a briefing lists it among the largest rises or falls."""
    code: str
    name: str
    current: Optional[int]
    baseline: Optional[int]
    change_pct: Optional[float]
    significant: bool
    complete: bool

    @property
    def change(self) -> Optional[int]:
        return None if self.current is None or self.baseline is None else self.current - self.baseline


def district_name(lsoa_name: Optional[str]) -> str:
    """The local authority district of an LSOA, from its name ("East Lindsey 017A" -> "East Lindsey");
    "" for no name."""
    return _LSOA_SUFFIX.sub("", (lsoa_name or "").strip())


@lru_cache(maxsize=64)
def force_district_names(force: str) -> FrozenSet[str]:
    """The districts of the force's LSOAs in the bundled Census 2021 table (police.uk slug)."""
    return frozenset(district_name(name) for name, slug, _ in lsoa_table().values() if slug == force)


def _crimes(store, force: str, category: str, period: Period) -> pd.DataFrame:
    """The force's crimes of the period with an LSOA: columns district, lsoa_code."""
    cat = None if category == categories.ALL_CRIME else category
    frame = store.crime_frame(["lsoa_code", "lsoa_name"], cat, period.start, period.end, forces=[force])
    districts = frame["lsoa_name"].fillna("").map(district_name)
    out = pd.DataFrame({"district": districts, "lsoa_code": frame["lsoa_code"].fillna("")})
    return out[out["district"] != ""]


def _own(force: str, crimes: pd.DataFrame) -> FrozenSet[str]:
    """The districts among `crimes` that are the force's (see the module's definitions)."""
    named = force_district_names(force)
    table = lsoa_table()
    of_force = crimes["lsoa_code"].map(lambda code: table[code][1] == force if code in table else np.nan)
    known = of_force.notna()
    share = of_force[known].astype(float).groupby(crimes.loc[known, "district"]).mean()
    return frozenset(d for d in crimes["district"].unique() if d in named or share.get(d, 0.0) > 0.5)


def district_changes(store, force: str, category: str, period: Period, baseline_kind: str) -> List[AreaChange]:
    """The force's districts, with their crimes in the period and the baseline (see the module's
    definitions); [] when none of the force's crimes lie in a district of its own."""
    baseline = period.baseline(baseline_kind)
    now, before = _crimes(store, force, category, period), _crimes(store, force, category, baseline)
    own = _own(force, pd.concat([now, before], ignore_index=True))
    if not own:
        return []
    status = store.month_status()
    complete = all(status.state(force, m) == WHOLE for m in period.months + baseline.months)
    names = sorted(own)
    counts: Dict[str, List[int]] = {d: [0, 0] for d in names}
    for side, frame in ((0, now), (1, before)):
        by = frame[frame["district"].isin(own)].groupby("district").size()
        for district in names:
            counts[district][side] = int(by.get(district, 0))
    p = np.array([poisson_change_p(*counts[d]) if complete else np.nan for d in names])
    q = benjamini_hochberg(p)
    out = []
    for district, q_value in zip(names, q):
        current, base = counts[district]
        pct = (current - base) / base * 100.0 if complete and base else None
        out.append(AreaChange(district, district, current if complete else None, base if complete else None, pct,
                              bool(complete and q_value < ALPHA), complete))
    return out
