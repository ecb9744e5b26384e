"""Word-level phrase lookup: a dictionary scan that stays fast with thousands of phrases.

A regex alternation of thousands of names is tried branch by branch at every character;
looking phrases up by their first word in a dict is linear in the number of words. This
is the actor dictionary's matcher (and anything else that is a plain list of phrases).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Generic, NamedTuple, TypeVar

T = TypeVar("T")

WORD = re.compile(r"[^\W_]+(?:['\u2019.-][^\W_]+)*\.?|[^\w\s]")


class Token(NamedTuple):
    """A word (or punctuation mark) and its character span."""

    start: int
    end: int
    text: str


class Hit(NamedTuple, Generic[T]):
    """A phrase found in the text: span, matched text and the phrase's payload."""

    start: int
    end: int
    text: str
    payload: T


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Split ``text[start:end]`` into word and punctuation tokens with offsets into ``text``."""
    return [Token(m.start(), m.end(), m.group())
            for m in WORD.finditer(text, start, len(text) if end is None else end)]


def _key(words: Iterable[str], fold: bool) -> tuple[str, ...]:
    return tuple(w.lower().rstrip(".") if fold else w.rstrip(".") for w in words)


class PhraseIndex(Generic[T]):
    """Longest-match lookup of multi-word phrases over a token list.

    ``fold=True`` matches case-insensitively (common nouns); proper names use
    ``fold=False`` so that "US" the country does not match "us" the pronoun.
    """

    def __init__(self, fold: bool) -> None:
        self.fold = fold
        self._by_first: dict[str, list[tuple[tuple[str, ...], T]]] = {}

    def add(self, phrase: str, payload: T) -> None:
        """Register a phrase; later additions of the same phrase win."""
        words = _key((t.text for t in tokenize(phrase)), self.fold)
        if not words:
            return
        bucket = self._by_first.setdefault(words[0], [])
        bucket[:] = [(w, p) for w, p in bucket if w != words]
        bucket.append((words, payload))
        bucket.sort(key=lambda item: -len(item[0]))

    def find(self, text: str, tokens: list[Token]) -> list[Hit[T]]:
        """All non-overlapping longest matches, left to right."""
        hits: list[Hit[T]] = []
        fold = self.fold
        keys = [t.text.lower().rstrip(".") if fold else t.text.rstrip(".") for t in tokens]
        by_first = self._by_first
        i, n = 0, len(tokens)
        while i < n:
            bucket = by_first.get(keys[i])
            if bucket:
                for words, payload in bucket:
                    k = len(words)
                    if i + k <= n and (k == 1 or tuple(keys[i:i + k]) == words):
                        start, end = tokens[i].start, tokens[i + k - 1].end
                        if text[end - 1] == "." and not words[-1].endswith("."):
                            end -= 1
                        hits.append(Hit(start, end, text[start:end], payload))
                        i += k
                        break
                else:
                    i += 1
            else:
                i += 1
        return hits
