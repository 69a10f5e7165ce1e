"""Values to classes and colours, for the comparison maps (pure: the layers module builds renderers).

Ramps are ColorBrewer's colour-blind-safe schemes: YlOrRd (sequential) for counts and rates, RdBu
reversed (diverging, blue = fewer crimes, red = more) for change, centred on zero.
"""

import math
from dataclasses import dataclass
from typing import List, Optional, Sequence

import numpy as np

from .words import tr_noop

SEQUENTIAL = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")                        # YlOrRd 5
DIVERGING = ("#2166ac", "#67a9cf", "#d1e5f0", "#f7f7f7", "#fddbc7", "#ef8a62", "#b2182b")  # RdBu 7, reversed
NO_DATA = "#bdbdbd"
PARTIAL_DATA = "#9e9ac8"   # hatched: a partial submission, not the ramp's colours

# Every measure a comparison can map, with its words (one home: the dock, the layers' legends and
# Processing use these); MAP_MEASURES are those offered, in the order offered.
MEASURES = {
    "change_pct": tr_noop("Change %"),
    "rate_per_1000": tr_noop("Crimes per 1,000 residents"),
    "annual_rate_per_1000": tr_noop("Crimes per 1,000 residents, 12 months"),
    "current": tr_noop("Crimes"),
    "change": tr_noop("Change in crimes"),
}
MAP_MEASURES = ("change_pct", "rate_per_1000", "annual_rate_per_1000", "current")
DIVERGING_MEASURES = ("change_pct", "change")


@dataclass(frozen=True)
class Class:
    lower: Optional[float]   # None = open below
    upper: Optional[float]   # None = open above
    colour: str
    label: str


def _nice(x: float) -> float:
    """A round number close to x (1, 2, 2.5, 5 times a power of ten)."""
    if x <= 0:
        return 0.0
    exp = math.floor(math.log10(x))
    for m in (1, 2, 2.5, 5, 10):
        if m * 10 ** exp >= x * 0.999:
            return m * 10 ** exp
    return 10 ** (exp + 1)


def _fmt(v: float, pct: bool) -> str:
    text = f"{v:,.0f}" if abs(v) >= 100 or float(v).is_integer() else f"{v:,.1f}"
    return text + ("%" if pct else "")


def classes(measure: str, values: Sequence[float]) -> List[Class]:
    v = np.asarray([x for x in values if x is not None and not (isinstance(x, float) and math.isnan(x))],
                   dtype=float)
    pct = measure == "change_pct"
    if measure in DIVERGING_MEASURES:
        spread = float(np.percentile(np.abs(v), 90)) if len(v) else 0.0
        step = _nice(max(spread, 1e-9) / 3.5) if spread > 0 else (5.0 if pct else 1.0)
        if pct:
            # At least ±5% is "about the same" (a -7% fall is not painted as the deepest blue), and
            # a fall cannot pass -100%: the lowest class is "below -50%" at most.
            step = min(max(step, 10.0), 20.0)
        b = [step * k for k in (0.5, 1.5, 2.5)]
        edges = [-b[2], -b[1], -b[0], b[0], b[1], b[2]]
        out = [Class(None, edges[0], DIVERGING[0], f"below {_fmt(edges[0], pct)}")]
        for i in range(5):
            lo, hi = edges[i], edges[i + 1]
            label = (f"{_fmt(lo, pct)} to {_fmt(hi, pct)}" if i != 2 else f"about the same (±{_fmt(hi, pct)})")
            out.append(Class(lo, hi, DIVERGING[i + 1], label))
        out.append(Class(edges[-1], None, DIVERGING[6], f"above {_fmt(edges[-1], pct)}"))
        return out
    if not len(v):
        return [Class(None, None, SEQUENTIAL[2], "all areas")]
    qs = sorted(set(float(x) for x in np.quantile(v, [0.2, 0.4, 0.6, 0.8])))
    edges = [None] + qs + [None]
    colours = SEQUENTIAL if len(qs) == 4 else SEQUENTIAL[::max(1, 4 // max(len(qs), 1))]
    out = []
    for i in range(len(edges) - 1):
        lo, hi = edges[i], edges[i + 1]
        if lo is None and hi is None:
            label = "all areas"
        elif lo is None:
            label = f"below {_fmt(hi, False)}"
        elif hi is None:
            label = f"{_fmt(lo, False)} and above"
        else:
            label = f"{_fmt(lo, False)} to {_fmt(hi, False)}"
        out.append(Class(lo, hi, colours[min(i, len(colours) - 1)], label))
    return out
