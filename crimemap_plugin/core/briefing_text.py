"""The words of a briefing page (pure: no Qt): signed numbers written alike everywhere, the headline
sentence, the rate per 1,000 residents with the population it uses, and links made clickable.

Every sentence is one template, translated whole through the `tr` the caller gives (the layers pass
`crimemap_plugin.i18n.tr`; the default keeps English), so Welsh word order is never forced into
English fragments. Month names are the periods' own labels.
"""

import math
from typing import Callable, List, Optional
from urllib.parse import urlsplit, urlunsplit

from .periods import PREVIOUS_PERIOD, SAME_PERIOD_LAST_YEAR, Period, shift

MINUS = "\u2212"          # the minus sign, never a hyphen: "−8%"
ABOUT_THE_SAME = 5.0      # |change %| below this, and not beyond chance: "about the same" (the legend's band)
MONTHS_LISTED = 3         # months named in "no data for …" before "and N more"

Tr = Callable[[str], str]


def _same(text: str) -> str:
    return text


def _half_up(value: float) -> int:
    """The nearest whole number, halves away from zero (2.5 -> 3, -2.5 -> -3): as the map's labels round."""
    return int(math.floor(abs(value) + 0.5)) * (1 if value >= 0 else -1)


def signed(value: int) -> str:
    """'+140', '−140', '0' (thousands separated)."""
    if value > 0:
        return f"+{value:,}"
    if value < 0:
        return f"{MINUS}{-value:,}"
    return "0"


def signed_pct(value: float) -> str:
    """'+12%', '−8%', '0%': rounded to a whole per cent, the sign always shown except on zero."""
    return signed(_half_up(value)) + "%"


def unsigned_pct(value: float) -> str:
    """'12%' for a rise or a fall of 12 % (the verb says which way)."""
    return f"{abs(_half_up(value)):,}%"


def rate_number(rate: float) -> str:
    """'4.2', '0.35', '1,234', '0': a rate with the decimals it needs."""
    if rate == 0:
        return "0"
    if rate >= 100:
        return f"{rate:,.0f}"
    if rate >= 1:
        return f"{rate:,.1f}"
    return f"{rate:,.2f}"


def baseline_words(kind: str, length: int, tr: Tr = _same) -> str:
    """What the period is compared with, in words: 'the same months last year', 'the 3 months before'."""
    if kind == SAME_PERIOD_LAST_YEAR:
        return tr("the same month last year") if length == 1 else tr("the same months last year")
    if kind == PREVIOUS_PERIOD:
        return tr("the month before") if length == 1 else tr("the {n} months before").format(n=length)
    raise ValueError(f"unknown baseline {kind!r}")


def chance_words(significant: Optional[bool], tr: Tr = _same) -> str:
    if significant:
        return tr("more than chance would explain")
    return tr("within what chance would explain")


def month_list(months: List[str], tr: Tr = _same) -> str:
    """Months in words, runs of months as one ('October–December 2024 and October–December 2025',
    'December 2018'), cut after a few runs."""
    runs: List[List[str]] = []
    for month in sorted(set(months)):
        if runs and shift(runs[-1][-1], 1) == month:
            runs[-1].append(month)
        else:
            runs.append([month])
    names = [Period(run[-1], len(run)).label() for run in runs]
    if len(names) > MONTHS_LISTED:
        return tr("{months} and {n} more").format(months=", ".join(names[:MONTHS_LISTED]),
                                                   n=len(names) - MONTHS_LISTED)
    if len(names) > 1:
        return tr("{months} and {last}").format(months=", ".join(names[:-1]), last=names[-1])
    return names[0] if names else ""


def headline_sentence(category: str, current: Optional[int], baseline: Optional[int], change_pct: Optional[float],
                      significant: Optional[bool], complete: bool, missing: List[str], partial: List[str],
                      baseline_kind: str, length: int, tr: Tr = _same) -> str:
    """The page's one-line summary of the chosen category, e.g. 'Burglary fell 10% — 140 fewer than
    the same months last year; more than chance would explain'. `category` is already in words."""
    if not complete:
        if missing:
            return tr("{category}: no data for {months}, so not compared").format(
                category=category, months=month_list(missing, tr))
        return tr("{category}: partial data for {months} (the force published part of the month), so not "
                  "compared").format(category=category, months=month_list(partial, tr))
    before = baseline_words(baseline_kind, length, tr)
    change = (current or 0) - (baseline or 0)
    chance = chance_words(significant, tr)
    if not current and not baseline:
        return tr("{category}: none recorded, nor in {baseline}").format(category=category, baseline=before)
    if not baseline:
        return tr("{category}: {n} recorded against none in {baseline}; {chance}").format(
            category=category, n=f"{current:,}", baseline=before, chance=chance)
    if change == 0:
        return tr("{category} was unchanged: {n}, as in {baseline}").format(category=category, n=f"{current:,}",
                                                                            baseline=before)
    if abs(change_pct) < ABOUT_THE_SAME and not significant:
        template = tr("{category} was about the same ({pct}): {n} more than {baseline}; {chance}") if change > 0 \
            else tr("{category} was about the same ({pct}): {n} fewer than {baseline}; {chance}")
        return template.format(category=category, pct=signed_pct(change_pct), n=f"{abs(change):,}",
                               baseline=before, chance=chance)
    template = tr("{category} rose {pct} — {n} more than {baseline}; {chance}") if change > 0 \
        else tr("{category} fell {pct} — {n} fewer than {baseline}; {chance}")
    return template.format(category=category, pct=unsigned_pct(change_pct), n=f"{abs(change):,}", baseline=before,
                           chance=chance)


# Where a population comes from, as the rate line names it.
CENSUS, NISRA, POLICE_UK = "census", "nisra", "police.uk"


def rate_sentence(rate: Optional[float], population: int, source: str, force: str, complete: bool,
                  tr: Tr = _same) -> str:
    """'4.2 per 1,000 residents (Census 2021: 8,583)': the period's crimes per 1,000 residents and the
    population used; British Transport Police has none, and an incomplete period has no rate."""
    if force == "btp":
        return tr("British Transport Police polices the railways and has no residents: no rate per resident")
    if not population:
        return tr("No residents counted in the area: no rate per resident")
    if not complete or rate is None or (isinstance(rate, float) and math.isnan(rate)):
        return tr("No rate per 1,000 residents: the period is not complete")
    where = {CENSUS: tr("Census 2021"), NISRA: tr("NISRA, Census 2021"),
             POLICE_UK: tr("police.uk's figure")}[source]
    return tr("{rate} per 1,000 residents ({source}: {population})").format(
        rate=rate_number(rate), source=where, population=f"{population:,}")


def clickable(url: str) -> str:
    """A link as it should be printed: police.uk's own hosts serve https, so their http:// links (all
    police.uk gives) are upgraded; other links are kept as given."""
    text = (url or "").strip()
    parts = urlsplit(text)
    host = (parts.hostname or "").lower()
    if parts.scheme == "http" and (host == "police.uk" or host.endswith(".police.uk")):
        return urlunsplit(("https",) + tuple(parts[1:]))
    return text
