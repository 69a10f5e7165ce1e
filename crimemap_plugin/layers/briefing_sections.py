"""The briefing's text sections (the team, priorities and events, or a force's rises and falls), cut to
fit the room the page leaves them."""

import re

from ..core import categories
from ..core.briefing import DISTRICTS, Briefing
from ..i18n import LocaleDates, tr
from .briefing_page import HEADING_PT, RIGHT_W, RIGHT_X, TEXT_PT
from .layout_items import label, line_mm, text_lines, text_width_mm


def _bullets(items) -> str:
    """One bullet a line; an item's own further lines (a priority's action) indented under it."""
    return "\n".join("• " + str(i).replace("\n", "\n   ") for i in items)


def section_mm(body: str, width_mm: float, size_pt: float) -> float:
    """Height of a section as _people places it: bold heading, then the wrapped body."""
    return (line_mm(HEADING_PT) + 0.6 + text_lines(body, width_mm, size_pt) * line_mm(size_pt)
            + 0.4 * line_mm(size_pt) + 1.0)


def fit_sections(sections, width_mm: float, height_mm: float, size_pt: float):
    """The sections [(heading, [items])] cut to fit the box, with a line to spare for saying how many
    were left out: items are dropped from the longest section first, each section keeps one.
    Returns ([(heading, body text)], how many items were dropped)."""
    sections = [(h, list(items)) for h, items in sections]

    def height() -> float:
        return sum(section_mm(_bullets(items), width_mm, size_pt) for _, items in sections) + line_mm(size_pt)

    dropped = 0
    while height() > height_mm:
        longest = max((sec for sec in sections if len(sec[1]) > 1), key=lambda sec: len(sec[1]), default=None)
        if longest is None:
            break
        longest[1].pop()
        dropped += 1
    return [(h, _bullets(items)) for h, items in sections], dropped


def sections_mm(sections, dropped: int, width_mm: float, size_pt: float) -> float:
    """The height fit_sections' result takes on the page (with the "… more" line when some were dropped)."""
    return sum(section_mm(body, width_mm, size_pt) for _, body in sections) + (line_mm(size_pt) if dropped else 0)


def people_sections(brief: Briefing):
    if brief.level == "force" and not brief.rises_of:
        return [(tr("Places"), [tr("{force} has no neighbourhoods in the store and no local authority districts "
                                   "of its own: no places to list.").format(force=brief.force_name)])]
    if brief.level == "force":
        what = tr(categories.label(brief.category)).lower()
        by = tr("by neighbourhood") if brief.rises_of != DISTRICTS else tr("by local authority district")
        return [(tr("Largest rises in {category}, {by}").format(category=what, by=by),
                 brief.rises or [tr("No area with complete data rose.")]),
                (tr("Largest falls in {category}, {by}").format(category=what, by=by),
                 brief.falls or [tr("No area with complete data fell.")])]
    as_of = " " + tr("(as of {date})").format(date=LocaleDates.day(brief.as_of)) if brief.as_of else ""
    page = [tr("Neighbourhood page: {url}").format(url=brief.web_page)] if brief.web_page else []
    team = brief.team + [_link_lines(line, RIGHT_W - 4.0, TEXT_PT) for line in brief.contacts + page]
    sections = [
        (tr("Your neighbourhood team") + as_of, team or [tr("No team details stored: use Refresh in the "
                                                            "neighbourhood panel when online.")]),
        (tr("Current priorities"), brief.priorities or [tr("No priorities published in the last year.")]),
    ]
    if brief.earlier_priorities:
        sections.append((tr("Earlier priorities (more than a year old)"), brief.earlier_priorities))
    sections.append((tr("Next events"), brief.events or [tr("No upcoming events published.")]))
    return sections


def _link_lines(text: str, width_mm: float, size_pt: float) -> str:
    """A line holding a link, broken after a "/" where it is too long for the column (never at a hyphen,
    which PDF readers would take for a word broken in two and drop)."""
    if text_width_mm(text, size_pt) <= width_mm or "://" not in text:
        return text
    lines, line = [], ""
    for piece in re.findall(r"[^/]*/+|[^/]+$", text):
        if line and text_width_mm(line + piece, size_pt) > width_mm:
            lines.append(line)
            line = piece
        else:
            line += piece
    return "\n".join(lines + [line])


def people(layout, page, sections, dropped: int, top: float, size: float = TEXT_PT) -> None:
    """The sections fit_sections made, each under a bold heading, from `top` down."""
    y = top
    for k, (heading, body) in enumerate(sections):
        label(layout, page, heading, RIGHT_X, y, RIGHT_W, line_mm(HEADING_PT), size=HEADING_PT, bold=True,
              item_id=f"section{page + 1}_{k}")
        label(layout, page, body, RIGHT_X, y + line_mm(HEADING_PT) + 0.6, RIGHT_W,
              text_lines(body, RIGHT_W, size) * line_mm(size) + 1.0, size=size, item_id=f"section_text{page + 1}_{k}")
        y += section_mm(body, RIGHT_W, size)
    if dropped:
        label(layout, page, tr("… and {n} more in the neighbourhood panel and on police.uk").format(n=dropped),
              RIGHT_X, y, RIGHT_W, line_mm(size), size=6.5, colour="#555555")
