"""Census 2021 usual residents: per police force area and per LSOA (bundled in resources/)."""

import csv
from functools import lru_cache
from typing import Dict, Tuple

from ..about import RESOURCES as _PLUGIN_RESOURCES

RESOURCES = _PLUGIN_RESOURCES / "population"


# Northern Ireland's usual residents on Census Day 2021 (NISRA, Census 2021 main statistics, MS-A01):
# the population the Police Service of Northern Ireland serves. British Transport Police polices the
# railways and has no residents: its rates are not defined.
NORTHERN_IRELAND_2021 = 1_903_175


@lru_cache(maxsize=1)
def force_population() -> Dict[str, int]:
    """police.uk slug -> usual residents (the 43 territorial forces and Northern Ireland)."""
    with open(RESOURCES / "pfa_population_census2021.csv", newline="", encoding="utf-8") as fh:
        out = {row["force"]: int(row["population"]) for row in csv.DictReader(fh)}
    out["northern-ireland"] = NORTHERN_IRELAND_2021
    return out


@lru_cache(maxsize=1)
def lsoa_table() -> Dict[str, Tuple[str, str, int]]:
    """LSOA 2021 code -> (name, police.uk slug of its force, usual residents)."""
    with open(RESOURCES / "lsoa_population_census2021.csv", newline="", encoding="utf-8") as fh:
        return {r["lsoa_code"]: (r["lsoa_name"], r["force"], int(r["population"])) for r in csv.DictReader(fh)}


@lru_cache(maxsize=1)
def lsoa_centroids():
    """(lon, lat, residents) arrays of every LSOA 2021's population-weighted centroid (WGS84)."""
    import numpy as np
    with open(RESOURCES / "lsoa_population_census2021.csv", newline="", encoding="utf-8") as fh:
        rows = [(float(r["centroid_lon"]), float(r["centroid_lat"]), int(r["population"]))
                for r in csv.DictReader(fh)]
    lon, lat, pop = (np.array(col) for col in zip(*rows))
    return lon, lat, pop.astype(np.int64)
