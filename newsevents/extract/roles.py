"""Who did it to whom: actor1 (the doer) and actor2 (the one acted upon) for a trigger.

English news syntax is regular enough for positional rules: the doer is the nearest actor
before the trigger and the target the first one after it, except in the passive ("was
rejected by Putin": the doer follows "by"), in "talks between X and Y" (both follow), and
when the nearest actor is only the source of the report ("according to officials").
"""

from __future__ import annotations

import re

from newsevents.extract.actors import ActorMention
from newsevents.extract.sentences import Sentence
from newsevents.extract.triggers import Trigger

_PASSIVE_AUX = re.compile(r"\b(?:was|were|been|being|is|are|be|got|get)\s+(?:\w+ly\s+|also\s+|then\s+)?$", re.I)
_BY_AGENT = re.compile(r"(?:\s+[\w-]+){0,3}?\s+by\s+", re.I)
_AGENT_REACH = 45  # "by a group of unidentified armed men": the agent may come a few words after "by"
#: An actor followed by a passive verb is acted upon: "two civilians were killed".
PATIENT = re.compile(r"\s+(?:(?:were|was|have been|has been|had been|are|is|got)\s+(?:\w+ly\s+|also\s+|reportedly\s+)?\w+(?:ed|en|t)\b|"
                      r"(?:died|drowned|perished|went missing|sustained)\b)", re.I)
_REDUCED_RELATIVE = re.compile(r"\s+(?:when|as|after|by)\s+", re.I)
_BY = re.compile(r"\bby\s+", re.I)
_BETWEEN = re.compile(r"[^.;]{0,50}?\bbetween\s+", re.I)
_AND = re.compile(r"\s*(?:,|and|as well as|&)\s+(?:its\s+|their\s+|his\s+|her\s+|the\s+)?$", re.I)
_SOURCE = re.compile(r"\b(?:according to|cited by|quoted by|told|reported by|said)\s+(?:the\s+)?$", re.I)
_SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE"})


def assign(text: str, sent: Sentence, trig: Trigger,
           actors: list[ActorMention]) -> tuple[ActorMention | None, ActorMention | None]:
    """Return ``(actor1, actor2)`` for the trigger; either may be ``None``."""
    inside = [a for a in actors if sent.start <= a.start and a.end <= sent.end
              and not _SOURCE.search(text[max(sent.start, a.start - 20):a.start])]
    # an actor may contain the trigger's first word ("a Russian drone struck")
    before = [a for a in inside if a.end <= trig.start or a.start <= trig.start < a.end]
    after = [a for a in inside if a.start >= trig.end]

    if _PASSIVE_AUX.search(text[max(sent.start, trig.start - 30):trig.start]):
        victim = before[-1] if before else None
        m = _BY_AGENT.match(text, trig.end)
        if m:
            agent = next((a for a in after if a.start <= m.end() + _AGENT_REACH
                          and "," not in text[m.end():a.start]), None)
            if agent is not None:
                return agent, victim
        return None, victim

    if before and after and _REDUCED_RELATIVE.match(text, trig.end) and trig.text.lower().endswith("ed") \
            and not text[before[-1].end:trig.start].strip():
        # "the nine people killed when a Russian drone hit their bus": a participle after
        # its noun is passive; the doer is named in the clause that follows
        return after[0], before[-1]

    m = _BETWEEN.match(text, trig.end)
    if m:
        pair = [a for a in after if a.start >= m.end()][:2]
        if len(pair) == 2:
            return pair[0], pair[1]

    before = [a for a in before if not PATIENT.match(text, a.end)] or []
    a1 = before[-1] if before else None
    a2 = after[0] if after else None
    if a1 is None:
        # "four people were injured in a shooting by armed men": the doer follows "by"
        m = _BY.search(text, trig.end, sent.end)
        if m:
            a1 = next((a for a in after if m.end() <= a.start <= m.end() + _AGENT_REACH), None)
            if a1 is a2:
                a2 = None
    if a1 is not None and len(before) >= 2 and _AND.search(text[before[-2].end:a1.start]) \
            and trig.rule.type in _SYMMETRIC:
        # "US and Russian negotiators met ... after meetings with Ukraine": the coordinated
        # subject names both parties; a later object is another meeting's
        return before[-2], a1
    if a1 is not None and a1.kind == "agent" and len(before) >= 2 and before[-2].end + 3 >= a1.start:
        # "Houthi fighters" read as org + noun: keep the named one
        a1 = before[-2]
    return a1, a2
