"""Where police.uk data can lie: one home for the UK's bounding box and the checks on coordinates.

Everything police.uk publishes (Great Britain, Northern Ireland, the Isles of Scilly, Shetland) lies
inside this longitude/latitude box. CSV rows, KML boundaries and API answers are all held to it.
"""

import math
from typing import Optional

WEST, EAST = -8.75, 2.0
SOUTH, NORTH = 49.8, 61.0
BOX = (WEST, SOUTH, EAST, NORTH)   # min lon, min lat, max lon, max lat


def inside(lon: float, lat: float) -> bool:
    return WEST <= lon <= EAST and SOUTH <= lat <= NORTH


def point_problem(lon, lat) -> Optional[str]:
    """Why (lon, lat) is not a usable UK point, or None when it is."""
    if lon is None or lat is None:
        return "has no coordinates"
    if not (math.isfinite(lon) and math.isfinite(lat)):
        return f"coordinate {lon},{lat} is not a number"
    if not inside(lon, lat):
        return f"coordinate {lon},{lat} lies outside the UK"
    return None
