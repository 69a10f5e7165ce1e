"""HTML from the police.uk API is untrusted text from the web: keep a small allow-list, drop the rest.

Kept: paragraphs, line breaks, emphasis, lists, and links whose target is https, mailto or tel.
Dropped with their content: script, style, iframe, object, embed, noscript, template, svg, math.
Dropped, content kept: every other tag. Every attribute goes except a link's href; nothing can load a
remote resource (no img, no style, no src).
"""

from html import escape
from html.parser import HTMLParser
from typing import List, Optional

ALLOWED = {"p", "br", "em", "strong", "b", "i", "ul", "ol", "li", "a"}
VOID = {"br"}
DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math",
                     "head", "title", "textarea", "select"}
SAFE_SCHEMES = ("https://", "mailto:", "tel:")
MAX_INPUT = 200_000   # characters; longer fields are cut (the API has sent pages of text)


def _safe_href(href: Optional[str]) -> Optional[str]:
    if not href:
        return None
    href = "".join(ch for ch in href.strip() if ch >= " ")  # no control characters hiding a scheme
    return href if href.lower().startswith(SAFE_SCHEMES) else None


class _Sanitiser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: List[str] = []
        self.open: List[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in DROP_WITH_CONTENT:
            self.skipping += 1
            return
        if self.skipping or tag not in ALLOWED:
            return
        if tag == "a":
            href = _safe_href(dict(attrs).get("href"))
            if href is None:
                self.open.append("a-dropped")
                return
            self.out.append(f'<a href="{escape(href, quote=True)}">')
            self.open.append("a")
            return
        self.out.append(f"<{tag}>")
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        if tag in VOID and not self.skipping:
            self.out.append(f"<{tag}>")

    def handle_endtag(self, tag):
        if tag in DROP_WITH_CONTENT:
            self.skipping = max(0, self.skipping - 1)
            return
        if self.skipping or tag not in ALLOWED or tag in VOID:
            return
        wanted = "a" if tag == "a" else tag
        for i in range(len(self.open) - 1, -1, -1):
            name = self.open[i]
            if name == wanted or (tag == "a" and name == "a-dropped"):
                for inner in reversed(self.open[i:]):
                    if inner != "a-dropped":
                        self.out.append(f"</{inner}>")
                del self.open[i:]
                return

    def handle_data(self, data):
        if not self.skipping:
            self.out.append(escape(data, quote=False))

    def result(self) -> str:
        for name in reversed(self.open):
            if name != "a-dropped":
                self.out.append(f"</{name}>")
        self.open = []
        return "".join(self.out).strip()


def sanitise_html(html: Optional[str]) -> str:
    """Safe HTML for a Qt rich-text widget from untrusted API HTML (None gives '')."""
    if not html:
        return ""
    parser = _Sanitiser()
    parser.feed(str(html)[:MAX_INPUT])
    parser.close()
    return parser.result()


class _Text(HTMLParser):
    BLOCKS = {"p", "br", "li", "div", "ul", "ol", "h1", "h2", "h3", "h4", "tr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: List[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in DROP_WITH_CONTENT:
            self.skipping += 1
        elif tag in self.BLOCKS and not self.skipping:
            self.parts.append("\n" + ("• " if tag == "li" else ""))

    def handle_endtag(self, tag):
        if tag in DROP_WITH_CONTENT:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS and not self.skipping:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_to_text(html: Optional[str]) -> str:
    """Plain text (for briefings and tooltips): blocks on their own lines, no markup at all."""
    if not html:
        return ""
    parser = _Text()
    parser.feed(str(html)[:MAX_INPUT])
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).splitlines()]
    return "\n".join(line for line in lines if line)
