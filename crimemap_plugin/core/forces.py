"""The 44 police forces that appear in data.police.uk files, keyed by police.uk slug.

Names differ between sources ("Devon & Cornwall Police" on police.uk, "Devon & Cornwall" at ONS,
"London, City of" for the City of London): everything joins on slugs or ONS codes, never on names.
British Transport Police (`btp`) appears only in bulk files and has no area; Northern Ireland has no
ONS police force area code.
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

# Spellings seen in "Falls within"/"Reported by" besides the canonical one.
_ALIASES = {
    "devon and cornwall police": "devon-and-cornwall",
    "metropolitan police": "metropolitan",
    "police service of northern ireland (psni)": "northern-ireland",
    "psni": "northern-ireland",
}


def _norm(name: str) -> str:
    return " ".join(name.replace("&", "and").lower().split())


_BY_NAME: Dict[str, str] = {}
for _f in FORCES:
    _BY_NAME[_norm(_f.name)] = _f.slug
    if _f.ons_name:
        _BY_NAME.setdefault(_norm(_f.ons_name), _f.slug)
for _alias, _slug in _ALIASES.items():
    _BY_NAME.setdefault(_norm(_alias), _slug)


def slug_for_name(name: str) -> Optional[str]:
    """The police.uk slug for a force name as any of our sources spells it, or None."""
    return _BY_NAME.get(_norm(name or ""))


def territorial() -> tuple:
    """The 43 forces of England and Wales (those with an ONS police force area)."""
    return tuple(f for f in FORCES if f.ons_code)
