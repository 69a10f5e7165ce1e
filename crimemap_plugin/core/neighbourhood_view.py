"""What the neighbourhood panel shows, as safe HTML, from the stored details (pure: no Qt)."""

import html
import json
from datetime import datetime, timedelta
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


class EnglishDates:
    """How dates are written on the panel; the interface passes one that follows the user's locale."""

    @staticmethod
    def day(d: datetime) -> str:
        return f"{d.day} {d:%B %Y}"

    @staticmethod
    def month(d: datetime) -> str:
        return f"{d:%B %Y}"

    @staticmethod
    def moment(d: datetime) -> str:
        return f"{d:%A} {d.day} {d:%B %Y}, {d:%H:%M}"


def _same(text: str) -> str:
    return text


CURRENT_DAYS = 365          # priorities older than a year are "earlier priorities"
SECURE_HOSTS = (".police.uk", ".gov.uk", ".nhs.uk")   # hosts that serve https: their http links are upgraded


def age(then: datetime, now: datetime, tr=_same) -> str:
    """'today', '3 days ago', '8 months ago', '2 years 9 months ago'."""
    days = (now - then).days
    if days < 1:
        return tr("today")
    if days < 45:
        return (tr("1 day ago") if days == 1 else tr("{} days ago").format(days))
    months = (now.year - then.year) * 12 + now.month - then.month - (now.day < then.day)
    years, months = divmod(max(months, 1), 12)
    parts = []
    if years:
        parts.append(tr("1 year") if years == 1 else tr("{} years").format(years))
    if months:
        parts.append(tr("1 month") if months == 1 else tr("{} months").format(months))
    return tr("{} ago").format(" ".join(parts))


def safe_link(url: str, label: Optional[str] = None, tr=_same) -> str:
    """A link that opens only over https: police.uk's own http:// links are upgraded (those hosts serve
    https); any other http link is shown as text to copy, saying why."""
    url = (url or "").strip()
    shown = html.escape(label or url)
    lowered = url.lower()
    if lowered.startswith("http://"):
        host = lowered[7:].split("/", 1)[0].split(":", 1)[0]
        if host.endswith(SECURE_HOSTS) or host in ("police.uk", "gov.uk"):
            url = "https://" + url[7:]
            lowered = url.lower()
    if lowered.startswith("https://"):
        return f'<a href="{html.escape(url, quote=True)}">{shown}</a>'
    if lowered.startswith("http://"):
        return f"{shown} <small>({html.escape(url)} — {tr('not a secure link: copy it to open it')})</small>"
    return shown


REACH = ("email", "telephone", "mobile", "address")   # how to reach the team: shown first
ONLINE = ("web", "twitter", "facebook")                # its pages online: with the links, last


def _contacts_shown(details: dict, tr, keys=REACH + ONLINE) -> str:
    words = {"email": tr("Email"), "telephone": tr("Telephone"), "mobile": tr("Mobile"), "web": tr("Web page"),
             "twitter": "X (Twitter)", "facebook": "Facebook", "address": tr("Address")}
    items = []
    for key in keys:
        label = words[key]
        value = (details or {}).get(key)
        if not value:
            continue
        value = str(value)
        if key == "email":
            link = f'<a href="mailto:{html.escape(value, quote=True)}">{html.escape(value)}</a>'
        elif key in ("telephone", "mobile"):
            link = f'<a href="tel:{html.escape(value.replace(" ", ""), quote=True)}">{html.escape(value)}</a>'
        elif value.lower().startswith(("http://", "https://")):
            link = safe_link(value, tr=tr)
        else:
            link = html.escape(value)
        items.append(f"{label}: {link}")
    return "<br>".join(items)


def render(row: dict, now: datetime, note: str = "", tr=_same, dates=EnglishDates, force_name: str = "",
           census: Optional[int] = None) -> str:
    """HTML for one neighbourhood_details row (JSON columns as stored). `tr` translates the words,
    `dates` writes the dates (the user's locale); `force_name` and `census` (Census 2021 residents)
    go in the heading."""
    stored = stored_details(row)
    people, events, priorities, links = (stored[k] for k in ("people", "events", "priorities", "links"))
    fetched = _date(row.get("fetched_at"))
    name = html.escape(str(row.get("name") or row.get("neighbourhood_id") or ""))
    parts = [f"<h3>{name}</h3>"]
    facts = [html.escape(force_name)] if force_name else []
    if census:
        facts.append(tr("{:,} residents (Census 2021)").format(int(census)))
    elif row.get("population"):
        facts.append(tr("{:,} residents (police.uk)").format(int(row["population"])))
    if facts:
        parts.append(f"<p>{' · '.join(facts)}</p>")
    if fetched:
        parts.append("<p><b>" + tr("Details as of {day} ({age})").format(day=dates.day(fetched),
                                                                         age=age(fetched, now, tr)) + "</b></p>")
    if note:
        parts.append(f"<p><b>{html.escape(note)}</b></p>")
    contacts = _contacts_shown(stored["contact_details"], tr, REACH)
    if contacts:
        parts.append(f"<p>{contacts}</p>")
    if row.get("description"):
        parts.append(_safe_block(row["description"], DESCRIPTION_CHARS))
    parts.append(f"<h4>{tr('Your neighbourhood team')}</h4>")
    if people:
        for person in people:
            parts.append(f"<p><b>{html.escape(person.get('name') or '')}</b>"
                         + (f" — {html.escape(person['rank'])}" if person.get("rank") else "") + "</p>")
            if person.get("bio"):
                parts.append(_safe_block(person["bio"], BIO_CHARS))
            person_contacts = _contacts_shown(person.get("contact_details") or {}, tr)
            if person_contacts:
                parts.append(f"<p>{person_contacts}</p>")
    else:
        parts.append(f"<p>{tr('No team members listed.')}</p>")
    ordered = ordered_priorities(priorities)
    current = [p for p in ordered if (_date(p.get("issue_date")) or now) >= now - timedelta(days=CURRENT_DAYS)]
    earlier = [p for p in ordered if p not in current]
    for heading, items, empty in ((tr("Current priorities"), current, tr("No current priorities published.")),
                                  (tr("Earlier priorities (more than a year old)"), earlier, None)):
        if not items and empty is None:
            continue
        parts.append(f"<h4>{heading}</h4>")
        if not items:
            parts.append(f"<p>{empty}</p>")
            continue
        parts.append("<ul>")
        for p in items:
            issued = _date(p.get("issue_date"))
            text = f"<li>{sanitise_html(p.get('issue'))}"
            if issued:
                text += "<br><small>" + tr("Since {month} ({age})").format(month=dates.month(issued),
                                                                          age=age(issued, now, tr)) + "</small>"
            if p.get("action"):
                acted = _date(p.get("action_date"))
                text += f"<br><i>{tr('Action:')}</i> " + sanitise_html(p["action"])
                if acted:
                    text += f"<small> ({dates.day(acted)})</small>"
            parts.append(text + "</li>")
        parts.append("</ul>")
    parts.append(f"<h4>{tr('Upcoming events')}</h4>")
    upcoming = upcoming_events(events, now)
    if upcoming:
        parts.append("<ul>")
        for e in upcoming:
            start = _date(e.get("start_date"))
            parts.append(f"<li><b>{dates.moment(start)}</b> — {html.escape(e.get('title') or '')}"
                         f"<br>{html.escape(e.get('address') or '')}</li>")
        parts.append("</ul>")
    else:
        parts.append(f"<p>{tr('No upcoming events.')}</p>")
    # Online last: the neighbourhood's page on the force's site, the team's web and social pages, links.
    online = []
    page = str(row.get("url_force") or "").strip()
    if page.lower().startswith(("http://", "https://")):
        online.append(safe_link(page, tr("Neighbourhood page"), tr))
    team_online = _contacts_shown(stored["contact_details"], tr, ONLINE)
    online += team_online.split("<br>") if team_online else []
    for link in links:
        url = str(link.get("url") or "")
        online.append(safe_link(url, link.get("title") or url, tr))
    if online:
        parts.append(f"<h4>{tr('Links')}</h4><ul>" + "".join(f"<li>{item}</li>" for item in online) + "</ul>")
    parts.append("<p><small>" + tr("Contains public sector information licensed under the Open Government Licence "
                                    "v3.0.") + "</small></p>")
    return "".join(parts)
