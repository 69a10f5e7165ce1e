"""Crime categories: the names in police.uk CSV files, the API slugs, and the 2009 headline groups."""

from typing import Dict, Optional

# API slug -> name as police.uk writes it, in the order police.uk lists them.
CATEGORIES: Dict[str, str] = {
    "anti-social-behaviour": "Anti-social behaviour",
    "bicycle-theft": "Bicycle theft",
    "burglary": "Burglary",
    "criminal-damage-arson": "Criminal damage and arson",
    "drugs": "Drugs",
    "other-theft": "Other theft",
    "possession-of-weapons": "Possession of weapons",
    "public-order": "Public order",
    "robbery": "Robbery",
    "shoplifting": "Shoplifting",
    "theft-from-the-person": "Theft from the person",
    "vehicle-crime": "Vehicle crime",
    "violent-crime": "Violence and sexual offences",
    "other-crime": "Other crime",
}

# Categories that only older files use; kept as their own slugs so old months stay exact.
LEGACY: Dict[str, str] = {
    "public-disorder-weapons": "Public disorder and weapons",
}

ALL_CRIME = "all-crime"

# The six headline groups of the 2009 Crime Map, in its order.
HEADLINE = ("all-crime", "burglary", "robbery", "violent-crime", "vehicle-crime", "anti-social-behaviour")

_CSV_NAME_TO_SLUG: Dict[str, str] = {name.lower(): slug for slug, name in {**CATEGORIES, **LEGACY}.items()}
# "Violent crime" was the name of violent-crime before "Violence and sexual offences".
_CSV_NAME_TO_SLUG["violent crime"] = "violent-crime"
_CSV_NAME_TO_SLUG["violence and sexual offences"] = "violent-crime"


def slug_for_csv_name(name: str) -> Optional[str]:
    """API slug for a "Crime type" value, or None when the type is unknown."""
    return _CSV_NAME_TO_SLUG.get(" ".join((name or "").split()).lower())


def label(slug: str) -> str:
    """Plain words for a slug, as police.uk writes them."""
    if slug == ALL_CRIME:
        return "All crime"
    return CATEGORIES.get(slug) or LEGACY.get(slug) or slug
