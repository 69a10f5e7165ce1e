"""police.uk's outcome wordings: every wording used since 2012, each mapped to its current category and
to one of seven groups.

Wording. police.uk has written outcomes differently over the years: the outcomes files of 2012–2014
used "Offender imprisoned", "Suspect found not guilty", "No further action at this time" …; in 2014
data.police.uk renamed "No further action" to "Investigation complete; no suspect identified" (when
the Home Office outcomes framework started), added "Formal action is not in the public interest" and
"Offender given a drugs possession warning", and relabelled the outcomes files' wording to match the
API ("Offender imprisoned" → "Offender sent to prison", "Offender given community penalty" →
"Offender given community sentence", "Offender sentenced as part of another case" → "Suspect charged
as part of another case", "Suspect found not guilty" → "Defendant found not guilty", …). Every
wording, and every API code ("imprisoned", "no-further-action", …), maps to one current category
(CATEGORIES, in the street files' current wording) and to one of seven GROUPS.

Statuses are not outcomes: "Under investigation", "Status update unavailable" and an empty value say
that no outcome is known yet. Any other wording is an outcome; one not in CATEGORIES never fails:
it counts in the "other" group and `unknown_wordings` reports it so that it can be added.
"""

from dataclasses import dataclass
from typing import Dict, Iterable

import numpy as np
import pandas as pd

CHARGED = "charged_or_summonsed"
CAUTIONED = "cautioned_or_community_resolution"
NO_SUSPECT = "no_suspect_identified"
UNABLE = "unable_to_prosecute"
UNDER_INVESTIGATION = "under_investigation"
OTHER = "other"
NO_OUTCOME = "no_outcome_recorded"
GROUPS = (CHARGED, CAUTIONED, NO_SUSPECT, UNABLE, UNDER_INVESTIGATION, OTHER, NO_OUTCOME)
STATUS_GROUPS = frozenset({UNDER_INVESTIGATION, NO_OUTCOME})

GROUP_LABELS = {
    CHARGED: "Charged or summonsed", CAUTIONED: "Cautioned or community resolution",
    NO_SUSPECT: "No suspect identified", UNABLE: "Unable to prosecute",
    UNDER_INVESTIGATION: "Under investigation", OTHER: "Other", NO_OUTCOME: "No outcome recorded",
}


@dataclass(frozen=True)
class Category:
    name: str            # the current police.uk wording (street "Last outcome category")
    code: str            # the police.uk API code
    group: str
    aliases: tuple = ()  # earlier wordings police.uk used for it

    @property
    def is_outcome(self) -> bool:
        return self.group not in STATUS_GROUPS


# In order of precedence among entries recorded in the same month (first wins).
CATEGORIES = (
    # court results (the suspect was charged or summonsed)
    Category("Offender sent to prison", "imprisoned", CHARGED, ("Offender imprisoned",)),
    Category("Offender given suspended prison sentence", "suspended-sentence", CHARGED),
    Category("Offender given community sentence", "community-penalty", CHARGED,
             ("Offender given community penalty",)),
    Category("Offender fined", "fined", CHARGED),
    Category("Offender ordered to pay compensation", "compensation", CHARGED,
             ("Offender required to pay compensation",)),
    Category("Offender deprived of property", "deprived-of-property", CHARGED),
    Category("Offender given conditional discharge", "conditional-discharge", CHARGED),
    Category("Offender given absolute discharge", "absolute-discharge", CHARGED),
    Category("Offender otherwise dealt with", "other-court-disposal", CHARGED),
    Category("Defendant found not guilty", "not-guilty", CHARGED, ("Suspect found not guilty",)),
    Category("Court case unable to proceed", "unable-to-proceed", CHARGED),
    Category("Court result unavailable", "court-result-unavailable", CHARGED),
    # court stage and charge
    Category("Defendant sent to Crown Court", "sent-to-crown-court", CHARGED, ("Suspect sent to Crown Court",)),
    Category("Awaiting court outcome", "awaiting-court-result", CHARGED),
    Category("Suspect charged", "charged", CHARGED),
    Category("Suspect charged as part of another case", "sentenced-in-another-case", CHARGED,
             ("Offender sentenced as part of another case",)),
    # out-of-court disposals
    Category("Offender given a caution", "cautioned", CAUTIONED),
    Category("Offender given a drugs possession warning", "drugs-possession-warning", CAUTIONED),
    Category("Offender given penalty notice", "penalty-notice-issued", CAUTIONED,
             ("Offender given a penalty notice",)),
    Category("Local resolution", "local-resolution", CAUTIONED),
    # closed without action against a suspect
    Category("Unable to prosecute suspect", "unable-to-prosecute", UNABLE),
    Category("Formal action is not in the public interest", "formal-action-not-in-public-interest", OTHER),
    Category("Further action is not in the public interest", "further-action-not-in-public-interest", OTHER),
    Category("Further investigation is not in the public interest",
             "further-investigation-not-in-public-interest", OTHER),
    Category("Action to be taken by another organisation", "action-taken-by-another-organisation", OTHER),
    Category("Investigation complete; no suspect identified", "no-further-action", NO_SUSPECT,
             ("No further action at this time",)),
    # statuses
    Category("Under investigation", "under-investigation", UNDER_INVESTIGATION),
    Category("Status update unavailable", "status-update-unavailable", NO_OUTCOME),
)
BY_NAME: Dict[str, Category] = {c.name: c for c in CATEGORIES}
UNKNOWN_RANK = len(CATEGORIES)   # an unknown wording yields to every known outcome of its month
STATUS_RANK = UNKNOWN_RANK + 1


def _key(wording) -> str:
    if wording is None or (isinstance(wording, float) and np.isnan(wording)):
        return ""
    return " ".join(str(wording).replace("\u2019", "'").split()).lower()


_LOOKUP: Dict[str, Category] = {}
for _c in CATEGORIES:
    for _w in (_c.name, _c.code, *_c.aliases):
        _LOOKUP[_key(_w)] = _c


@dataclass(frozen=True)
class Classified:
    category: str    # current wording; the wording itself when unknown; "" when empty
    group: str
    is_outcome: bool
    known: bool
    rank: int


def classify(wording) -> Classified:
    """The current category and group of one outcome wording (street or outcomes file, any year)."""
    key = _key(wording)
    if not key:
        return Classified("", NO_OUTCOME, False, True, STATUS_RANK)
    category = _LOOKUP.get(key)
    if category is None:
        return Classified(" ".join(str(wording).split()), OTHER, True, False, UNKNOWN_RANK)
    rank = CATEGORIES.index(category) if category.is_outcome else STATUS_RANK
    return Classified(category.name, category.group, category.is_outcome, True, rank)


def is_outcome(wording) -> bool:
    """Whether a wording is a result (anything but "Under investigation", "Status update
    unavailable" or empty)."""
    return classify(wording).is_outcome


def unknown_wordings(*columns: Iterable) -> Dict[str, int]:
    """Wordings no category knows, with how many values carry each, over the given columns (for
    example crimes["outcome"] and outcomes["outcome_type"])."""
    counts: Dict[str, int] = {}
    for column in columns:
        values = pd.Series(column, dtype=object)
        for wording, n in values.value_counts(dropna=True).items():
            if not classify(wording).known:
                text = " ".join(str(wording).split())
                counts[text] = counts.get(text, 0) + int(n)
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
