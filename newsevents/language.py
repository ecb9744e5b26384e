"""Language identification, cheap and offline: script first, then function-word counts.

The extractor's dictionaries are English, so the question that matters is "English or
not"; a full language-ID model would cost start-up time for little gain. Returns an
ISO 639-1 code, or ``"und"`` when the evidence is too thin.
"""

from __future__ import annotations

import re
from collections import Counter

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the of and to in is that for on with was as by at from said were has have".split()),
    "fr": frozenset("le la les des et est une du dans pour que qui sur au pas avec".split()),
    "es": frozenset("el la los las de que y en un una por con para del se es".split()),
    "de": frozenset("der die das und ist nicht mit den von zu ein eine auf für im dem".split()),
    "it": frozenset("il di che e la per un una non sono del della con gli le".split()),
    "pt": frozenset("o os de que e do da em um uma para com não por se".split()),
    "nl": frozenset("de het een en van is dat op te zijn met voor niet".split()),
}
_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ru", re.compile(r"[\u0400-\u04ff]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
)
_ANY_SCRIPT = re.compile("|".join(p.pattern for _, p in _SCRIPTS))
_UKRAINIAN_LETTERS = re.compile(r"[ієїґІЄЇҐ]")


def detect_language(text: str, sample_chars: int = 1500) -> str:
    """Best-guess ISO 639-1 code for ``text``; ``"und"`` when undetermined.

    Counting is done by the regex engine (``subn``), not Python loops: this runs on every
    article of every batch.
    """
    sample = text[:sample_chars]
    letters = _LETTER.subn("", sample)[1]
    if letters < 20:
        return "und"
    scripts = _SCRIPTS if _ANY_SCRIPT.search(sample) else ()
    for code, pattern in scripts:
        if pattern.subn("", sample)[1] > letters * 0.3:
            if code == "ru" and _UKRAINIAN_LETTERS.search(sample):
                return "uk"
            return code
    counts = Counter(_WORD.findall(sample.lower()))
    words = counts.total()
    scores = {code: sum(counts[w] for w in vocab) for code, vocab in _FUNCTION_WORDS.items()}
    best = max(scores, key=lambda c: scores[c])
    return best if scores[best] >= max(2, words * 0.05) else "und"
