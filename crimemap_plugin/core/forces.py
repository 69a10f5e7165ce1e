"""The 44 police forces that appear in data.police.uk files, keyed by police.uk slug.

Names differ between sources ("Devon & Cornwall Police" on police.uk, "Devon & Cornwall" at ONS,
"London, City of" for the City of London): everything joins on slugs or ONS codes, never on names.
British Transport Police (`btp`) appears only in bulk files and has no area; Northern Ireland has no
ONS police force area code. Names have changed over the years ("Devon and Cornwall Constabulary" in
2013, "Devon & Cornwall Police" today): `slug_for_name` knows every form.
"""

from dataclasses import dataclass
from typing import Dict, Optional


@dataclass(frozen=True)
class Force:
    slug: str
    name: str          # as police.uk writes it (the "Falls within" value)
    ons_name: str      # as ONS writes it ("" when ONS has no police force area)
    ons_code: str      # PFA22CD ("" when none)


FORCES = (
    Force("metropolitan", "Metropolitan Police Service", "Metropolitan Police", "E23000001"),
    Force("cumbria", "Cumbria Constabulary", "Cumbria", "E23000002"),
    Force("lancashire", "Lancashire Constabulary", "Lancashire", "E23000003"),
    Force("merseyside", "Merseyside Police", "Merseyside", "E23000004"),
    Force("greater-manchester", "Greater Manchester Police", "Greater Manchester", "E23000005"),
    Force("cheshire", "Cheshire Constabulary", "Cheshire", "E23000006"),
    Force("northumbria", "Northumbria Police", "Northumbria", "E23000007"),
    Force("durham", "Durham Constabulary", "Durham", "E23000008"),
    Force("north-yorkshire", "North Yorkshire Police", "North Yorkshire", "E23000009"),
    Force("west-yorkshire", "West Yorkshire Police", "West Yorkshire", "E23000010"),
    Force("south-yorkshire", "South Yorkshire Police", "South Yorkshire", "E23000011"),
    Force("humberside", "Humberside Police", "Humberside", "E23000012"),
    Force("cleveland", "Cleveland Police", "Cleveland", "E23000013"),
    Force("west-midlands", "West Midlands Police", "West Midlands", "E23000014"),
    Force("staffordshire", "Staffordshire Police", "Staffordshire", "E23000015"),
    Force("west-mercia", "West Mercia Police", "West Mercia", "E23000016"),
    Force("warwickshire", "Warwickshire Police", "Warwickshire", "E23000017"),
    Force("derbyshire", "Derbyshire Constabulary", "Derbyshire", "E23000018"),
    Force("nottinghamshire", "Nottinghamshire Police", "Nottinghamshire", "E23000019"),
    Force("lincolnshire", "Lincolnshire Police", "Lincolnshire", "E23000020"),
    Force("leicestershire", "Leicestershire Police", "Leicestershire", "E23000021"),
    Force("northamptonshire", "Northamptonshire Police", "Northamptonshire", "E23000022"),
    Force("cambridgeshire", "Cambridgeshire Constabulary", "Cambridgeshire", "E23000023"),
    Force("norfolk", "Norfolk Constabulary", "Norfolk", "E23000024"),
    Force("suffolk", "Suffolk Constabulary", "Suffolk", "E23000025"),
    Force("bedfordshire", "Bedfordshire Police", "Bedfordshire", "E23000026"),
    Force("hertfordshire", "Hertfordshire Constabulary", "Hertfordshire", "E23000027"),
    Force("essex", "Essex Police", "Essex", "E23000028"),
    Force("thames-valley", "Thames Valley Police", "Thames Valley", "E23000029"),
    Force("hampshire", "Hampshire Constabulary", "Hampshire", "E23000030"),
    Force("surrey", "Surrey Police", "Surrey", "E23000031"),
    Force("kent", "Kent Police", "Kent", "E23000032"),
    Force("sussex", "Sussex Police", "Sussex", "E23000033"),
    Force("city-of-london", "City of London Police", "London, City of", "E23000034"),
    Force("devon-and-cornwall", "Devon & Cornwall Police", "Devon & Cornwall", "E23000035"),
    Force("avon-and-somerset", "Avon and Somerset Constabulary", "Avon and Somerset", "E23000036"),
    Force("gloucestershire", "Gloucestershire Constabulary", "Gloucestershire", "E23000037"),
    Force("wiltshire", "Wiltshire Police", "Wiltshire", "E23000038"),
    Force("dorset", "Dorset Police", "Dorset", "E23000039"),
    Force("north-wales", "North Wales Police", "North Wales", "W15000001"),
    Force("gwent", "Gwent Police", "Gwent", "W15000002"),
    Force("south-wales", "South Wales Police", "South Wales", "W15000003"),
    Force("dyfed-powys", "Dyfed-Powys Police", "Dyfed-Powys", "W15000004"),
    Force("northern-ireland", "Police Service of Northern Ireland", "", ""),
    Force("btp", "British Transport Police", "", ""),
)

BY_SLUG: Dict[str, Force] = {f.slug: f for f in FORCES}
BY_ONS_CODE: Dict[str, Force] = {f.ons_code: f for f in FORCES if f.ons_code}

# Every other name police.uk has used for a force in "Falls within"/"Reported by" (older files say
# "Constabulary" where today's say "Police", "and" where today's say "&", or the reverse), and the
# spellings of other sources. Names are compared after _norm(): case, "&"/"and", spaces and
# punctuation do not matter.
HISTORIC_NAMES: Dict[str, tuple] = {
    "metropolitan": ("Metropolitan Police", "The Metropolitan Police Service"),
    "devon-and-cornwall": ("Devon and Cornwall Constabulary", "Devon and Cornwall Police"),
    "leicestershire": ("Leicestershire Constabulary",),
    "hampshire": ("Hampshire & Isle of Wight Constabulary", "Hampshire Police"),
    "avon-and-somerset": ("Avon & Somerset Constabulary", "Avon and Somerset Police"),
    "dyfed-powys": ("Dyfed Powys Police",),
    "northern-ireland": ("PSNI", "Police Service of Northern Ireland (PSNI)", "Northern Ireland Police"),
    "btp": ("BTP",),
}

# Words that name what a force is rather than where: "Devon and Cornwall Constabulary" and "Devon &
# Cornwall Police" are variants of one force because their places agree.
_KIND_WORDS = {"police", "constabulary", "service", "the", "force", "psni"}


def _norm(name: str) -> str:
    text = (name or "").replace("&", " and ").lower()
    text = "".join(ch if ch.isalnum() else " " for ch in text)
    return " ".join(text.split())


def _place(name: str) -> str:
    """The place part of a force's name: 'devon and cornwall' for every spelling of Devon and Cornwall."""
    return " ".join(w for w in _norm(name).split() if w not in _KIND_WORDS)


_BY_NAME: Dict[str, str] = {}
_BY_PLACE: Dict[str, set] = {}
for _f in FORCES:
    for _name in (_f.name, _f.ons_name, *HISTORIC_NAMES.get(_f.slug, ())):
        if _name:
            _BY_NAME.setdefault(_norm(_name), _f.slug)
            _BY_PLACE.setdefault(_place(_name), set()).add(_f.slug)
_BY_PLACE.pop("", None)


def slug_for_name(name: str, file_force: Optional[str] = None) -> Optional[str]:
    """The police.uk slug for a force name, or None when the name is truly unknown.

    A name police.uk has used (HISTORIC_NAMES) or another source's spelling maps to its force. Any
    other spelling whose place agrees with exactly one force is a variant of that force (so a
    renamed force is never refused for its name); where the file says which force it holds
    (`file_force`, from the archive's file name) a variant of that force is read as it first."""
    key = _norm(name)
    if key in _BY_NAME:
        return _BY_NAME[key]
    place = _place(name)
    if not place:
        return None
    candidates = _BY_PLACE.get(place, set())
    if file_force in candidates:
        return file_force
    if len(candidates) == 1:
        return next(iter(candidates))
    return None


def territorial() -> tuple:
    """The 43 forces of England and Wales (those with an ONS police force area)."""
    return tuple(f for f in FORCES if f.ons_code)


def published() -> tuple:
    """Every force police.uk publishes data for: the 43 of England and Wales, then British Transport
    Police and the Police Service of Northern Ireland."""
    return territorial() + (BY_SLUG["btp"], BY_SLUG["northern-ireland"])


def area_code(slug: str) -> str:
    """A force's area code in comparisons: its ONS code, or its police.uk id where ONS has no police
    force area (btp, northern-ireland)."""
    force = BY_SLUG[slug]
    return force.ons_code or force.slug


def by_area_code(code: str) -> Optional[Force]:
    """The force with this comparison area code (ONS code or police.uk id), or None."""
    return BY_ONS_CODE.get(code) or BY_SLUG.get(code)


def has_area(slug: str) -> bool:
    """Whether the force has an area boundary bundled (BTP polices the railways and has none; for
    Northern Ireland police.uk publishes only a crude six-point outline, which is not drawn)."""
    return bool(BY_SLUG[slug].ons_code) if slug in BY_SLUG else False
