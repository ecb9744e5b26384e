"""Date expressions in news text, resolved to calendar dates with a precision.

Why a hand-written resolver: news dates are mostly a handful of shapes ("On 3 May 2020",
"May 3, 2020", "on Sunday", "yesterday", "last week"), and relative ones only make sense
against the publication date. Regexes are compiled once; one pass per pattern, longest
and most specific first, never two mentions over the same characters.

Rules (documented because the engine and analysts rely on them):
- A year-less date takes the publication year, or the previous year if it would fall
  more than two days after publication. Without a publication date it is dropped.
- A weekday ("on Sunday") is the latest such day on or before publication; with
  ``future=True`` (future-tense sentence) or "next Sunday" the first one on or after it.
  "last Sunday" is strictly before publication.
- "last week" is publication minus seven days, precision "week"; "last month" is the
  first day of the previous month, precision "month"; "in 2020" is 1 January, "year".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["DateMention", "find_dates"]

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
             "saturday": 5, "sunday": 6}

_MON = r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

# (compiled pattern, kind, gate); order = priority when spans overlap. A pattern only runs on
# text its gate finds something in: every pattern needs a word the gate looks for, and one
# gate search is far cheaper than a pattern tried at every word (most sentences hold no
# weekday, many no month or year).
_MONTH_GATE = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_YEAR_GATE = re.compile(r"(?:19|20)\d\d")
_PATTERNS: list[tuple[re.Pattern[str], str, re.Pattern[str]]] = [
    (re.compile(rf"\b{_YEAR}-(?P<m>[01]\d)-(?P<day>[0-3]\d)\b"), "iso", _YEAR_GATE),
    (re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MON},?\s+{_YEAR}\b"), "dmy", _MONTH_GATE),
    (re.compile(rf"\b{_MON}\s+{_DAY},?\s+{_YEAR}\b"), "mdy", _MONTH_GATE),
    (re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MON}(?![\w])"), "dm", _MONTH_GATE),
    (re.compile(rf"\b{_MON}\s+{_DAY}\b(?!:|\s*(?:%|percent|per cent))"), "md", _MONTH_GATE),
    (re.compile(rf"\b(?:in|In|since|Since|during|During|of|Of)\s+{_MON}\s+{_YEAR}\b"), "my", _MONTH_GATE),
    (re.compile(rf"\b(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Oo]n|[Oo]n\s+the\s+previous)?\s*{_WD}\b"), "wd",
     re.compile(r"day\b")),
    (re.compile(r"\b(?P<word>[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]omorrow|[Ll]ast night|[Ee]arlier today|[Tt]his morning|[Tt]his afternoon|[Tt]his evening)\b"), "rel",
     re.compile(r"day|night|morrow|morning|noon|evening")),
    (re.compile(r"\b(?P<which>[Ll]ast|[Tt]his|[Nn]ext)\s+(?P<unit>week|month|year)\b"), "unit",
     re.compile(r"week|month|year")),
    (re.compile(rf"\b(?:[Ii]n|[Ss]ince|[Dd]uring)\s+{_YEAR}\b"), "y", _YEAR_GATE),
]


@dataclass(frozen=True)
class DateMention:
    """A date expression: character span in the text, resolved date and its precision."""

    start: int
    end: int
    text: str
    date: dt.date
    precision: str  # "day" | "week" | "month" | "year"


def _safe(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _yearless(m: int, d: int, published: dt.date | None) -> dt.date | None:
    if published is None:
        return None
    out = _safe(published.year, m, d)
    if out is not None and out > published + dt.timedelta(days=2):
        out = _safe(published.year - 1, m, d)
    return out


def _weekday(wd: int, rel: str, published: dt.date, future: bool) -> dt.date:
    rel = rel.lower()
    back = (published.weekday() - wd) % 7
    if rel == "last":
        return published - dt.timedelta(days=back or 7)
    if rel == "next" or (future and rel != "on the previous"):
        return published + dt.timedelta(days=(wd - published.weekday()) % 7)
    return published - dt.timedelta(days=back)


def _resolve(kind: str, m: re.Match[str], published: dt.date | None,
             future: bool) -> tuple[dt.date, str] | None:
    g = m.groupdict()
    if kind == "iso":
        d = _safe(int(g["year"]), int(g["m"]), int(g["day"]))
        return (d, "day") if d else None
    if kind in ("dmy", "mdy"):
        d = _safe(int(g["year"]), _MONTHS[g["mon"].lower()], int(g["day"]))
        return (d, "day") if d else None
    if kind in ("dm", "md"):
        d = _yearless(_MONTHS[g["mon"].lower()], int(g["day"]), published)
        return (d, "day") if d else None
    if kind == "my":
        return dt.date(int(g["year"]), _MONTHS[g["mon"].lower()], 1), "month"
    if kind == "y":
        return dt.date(int(g["year"]), 1, 1), "year"
    if published is None:
        return None
    if kind == "wd":
        rel = " ".join((g["rel"] or "").split())
        return _weekday(_WEEKDAYS[g["wd"].lower()], rel, published, future), "day"
    if kind == "rel":
        w = g["word"].lower()
        if w == "yesterday" or w == "last night":
            return published - dt.timedelta(days=1), "day"
        if w == "tomorrow":
            return published + dt.timedelta(days=1), "day"
        return published, "day"
    which, unit = g["which"].lower(), g["unit"]
    step = {"last": -1, "this": 0, "next": 1}[which]
    if unit == "week":
        return published + dt.timedelta(days=7 * step), "week"
    if unit == "month":
        y, mo = divmod(published.year * 12 + published.month - 1 + step, 12)
        return dt.date(y, mo + 1, 1), "month"
    return dt.date(published.year + step, 1, 1), "year"


def find_dates(text: str, published: dt.date | None = None, future: bool = False) -> list[DateMention]:
    """All date expressions in ``text``, ordered by start, resolved against ``published``.

    Absolute dates resolve without ``published``; weekdays and relative words need it and
    are skipped when it is ``None``. ``future`` hints that the sentence is about the future
    (a bare weekday then means the next one).
    """
    taken: list[tuple[int, int]] = []
    out: list[DateMention] = []
    gates: dict[re.Pattern[str], bool] = {}
    for pattern, kind, gate in _PATTERNS:
        open_ = gates.get(gate)
        if open_ is None:
            open_ = gates[gate] = gate.search(text) is not None
        if not open_:
            continue
        for m in pattern.finditer(text):
            s, e = m.span()
            if kind == "wd" and m.group("rel"):
                s = m.start("rel")
            elif kind == "wd":
                s = m.start("wd")
            if any(s < te and ts < e for ts, te in taken):
                continue
            res = _resolve(kind, m, published, future)
            if res is None:
                continue
            taken.append((s, e))
            out.append(DateMention(s, e, text[s:e], res[0], res[1]))
    out.sort(key=lambda d: d.start)
    return out
