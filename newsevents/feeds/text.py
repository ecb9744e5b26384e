"""HTML fragments from feeds to plain text, before anything is stored.

Feed titles and summaries carry arbitrary markup (and, from hostile feeds, scripts). The
warehouse stores plain text only, so nothing downstream (the HTML report, an analyst's
notebook) can ever render feed-supplied markup. Script/style contents are dropped,
block elements become line breaks, entities are decoded, whitespace is collapsed.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

SKIP_TAGS = {"script", "style", "noscript", "template", "iframe", "object", "svg", "head", "title"}
BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
              "table", "blockquote", "pre", "section", "article", "header", "footer", "hr", "dd", "dt"}
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


class _TextCollector(HTMLParser):
    """Collects text nodes, skipping the contents of SKIP_TAGS."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP_TAGS:
            self.skip_depth += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP_TAGS:
            self.skip_depth = max(self.skip_depth - 1, 0)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            self.parts.append(data)


def html_to_text(fragment: str | None) -> str:
    """Plain text of an HTML fragment (or of plain text, which passes through unchanged)."""
    if not fragment:
        return ""
    if "<" not in fragment and "&" not in fragment:
        return _tidy(fragment)
    collector = _TextCollector()
    try:
        collector.feed(fragment)
        collector.close()
    except Exception:  # noqa: BLE001 - HTMLParser is lenient; never let odd input crash a feed
        return _tidy(re.sub(r"<[^>]*>", " ", fragment))
    return _tidy("".join(collector.parts))


def _tidy(text: str) -> str:
    """Collapse runs of spaces per line and runs of blank lines; strip the ends."""
    lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
