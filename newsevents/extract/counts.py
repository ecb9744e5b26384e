"""Typed counts in a sentence: how many were killed, injured, detained, exchanged...

Why rules and not a model: casualty counts follow a few phrasings ("killing at least nine
civilians", "two soldiers were killed", "12 fatalities"), and analysts need to see exactly
which words gave the number. The kind comes from the words around the number, in this
order: a harm verb just before it ("killing 9") > a harm verb after its noun phrase
("9 people died") > the head noun ("1,000 prisoners", "12 fatalities") > any other verb.
Words live in ``data/counts_lexicon.yaml``.

Conventions: ranges give the lower bound with qualifier "range"; vague words ("dozens")
give the value in the lexicon with qualifier "about"; "a man was killed" counts 1.
Zero is returned only for an explicit statement ("no fatalities"), never for silence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

__all__ = ["Count", "find_counts", "parse_number"]


@dataclass(frozen=True)
class Count:
    """A number with what it counts and how sure the text is about it."""

    kind: str  # killed, injured, prisoners, detained, protesters, displaced, abducted, ...
    value: int
    qualifier: str  # exact | at_least | about | up_to | range
    start: int
    end: int
    text: str


_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
          "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
          "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
          "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_MULT = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_QUAL = {
    ("at", "least"): "at_least", ("more", "than"): "at_least", ("over",): "at_least",
    ("no", "fewer", "than"): "at_least", ("no", "less", "than"): "at_least",
    ("upwards", "of"): "at_least", ("in", "excess", "of"): "at_least",
    ("up", "to"): "up_to", ("as", "many", "as"): "up_to", ("at", "most"): "up_to",
    ("fewer", "than"): "up_to", ("less", "than"): "up_to", ("nearly",): "up_to",
    ("almost",): "up_to", ("close", "to"): "up_to", ("about",): "about",
    ("around",): "about", ("approximately",): "about", ("roughly",): "about",
    ("some",): "about", ("an", "estimated"): "about", ("estimated",): "about",
    ("approx",): "about", ("an", "estimated", "of"): "about",
}
_STOP_AFTER = {"%", "percent", "per", "km", "kilometres", "kilometers", "miles", "metres",
               "meters", "m", "kg", "tons", "tonnes", "hours", "hour", "days", "day", "years",
               "year", "months", "month", "weeks", "week", "minutes", "am", "pm", "times",
               "o", "gmt", "utc", "st", "nd", "rd", "th", "dollars", "usd", "euros", "points"}
_STOP_BEFORE = {"page", "article", "resolution",
                "$", "no", "number", "aged", "age", "route", "highway"}
_YEAR_BEFORE = {"in", "since", "of", "by", "until", "year", "early", "late", "mid"}
_HARM = ("killed", "injured", "detained", "abducted", "displaced")
_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?|[A-Za-z]+(?:['’][a-z]+)?|[^\sA-Za-z\d]")
_NUMERAL = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
_SIZE = re.compile(r"\[size=([^\]]+)\]")
_ZERO = re.compile(
    r"\b(?:[Nn]o|[Nn]or|[Zz]ero|[Ww]ithout)\s+(?:reported\s+)?(?:(fatalities|deaths|casualties|"
    r"one\s+(?:was|were)\s+killed)|(injuries|one\s+(?:was|were)\s+(?:injured|hurt|wounded)))\b")
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
           "jul", "aug", "sep", "sept", "oct", "nov", "dec"}


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[tuple[str, ...], str], dict[tuple[str, ...], str], frozenset[str],
                        dict[tuple[str, ...], int]]:
    raw = yaml.safe_load((Path(__file__).parent / "data" / "counts_lexicon.yaml").read_text())
    verbs = {tuple(w.split()): k for k, ws in raw["verbs"].items() for w in ws}
    nouns = {tuple(w.split()): k for k, ws in raw["nouns"].items() for w in ws}
    vague = {tuple(w.split()): int(v) for w, v in raw["vague"].items()}
    return verbs, nouns, frozenset(raw["persons"]), vague


@lru_cache(maxsize=1)
def _phrase_starts() -> frozenset[str]:
    """Every word other than a numeral that a count can start with (a qualifier, a number word,
    a vague word, "between", "a"/"an"): the other words of a sentence, most of them, are
    skipped without trying to parse a number phrase at each."""
    vague = _lexicon()[3]
    return frozenset({k[0] for k in _QUAL} | {k[0] for k in vague} | set(_UNITS) | {"a", "an", "between"})


def _match(words: list[str], i: int, table: dict[tuple[str, ...], object]) -> tuple[int, object] | None:
    """Longest entry of ``table`` starting at word ``i``: (length, value)."""
    for n in (4, 3, 2, 1):
        key = tuple(words[i:i + n])
        if len(key) == n and key in table:
            return n, table[key]
    return None


def _core(words: list[str], raw: list[str], i: int) -> tuple[int, int] | None:
    """Parse a bare number at word ``i``: (value, words used)."""
    w = raw[i]
    if w[0].isdigit():
        j = i + 1
        if j < len(words) and words[j] in _MULT and re.fullmatch(r"\d+(?:\.\d+)?", w):
            return int(float(w) * _MULT[words[j]]), 2
        if not _NUMERAL.fullmatch(w):
            return None
        return int(w.replace(",", "")), 1
    total = cur = 0
    j = i
    if words[j] in ("a", "an") and j + 1 < len(words) and words[j + 1] in _MULT:
        cur, j = 1, j + 1
    seen = False
    while j < len(words):
        t = words[j]
        if t in _UNITS:
            cur += _UNITS[t]
        elif t in _MULT and (seen or cur):
            m = _MULT[t]
            if m == 100:
                cur *= 100
            else:
                total, cur = total + cur * m, 0
        elif t == "-" and seen and j + 1 < len(words) and words[j + 1] in _UNITS:
            pass
        elif t == "and" and seen and j + 1 < len(words) and words[j + 1] in _UNITS and cur >= 100:
            pass
        else:
            break
        seen, j = True, j + 1
    if not seen:
        return None
    return total + cur, j - i


def _phrase(words: list[str], raw: list[str], i: int) -> tuple[int, str, int] | None:
    """Parse a qualified number phrase at word ``i``: (value, qualifier, words used)."""
    _, _, _, vague = _lexicon()
    qual, j = "exact", i
    q = _match(words, i, _QUAL)  # type: ignore[arg-type]
    if q:
        qual, j = str(q[1]), i + q[0]
    if j < len(words) and words[j] == "between":
        qual, j = "range", j + 1
    if j >= len(words):
        return None
    c = _core(words, raw, j)
    if c is None:
        v = _match(words, j, vague)  # type: ignore[arg-type]
        if v is None:
            return None
        return int(v[1]), "about", j + v[0] - i  # type: ignore[arg-type]
    val, n = c
    k = j + n
    if k + 1 < len(words) and words[k] in ("-", "to", "and", "or"):
        c2 = _core(words, raw, k + 1)
        if c2 and c2[0] > val:
            return val, "range", k + 1 + c2[1] - i
    return val, qual, k - i


def _tokens(text: str) -> tuple[list[str], list[str], list[tuple[int, int]]]:
    raw, spans = [], []
    for m in _TOKEN.finditer(text):
        raw.append(m.group())
        spans.append(m.span())
    return [t.lower() for t in raw], raw, spans


def parse_number(text: str) -> tuple[int, str] | None:
    """``"at least 12"`` -> ``(12, "at_least")``; ``"nine"`` -> ``(9, "exact")``; else None."""
    words, raw, _ = _tokens(text)
    if not words:
        return None
    p = _phrase(words, raw, 0)
    return (p[0], p[1]) if p else None


#: Words that end the noun phrase of "a"/"one": the person noun after them is not its head.
_PHRASE_BREAK = frozenset({"to", "a", "an", "the", "of", "for", "with", "by", "in", "on", "at",
                           "that", "which", "who", "was", "were", "is", "are", "said"})
#: Nouns that make a person noun a modifier: "a prisoner exchange" is one exchange.
_COMPOUND_HEADS = frozenset({"exchange", "swap", "swaps", "exchanges", "release", "deal", "transfer",
                             "camp", "camps", "rights", "union", "association", "group", "protest"})
#: Verbs that give a number its own clause, so a harm verb after a conjunction is another's.
_CLAUSE_VERBS = frozenset({"was", "were", "is", "are", "had", "has", "have", "managed", "tried", "attempted",
                           "fled", "flee", "escaped", "escape", "ran", "could", "did", "remain", "remained"})
_CONJUNCTIONS = frozenset({"and", "while", "but", "or", "whereas"})


def _kind(words: list[str], i: int, j: int, persons: frozenset[str]) -> str | None:
    """Kind of the number phrase words[i:j] from its neighbourhood (see module doc)."""
    verbs, nouns, _, _ = _lexicon()
    before = after = noun = other = None
    crossed = False  # a conjunction lies between the verb before and the number
    for b in range(i - 1, max(i - 4, -1), -1):
        if not words[b][0].isalnum():
            break
        if words[b] in _CONJUNCTIONS:
            crossed = True
            continue
        m = _match(words, b, verbs)  # type: ignore[arg-type]
        if m:
            if m[1] in _HARM:
                before = m[1]
            else:
                other = m[1]
            break
    clause = False  # a verb of the number's own clause was passed
    for a in range(j, min(j + 9, len(words))):
        w = words[a]
        if w == "-":
            continue
        if not w[0].isalnum() or w[0].isdigit():
            break
        if w in _CLAUSE_VERBS:
            clause = True
        elif clause and w in _CONJUNCTIONS and a + 1 < len(words) and \
                (words[a + 1][0].isdigit() or words[a + 1] in _UNITS):
            break  # "three suspects managed to flee and one was killed": the three fled
        if noun is None and a < j + 4:
            m = _match(words, a, nouns)  # type: ignore[arg-type]
            if m:
                noun = m[1]
        m = _match(words, a, verbs)  # type: ignore[arg-type]
        if m:
            nxt = words[a + m[0]:a + m[0] + 3]
            if nxt and (nxt[0][0].isdigit() or nxt[0] in _UNITS or tuple(nxt[:2]) in _QUAL):
                break  # "three gunmen killed 2 civilians": the three are the agents
            if m[1] in _HARM:
                after = m[1]
            elif other is None:
                other = m[1]
            break
    if crossed and after:
        return after  # "nine were killed and seven wounded": the seven were wounded
    return before or after or noun or other  # type: ignore[return-value]


def _looks_like_year(words: list[str], raw: list[str], i: int) -> bool:
    """A numeral that is a year, a date, a page or a resolution number, not a count."""
    prev, w = words[i - 1], raw[i]
    if not w[0].isdigit():
        return False
    if prev in _MONTHS or prev in _STOP_BEFORE - _YEAR_BEFORE:
        return True
    return prev in _YEAR_BEFORE and len(w) == 4 and w.isdigit() and 1800 <= int(w) <= 2100


def find_counts(sentence: str) -> list[Count]:
    """All typed counts in one sentence, ordered by start."""
    _, _, persons, _ = _lexicon()
    words, raw, spans = _tokens(sentence)
    starts = _phrase_starts()
    out: list[Count] = []
    i = 0
    while i < len(words):
        w = words[i]
        if w not in starts and not w[0].isdigit():
            i += 1
            continue
        one = 0
        if w in ("a", "an", "one"):
            one = next((k for k in range(i + 1, min(i + 8, len(words))) if words[k] in persons), 0)
            if one and any(words[k][0].isdigit() and words[k + 1:k + 3] != ["-", "year"]
                           for k in range(i + 1, one)):
                one = 0  # "a 1,000-for-1,000 prisoner swap" is not one prisoner
            if one and (any(words[k] in _PHRASE_BREAK for k in range(i + 1, one))
                        or words[one + 1:one + 2] and words[one + 1] in _COMPOUND_HEADS):
                one = 0  # "an agreement to carry out a prisoner exchange" counts no prisoner
        p = (1, "exact", one + 1 - i) if one else _phrase(words, raw, i)
        if p is None or (not one and i > 0 and _looks_like_year(words, raw, i)):
            i += 1
            continue
        val, qual, n = p
        j = i + n
        nxt = words[j] if j < len(words) else ""
        if not one and (nxt in _STOP_AFTER or nxt in _MONTHS or
                        (nxt == "-" and words[j + 1:j + 2] != ["for"])):
            i = j
            continue
        if nxt == "-":  # "1,000-for-1,000": one exchange of 1,000 each way
            j = j + 4 if words[j + 3:j + 4] and words[j + 3][0].isdigit() else j
        kind = _kind(words, i, j, persons)
        if kind == "exchanged" and any(t in ("prisoners", "prisoner", "pows", "pow", "captives")
                                       for t in words):
            kind = "prisoners"
        if kind == "released" and any(t in ("prisoners", "prisoner", "detainees", "inmates")
                                      for t in words[j:j + 4]):
            kind = "prisoners"
        if kind:
            s, e = spans[i][0], spans[j - 1][1]
            out.append(Count(kind, val, qual, s, e, sentence[s:e]))
        i = j
    for m in _SIZE.finditer(sentence):
        p2 = parse_number(m.group(1))
        if p2:
            out.append(Count("protesters", p2[0], p2[1], m.start(1), m.end(1), m.group(1)))
    for m in _ZERO.finditer(sentence):
        out.append(Count("killed" if m.group(1) else "injured", 0, "exact", m.start(), m.end(),
                         m.group()))
    out.sort(key=lambda c: c.start)
    return out
