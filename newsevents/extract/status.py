"""Event status: did it happen, is it planned, threatened, failed, denied or only claimed?

The cues are read from the words around the trigger in its sentence: modal and
intention phrases before it ("will speak", "plans to engage") mark a planned event,
outcome phrases anywhere in the sentence ("did not produce", "ended without") a failed
one. Only the text decides; without a cue the event is taken as reported, "occurred".
"""

from __future__ import annotations

import re

_PLANNED = re.compile(
    r"\b(?:will|would|shall|plans? to|planned to|planning to|intends? to|intend(?:ed|s)? to|is to|are to|"
    r"set to|expected to|scheduled to|going to|aims? to|hopes? to|ready to|prepared to|wants? to|"
    r"proposed|upcoming|next week|next month)\b(?:\s+\w+){0,4}\s*$",
    re.I,
)
_THREATENED = re.compile(r"\b(?:threaten(?:ed|s|ing)? to|vowed to|warned (?:it|they|he|she) would)\b(?:\s+\w+){0,3}\s*$", re.I)
_DENIED = re.compile(r"\b(?:denied|denies|deny|rejected (?:claims|reports) that|did not|didn't|never|no one)\b(?:\s+\w+){0,2}\s*$", re.I)
_CLAIMED = re.compile(r"\b(?:claimed|claims|alleged(?:ly)?|purported(?:ly)?|unconfirmed)\b", re.I)
_FAILED = re.compile(
    r"\b(?:did not (?:produce|yield|result in|lead to|bring|reach|achieve)|failed to|fell through|collapsed|"
    r"broke down|ended without|without (?:a |any )?(?:deal|agreement|ceasefire|breakthrough|result)|"
    r"no (?:deal|agreement|breakthrough) was reached|were called off|was called off|was cancelled|were cancelled)\b",
    re.I,
)


def status_of(sentence: str, trigger_offset: int, verbal: bool) -> str:
    """Status of the event whose trigger starts ``trigger_offset`` characters into ``sentence``.

    ``verbal`` events (talks, agreements, demands) can fail; physical ones are at most
    claimed or denied.
    """
    before = sentence[max(0, trigger_offset - 80):trigger_offset]
    if _THREATENED.search(before):
        return "threatened"
    if _PLANNED.search(before):
        return "planned"
    if verbal and _FAILED.search(sentence):
        return "failed"
    if _DENIED.search(before):
        return "denied"
    if _CLAIMED.search(before):
        return "claimed"
    return "occurred"


def failed(sentence: str) -> bool:
    """True when a sentence reports that something (talks, a deal) did not succeed."""
    return bool(_FAILED.search(sentence))
