"""Census 2021 usual residents by broad ethnic group per police force area (bundled in resources/).

The five broad groups are those the Home Office publishes stop-and-search rates for, and Census
2021 TS021's high-level groups: Asian, Black, Mixed, White, Other (which includes Arab). Built by
scripts/build_ethnicity.py; the 43 territorial forces only (British Transport Police has no
residents; Northern Ireland's census is NISRA's and is not included).
"""

import csv
from functools import lru_cache
from typing import Dict

from ..about import RESOURCES as _PLUGIN_RESOURCES

RESOURCES = _PLUGIN_RESOURCES / "population"
TABLE = RESOURCES / "pfa_ethnicity_census2021.csv"

GROUPS = ("asian", "black", "mixed", "white", "other")
REFERENCE = "white"   # the group disproportionality ratios compare with
TOTAL = "total"


@lru_cache(maxsize=1)
def force_ethnicity() -> Dict[str, Dict[str, int]]:
    """police.uk slug -> {"asian", "black", "mixed", "white", "other", "total": usual residents}."""
    with open(TABLE, newline="", encoding="utf-8") as fh:
        return {row["force"]: {key: int(row[key]) for key in (*GROUPS, TOTAL)} for row in csv.DictReader(fh)}
