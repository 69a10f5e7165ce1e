"""What each police.uk answer must look like, checked before anything is believed or stored.

An answer of the wrong shape (a dict where a list belongs, a number where text belongs, a point that
is not a number or lies outside the UK) raises ApiError saying which field is wrong: the client then
fails that one request, and a neighbourhood that fails keeps what was stored of it. Sizes are bounded:
texts are cut to what a panel or a page can show, lists to what a neighbourhood can plausibly have.
"""

import math
from typing import Any, Dict, List, Optional, Tuple

from . import uk


class ShapeError(Exception):
    """An answer that is not of the shape police.uk documents; the message names the field."""


MAX_LISTING = 3_000        # neighbourhoods of one force (the Metropolitan Police has about 630)
MAX_VERTICES = 100_000     # a neighbourhood boundary (real ones have hundreds to a few thousand)
MAX_ITEMS = 500            # people, events, priorities, links or locations of one neighbourhood
MAX_LONG_TEXT = 20_000     # a description, a bio, a priority (characters)
MAX_SHORT_TEXT = 500       # a name, a rank, a title, a contact detail


def _kind(value) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _text(value, where: str, limit: int = MAX_SHORT_TEXT, required: bool = False) -> Optional[str]:
    if value is None:
        if required:
            raise ShapeError(f"{where} is missing")
        return None
    if not isinstance(value, str):
        raise ShapeError(f"{where} is {_kind(value)}, not text")
    return value if len(value) <= limit else value[:limit] + " …"


def _object(value, where: str, allow_none: bool = True) -> Dict[str, Any]:
    if value is None and allow_none:
        return {}
    if not isinstance(value, dict):
        raise ShapeError(f"{where} is {_kind(value)}, not an object")
    return value


def _list(value, where: str, limit: int = MAX_ITEMS, allow_none: bool = True) -> List[Any]:
    if value is None and allow_none:
        return []
    if not isinstance(value, list):
        raise ShapeError(f"{where} is {_kind(value)}, not a list")
    if len(value) > limit:
        raise ShapeError(f"{where} has {len(value):,} entries, far more than police.uk gives (at most {limit:,})")
    return value


def _number(value, where: str) -> Optional[float]:
    """A number police.uk may send as text ("51.9"); None when absent."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ShapeError(f"{where} is {_kind(value)}, not a number")
    try:
        number = float(value)
    except ValueError:
        raise ShapeError(f"{where} is {str(value)[:40]!r}, not a number") from None
    if not math.isfinite(number):
        raise ShapeError(f"{where} is {value!r}, not a finite number")
    return number


def _whole(value, where: str) -> Optional[int]:
    number = _number(str(value).replace(",", "").strip() if isinstance(value, str) else value, where)
    if number is None:
        return None
    if number < 0 or number != int(number):
        raise ShapeError(f"{where} is {value!r}, not a whole number")
    return int(number)


def contacts(value, where: str) -> Dict[str, str]:
    """contact_details: an object of text values (email, telephone, web…); empty values dropped."""
    out = {}
    for key, item in _object(value, where).items():
        text = _text(item, f"{where}.{key}")
        if text:
            out[str(key)[:40]] = text
    return out


def listing(value, force: str) -> List[Dict[str, str]]:
    """/<force>/neighbourhoods: [{id, name}]."""
    where = f"{force}/neighbourhoods"
    out = []
    for i, item in enumerate(_list(value, where, MAX_LISTING, allow_none=False)):
        item = _object(item, f"{where}[{i}]", allow_none=False)
        nid = item.get("id")
        if isinstance(nid, bool) or not isinstance(nid, (str, int)) or not str(nid).strip():
            raise ShapeError(f"{where}[{i}].id is {_kind(nid)}, not an id")
        nid = str(nid).strip()
        if len(nid) > 100 or any(ch in nid for ch in "/\\\x00"):
            raise ShapeError(f"{where}[{i}].id {nid[:40]!r} is not a police.uk id")
        out.append({"id": nid, "name": _text(item.get("name"), f"{where}[{i}].name") or nid})
    return out


def neighbourhood(value, where: str) -> Dict[str, Any]:
    """/<force>/<id>: name, description (HTML), population, centre, contact_details, links, locations."""
    data = _object(value, where, allow_none=False)
    centre = _object(data.get("centre"), f"{where}.centre")
    lat, lon = _number(centre.get("latitude"), f"{where}.centre.latitude"), \
        _number(centre.get("longitude"), f"{where}.centre.longitude")
    if lat is not None and lon is not None and uk.point_problem(lon, lat):
        raise ShapeError(f"{where}.centre: {uk.point_problem(lon, lat)}")
    links = []
    for i, link in enumerate(_list(data.get("links"), f"{where}.links")):
        link = _object(link, f"{where}.links[{i}]", allow_none=False)
        links.append({"url": _text(link.get("url"), f"{where}.links[{i}].url", 2000),
                      "title": _text(link.get("title"), f"{where}.links[{i}].title"),
                      "description": _text(link.get("description"), f"{where}.links[{i}].description",
                                           MAX_LONG_TEXT)})
    locations = []
    for i, place in enumerate(_list(data.get("locations"), f"{where}.locations")):
        place = _object(place, f"{where}.locations[{i}]", allow_none=False)
        locations.append({key: _text(place.get(key), f"{where}.locations[{i}].{key}",
                                     MAX_LONG_TEXT if key == "description" else MAX_SHORT_TEXT)
                          for key in ("name", "address", "postcode", "type", "description")})
    return {
        "name": _text(data.get("name"), f"{where}.name"),
        "description": _text(data.get("description"), f"{where}.description", MAX_LONG_TEXT),
        "population": _whole(data.get("population"), f"{where}.population"),
        "centre": {"latitude": lat, "longitude": lon},
        "contact_details": contacts(data.get("contact_details"), f"{where}.contact_details"),
        "url_force": _text(data.get("url_force"), f"{where}.url_force", 2000),
        "links": links,
        "locations": locations,
    }


def boundary(value, where: str) -> List[Tuple[float, float]]:
    """/<force>/<id>/boundary: [{latitude, longitude}] (as text) -> (lon, lat) in the UK."""
    out = []
    for i, point in enumerate(_list(value, where, MAX_VERTICES, allow_none=False)):
        point = _object(point, f"{where}[{i}]", allow_none=False)
        lat = _number(point.get("latitude"), f"{where}[{i}].latitude")
        lon = _number(point.get("longitude"), f"{where}[{i}].longitude")
        problem = uk.point_problem(lon, lat)
        if problem:
            raise ShapeError(f"{where}[{i}]: {problem}")
        out.append((lon, lat))
    return out


def people(value, where: str) -> List[Dict[str, Any]]:
    out = []
    for i, person in enumerate(_list(value, where)):
        person = _object(person, f"{where}[{i}]", allow_none=False)
        out.append({"name": _text(person.get("name"), f"{where}[{i}].name") or "",
                    "rank": _text(person.get("rank"), f"{where}[{i}].rank"),
                    "bio": _text(person.get("bio"), f"{where}[{i}].bio", MAX_LONG_TEXT),
                    "contact_details": contacts(person.get("contact_details"), f"{where}[{i}].contact_details")})
    return out


def events(value, where: str) -> List[Dict[str, Any]]:
    out = []
    for i, event in enumerate(_list(value, where)):
        event = _object(event, f"{where}[{i}]", allow_none=False)
        out.append({"title": _text(event.get("title"), f"{where}[{i}].title"),
                    "description": _text(event.get("description"), f"{where}[{i}].description", MAX_LONG_TEXT),
                    "address": _text(event.get("address"), f"{where}[{i}].address"),
                    "type": _text(event.get("type"), f"{where}[{i}].type"),
                    "start_date": _text(event.get("start_date"), f"{where}[{i}].start_date", 40),
                    "end_date": _text(event.get("end_date"), f"{where}[{i}].end_date", 40),
                    "contact_details": contacts(event.get("contact_details"), f"{where}[{i}].contact_details")})
    return out


def priorities(value, where: str) -> List[Dict[str, Any]]:
    """/<force>/<id>/priorities: [{issue, "issue-date", action, "action-date"}] (hyphenated keys)."""
    out = []
    for i, item in enumerate(_list(value, where)):
        item = _object(item, f"{where}[{i}]", allow_none=False)
        out.append({"issue": _text(item.get("issue"), f"{where}[{i}].issue", MAX_LONG_TEXT),
                    "issue_date": _text(item.get("issue-date"), f"{where}[{i}].issue-date", 40),
                    "action": _text(item.get("action"), f"{where}[{i}].action", MAX_LONG_TEXT),
                    "action_date": _text(item.get("action-date"), f"{where}[{i}].action-date", 40)})
    return out


def located(value, where: str) -> Optional[Tuple[str, str]]:
    """/locate-neighbourhood: {force, neighbourhood}."""
    if value is None:
        return None
    data = _object(value, where, allow_none=False)
    force = _text(data.get("force"), f"{where}.force", 100, required=True)
    nid = _text(data.get("neighbourhood"), f"{where}.neighbourhood", 100, required=True)
    if any(ch in force + nid for ch in "/\\\x00") or not force.strip() or not nid.strip():
        raise ShapeError(f"{where}: {force[:40]!r}/{nid[:40]!r} is not a police.uk neighbourhood")
    return force.strip(), nid.strip()
