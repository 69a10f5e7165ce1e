"""Electoral wards (May 2025) from LSOAs, for places residents know where no neighbourhoods are stored.

The bundled lookup (resources/population/lsoa_ward_2025.csv, built by scripts/build_wards.py) puts
each LSOA 2021 in the ward its centre lies in. A ward's crimes are the sum of its LSOAs' crimes; it is
complete when its force is (completeness follows the force, as for its LSOAs), and whether its change
is larger than chance is tested over the force's complete wards together (Benjamini–Hochberg).
"""

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Dict, List, Optional, Tuple

import numpy as np

from .population import RESOURCES, lsoa_table
from .stats import ALPHA, benjamini_hochberg, poisson_change_p

WARDS_PATH = RESOURCES / "lsoa_ward_2025.csv"
_LSOA_SUFFIX = re.compile(r"\s+\d{3}[A-Z]$")


@dataclass(frozen=True)
class Ward:
    code: str
    name: str                 # "" where the bundled lookup has no name for it
    place: str                # the local authority of its LSOAs ("Cheltenham")
    lsoas: Tuple[str, ...]

    def label(self, tr: Callable[[str], str] = lambda t: t) -> str:
        """Its name, or (where the lookup has none) its code and local authority: never an LSOA code."""
        if self.name:
            return self.name
        return tr("ward {code} in {place}").format(code=self.code, place=self.place)


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


@lru_cache(maxsize=1)
def lsoa_wards() -> Dict[str, Tuple[str, str]]:
    """LSOA 2021 code -> (ward code, ward name or "")."""
    with open(WARDS_PATH, newline="", encoding="utf-8") as fh:
        return {r["lsoa_code"]: (r["ward_code"], r["ward_name"]) for r in csv.DictReader(fh)}


def place_of(lsoa_name: str) -> str:
    """The local authority an LSOA is in, from its ONS name ("East Lindsey 017A" -> "East Lindsey")."""
    return _LSOA_SUFFIX.sub("", lsoa_name or "")


@lru_cache(maxsize=64)
def force_wards(force: str) -> Dict[str, Ward]:
    """The wards of a force's LSOAs (police.uk slug), by ward code."""
    lsoas = lsoa_table()
    found: Dict[str, list] = {}
    names: Dict[str, str] = {}
    for lsoa, (ward, name) in lsoa_wards().items():
        record = lsoas.get(lsoa)
        if record is None or record[1] != force:
            continue
        found.setdefault(ward, []).append(lsoa)
        names[ward] = name
    return {code: Ward(code, names[code], place_of(lsoas[members[0]][0]), tuple(sorted(members)))
            for code, members in found.items()}


def ward_changes(lsoa_records: List[dict], force: str, tr: Callable[[str], str] = lambda t: t) -> List[AreaChange]:
    """The force's wards from an LSOA comparison's records: counts summed over each ward's LSOAs,
    significance tested over the force's complete wards. LSOAs with no crimes in either period are
    not in the records and add nothing."""
    wards = force_wards(force)
    of_lsoa = {lsoa: code for code, ward in wards.items() for lsoa in ward.lsoas}
    sums: Dict[str, list] = {}
    for r in lsoa_records:
        ward = of_lsoa.get(r["area_code"])
        if ward is None:
            continue
        s = sums.setdefault(ward, [0, 0, True])
        if not r["complete"]:
            s[2] = False
            continue
        s[0] += int(r["current"])
        s[1] += int(r["baseline"])
    codes = sorted(sums)
    p = np.array([poisson_change_p(sums[c][0], sums[c][1]) if sums[c][2] else np.nan for c in codes])
    q = benjamini_hochberg(p)
    out = []
    for code, q_value in zip(codes, q):
        now, before, complete = sums[code]
        pct = (now - before) / before * 100.0 if complete and before else None
        out.append(AreaChange(code, wards[code].label(tr), now if complete else None, before if complete else None,
                              pct, bool(complete and q_value < ALPHA), complete))
    return out
