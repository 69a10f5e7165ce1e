"""Months and periods: an end month and a length, and the baselines the Crime Map compares with."""

import re
from dataclasses import dataclass
from typing import List

SAME_PERIOD_LAST_YEAR = "same_period_last_year"
PREVIOUS_PERIOD = "previous_period"
BASELINES = (SAME_PERIOD_LAST_YEAR, PREVIOUS_PERIOD)

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                  "October", "November", "December")
# The month names labels use (long, short): English here; the plugin sets the user's language's names
# from Qt's locale tables when it loads a translation (i18n.install), and English again when it unloads.
_names = {"long": ENGLISH_MONTHS, "short": tuple(n[:3] for n in ENGLISH_MONTHS)}


def use_month_names(long: tuple = ENGLISH_MONTHS, short: tuple = ()) -> None:
    """Label months with these twelve names (and abbreviations); no arguments: English again."""
    if len(long) != 12 or (short and len(short) != 12):
        raise ValueError("twelve month names are needed")
    _names["long"], _names["short"] = tuple(long), tuple(short) or tuple(n[:3] for n in long)


def parse(month: str) -> int:
    """'2025-03' -> a month number (year * 12 + month - 1)."""
    m = _MONTH.match(month or "")
    if not m:
        raise ValueError(f"not a month (YYYY-MM): {month!r}")
    return int(m.group(1)) * 12 + int(m.group(2)) - 1


def fmt(number: int) -> str:
    return f"{number // 12:04d}-{number % 12 + 1:02d}"


def shift(month: str, months: int) -> str:
    return fmt(parse(month) + months)


@dataclass(frozen=True)
class Period:
    end: str
    length: int

    def __post_init__(self):
        parse(self.end)
        if self.length < 1:
            raise ValueError("a period is at least one month long")

    @property
    def start(self) -> str:
        return shift(self.end, -(self.length - 1))

    @property
    def months(self) -> List[str]:
        last = parse(self.end)
        return [fmt(n) for n in range(last - self.length + 1, last + 1)]

    def baseline(self, kind: str) -> "Period":
        if kind == SAME_PERIOD_LAST_YEAR:
            return Period(shift(self.end, -12), self.length)
        if kind == PREVIOUS_PERIOD:
            return Period(shift(self.end, -self.length), self.length)
        raise ValueError(f"unknown baseline {kind!r}: use one of {', '.join(BASELINES)}")

    def annual(self) -> "Period":
        """The 12 months to the end month (annual rates)."""
        return Period(self.end, 12)

    def label(self, kind: str = "long") -> str:
        """'March–May 2021', 'December 2020–February 2021', 'May 2021' (in the language set by
        use_month_names)."""
        names = _names[kind]
        s, e = parse(self.start), parse(self.end)
        end_text = f"{names[e % 12]} {e // 12}"
        if s == e:
            return end_text
        if s // 12 == e // 12:
            return f"{names[s % 12]}–{end_text}"
        return f"{names[s % 12]} {s // 12}–{end_text}"

    def short_label(self) -> str:
        """'Mar–May 2021', 'Dec 2020–Feb 2021', 'May 2021'."""
        return self.label("short")

    def short(self) -> str:
        return self.end if self.length == 1 else f"{self.start} to {self.end}"
