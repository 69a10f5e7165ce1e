"""What the neighbourhood panel shows, as safe HTML, from the stored details (pure: no Qt)."""

import html
import json
from datetime import datetime
from typing import Optional

from .sanitize import html_to_text, sanitise_html

DESCRIPTION_CHARS = 1500   # longer texts are shown as plain text, cut: the panel is for reading at a glance
BIO_CHARS = 800


def _safe_block(raw: Optional[str], limit: int) -> str:
    """Sanitised HTML, or the plain text cut to `limit` characters when it is longer."""
    text = html_to_text(raw)
    if len(text) <= limit:
        return sanitise_html(raw)
    return "<p>" + html.escape(text[:limit].rsplit(" ", 1)[0]) + " …</p>"

CONTACT_LABELS = {"email": "Email", "telephone": "Telephone", "mobile": "Mobile", "web": "Web",
                  "twitter": "Twitter", "facebook": "Facebook", "address": "Address"}


def _date(text: Optional[str]) -> Optional[datetime]:
    if not text:
        return None
    try:
        return datetime.fromisoformat(str(text).replace("Z", ""))
    except ValueError:
        return None


def _contacts(details: dict) -> str:
    items = []
    for key, label in CONTACT_LABELS.items():
        value = (details or {}).get(key)
        if not value:
            continue
        value = str(value)
        if key == "email":
            link = f'<a href="mailto:{html.escape(value, quote=True)}">{html.escape(value)}</a>'
        elif key in ("telephone", "mobile"):
            link = f'<a href="tel:{html.escape(value.replace(" ", ""), quote=True)}">{html.escape(value)}</a>'
        elif value.startswith("https://"):
            link = f'<a href="{html.escape(value, quote=True)}">{html.escape(value)}</a>'
        else:
            link = html.escape(value)
        items.append(f"{label}: {link}")
    return "<br>".join(items)


def ordered_priorities(priorities: list) -> list:
    """Priorities newest first (by issue date)."""
    return sorted(priorities, key=lambda p: _date(p.get("issue_date")) or datetime.min, reverse=True)


def upcoming_events(events: list, now: datetime) -> list:
    """Events starting from `now` on, soonest first."""
    upcoming = [e for e in events if (_date(e.get("start_date")) or datetime.min) >= now]
    return sorted(upcoming, key=lambda e: _date(e.get("start_date")))


PERSON = ("name", "rank", "bio")
EVENT = ("title", "description", "address", "type", "start_date", "end_date")
PRIORITY = ("issue", "issue_date", "action", "action_date")
LINK = ("url", "title", "description")


def _items(raw, fields) -> list:
    """A stored JSON list as dicts of text (or None) for `fields`, plus their contact_details: whatever
    was stored (by an older version, or edited by hand), nothing here can raise."""
    try:
        value = json.loads(raw or "[]")
    except (TypeError, ValueError, RecursionError):
        return []
    if not isinstance(value, list):
        return []
    out = []
    for item in value:
        if not isinstance(item, dict):
            continue
        clean = {f: item.get(f) if isinstance(item.get(f), str) else None for f in fields}
        clean["contact_details"] = contact_map(item.get("contact_details"))
        out.append(clean)
    return out


def contact_map(value) -> dict:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except (TypeError, ValueError, RecursionError):
            return {}
    if not isinstance(value, dict):
        return {}
    return {str(k): v for k, v in value.items() if isinstance(v, str) and v}


def stored_details(row: dict) -> dict:
    """The JSON columns of a neighbourhood_details row, parsed defensively."""
    return {"people": _items(row.get("people"), PERSON), "events": _items(row.get("events"), EVENT),
            "priorities": _items(row.get("priorities"), PRIORITY), "links": _items(row.get("links"), LINK),
            "contact_details": contact_map(row.get("contact_details"))}


def render(row: dict, now: datetime, note: str = "") -> str:
    """HTML for one neighbourhood_details row (JSON columns as stored)."""
    stored = stored_details(row)
    people, events, priorities, links = (stored[k] for k in ("people", "events", "priorities", "links"))
    fetched = _date(row.get("fetched_at"))
    parts = [f"<h3>{html.escape(str(row.get('name') or row.get('neighbourhood_id') or ''))}</h3>"]
    if fetched:
        age = (now - fetched).days
        parts.append(f"<p><small>As of {fetched:%d %B %Y}" + (f" ({age} days ago)" if age > 1 else "") +
                     "</small></p>")
    if note:
        parts.append(f"<p><b>{html.escape(note)}</b></p>")
    if row.get("description"):
        parts.append(_safe_block(row["description"], DESCRIPTION_CHARS))
    parts.append("<h4>Your neighbourhood team</h4>")
    if people:
        for person in people:
            parts.append(f"<p><b>{html.escape(person.get('name') or '')}</b>"
                         f" — {html.escape(person.get('rank') or '')}</p>")
            if person.get("bio"):
                parts.append(_safe_block(person["bio"], BIO_CHARS))
            contacts = _contacts(person.get("contact_details") or {})
            if contacts:
                parts.append(f"<p>{contacts}</p>")
    else:
        parts.append("<p>No team members listed.</p>")
    contacts = _contacts(stored["contact_details"])
    if contacts:
        parts.append(f"<p>{contacts}</p>")
    parts.append("<h4>Current priorities</h4>")
    ordered = ordered_priorities(priorities)
    if ordered:
        parts.append("<ul>")
        for p in ordered:
            issued = _date(p.get("issue_date"))
            text = f"<li>{sanitise_html(p.get('issue'))}"
            if issued:
                text += f"<small>Since {issued:%d %B %Y}</small>"
            if p.get("action"):
                acted = _date(p.get("action_date"))
                text += "<br><i>Action:</i> " + sanitise_html(p["action"])
                if acted:
                    text += f"<small> ({acted:%d %B %Y})</small>"
            parts.append(text + "</li>")
        parts.append("</ul>")
    else:
        parts.append("<p>No priorities published.</p>")
    parts.append("<h4>Upcoming events</h4>")
    upcoming = upcoming_events(events, now)
    if upcoming:
        parts.append("<ul>")
        for e in upcoming:
            start = _date(e.get("start_date"))
            parts.append(f"<li><b>{start:%A %d %B %Y, %H:%M}</b> — {html.escape(e.get('title') or '')}"
                         f"<br>{html.escape(e.get('address') or '')}</li>")
        parts.append("</ul>")
    else:
        parts.append("<p>No upcoming events.</p>")
    if links:
        parts.append("<h4>Links</h4><ul>")
        for link in links:
            url = str(link.get("url") or "")
            title = html.escape(link.get("title") or url)
            parts.append(f'<li><a href="{html.escape(url, quote=True)}">{title}</a></li>'
                         if url.startswith("https://") else f"<li>{title}</li>")
        parts.append("</ul>")
    parts.append("<p><small>Contains public sector information licensed under the Open Government Licence "
                 "v3.0.</small></p>")
    return "".join(parts)
