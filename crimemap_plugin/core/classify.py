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
WHOLE_MEASURES = ("current", "change")      # counts: whole numbers, never "1,249.0"


@dataclass(frozen=True)
class Class:
    lower: Optional[float]   # None = open below
    upper: Optional[float]   # None = open above; lower == upper: exactly that value
    colour: str
    label: str

    def holds(self, value: float) -> bool:
        if self.lower is not None and self.upper is not None and self.lower == self.upper:
            return value == self.lower
        return (self.lower is None or value >= self.lower) and (self.upper is None or value < self.upper)

    def holds_any(self, values: np.ndarray) -> bool:
        """True when the class holds one of `values` (an array of floats): holds() for every value at once."""
        if self.lower is not None and self.upper is not None and self.lower == self.upper:
            return bool((values == self.lower).any())
        inside = np.ones(len(values), dtype=bool)
        if self.lower is not None:
            inside &= values >= self.lower
        if self.upper is not None:
            inside &= values < self.upper
        return bool(inside.any())


# Change % has the same classes on every map (the dock at any level, Processing, the briefings), so
# colours can be compared between them: at least ±5 % is "about the same", and the deepest blue is a
# fall of more than a quarter (a fall cannot pass −100 %).
CHANGE_PCT_EDGES = (-25.0, -10.0, -5.0, 5.0, 10.0, 25.0)
DISTINCT_CLASSES = 5       # this many different values or fewer: a class for each value


def _same(text: str) -> str:
    return text


def _nice(x: float) -> float:
    """A round number close to x (1, 2, 2.5, 5 times a power of ten)."""
    if x <= 0:
        return 0.0
    exp = math.floor(math.log10(x))
    for m in (1, 2, 2.5, 5, 10):
        if m * 10 ** exp >= x * 0.999:
            return m * 10 ** exp
    return 10 ** (exp + 1)


def number(v: float, whole: bool = False) -> str:
    """'1,249', '12.5', '0.25': whole numbers without decimals, small ones with what they need."""
    if whole or float(v).is_integer():
        return f"{v:,.0f}"
    if abs(v) >= 100:
        return f"{v:,.0f}"
    if abs(v) >= 1:
        return f"{v:,.1f}"
    return f"{v:,.2f}"


def _change_pct_classes(tr) -> List[Class]:
    e = CHANGE_PCT_EDGES
    labels = [tr("down more than {}%").format(number(-e[0])),
              tr("down {}% to {}%").format(number(-e[1]), number(-e[0])),
              tr("down {}% to {}%").format(number(-e[2]), number(-e[1])),
              tr("about the same (within ±{}%)").format(number(e[3])),
              tr("up {}% to {}%").format(number(e[3]), number(e[4])),
              tr("up {}% to {}%").format(number(e[4]), number(e[5])),
              tr("up more than {}%").format(number(e[5]))]
    bounds = [None, *e, None]
    return [Class(bounds[i], bounds[i + 1], DIVERGING[i], labels[i]) for i in range(7)]


def _change_classes(v: np.ndarray, tr) -> List[Class]:
    spread = float(np.percentile(np.abs(v), 90)) if len(v) else 0.0
    step = _nice(max(spread, 1e-9) / 3.5) if spread > 0 else 1.0
    step = max(step, 2.0)
    b = [step * k for k in (0.5, 1.5, 2.5)]
    edges = [-b[2], -b[1], -b[0], b[0], b[1], b[2]]
    labels = [tr("more than {} fewer").format(number(b[2])),
              tr("{} to {} fewer").format(number(b[1]), number(b[2])),
              tr("{} to {} fewer").format(number(b[0]), number(b[1])),
              tr("about the same (within ±{})").format(number(b[0])),
              tr("{} to {} more").format(number(b[0]), number(b[1])),
              tr("{} to {} more").format(number(b[1]), number(b[2])),
              tr("more than {} more").format(number(b[2]))]
    bounds = [None, *edges, None]
    return [Class(bounds[i], bounds[i + 1], DIVERGING[i], labels[i]) for i in range(7)]


def _sequential_classes(v: np.ndarray, whole: bool, tr) -> List[Class]:
    if not len(v):
        return []
    distinct = np.unique(v)
    if len(distinct) <= DISTINCT_CLASSES:
        # Few values (one force with data, a handful of neighbourhoods): a class for each, as it is.
        colours = SEQUENTIAL if len(distinct) == 5 else [SEQUENTIAL[round(i * 4 / max(len(distinct) - 1, 1))]
                                                         for i in range(len(distinct))]
        return [Class(float(x), float(x), colours[i], number(float(x), whole)) for i, x in enumerate(distinct)]
    qs = sorted(set(float(x) for x in np.quantile(v, [0.2, 0.4, 0.6, 0.8])))
    if whole:
        qs = sorted(set(float(math.ceil(x)) for x in qs))
    edges = [None] + qs + [None]
    colours = SEQUENTIAL if len(qs) == 4 else [SEQUENTIAL[round(i * 4 / max(len(qs), 1))] for i in range(len(qs) + 1)]
    out = []
    for i in range(len(edges) - 1):
        lo, hi = edges[i], edges[i + 1]
        if lo is None:
            label = tr("below {}").format(number(hi, whole))
        elif hi is None:
            label = tr("{} and above").format(number(lo, whole))
        else:
            label = tr("{} to under {}").format(number(lo, whole), number(hi, whole))
        out.append(Class(lo, hi, colours[i], label))
    return out


def classes(measure: str, values: Sequence[float], tr=_same, present_only: bool = False) -> List[Class]:
    """The classes a map of `measure` draws `values` in. `tr` translates the labels' words; with
    present_only, classes no value falls in are left out (a legend lists only what the map shows)."""
    v = np.asarray([x for x in values if x is not None and not (isinstance(x, float) and math.isnan(x))],
                   dtype=float)
    if measure == "change_pct":
        out = _change_pct_classes(tr)
    elif measure == "change":
        out = _change_classes(v, tr)
    else:
        out = _sequential_classes(v, measure in WHOLE_MEASURES, tr)
    if present_only:
        out = [c for c in out if c.holds_any(v)]
    return out
