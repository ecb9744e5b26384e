"""ACLED event type and sub-event type for a sentence.

ACLED codes one report as one event. The highest-ranked trigger rule with an ACLED coding
(data/triggers.yaml) proposes the type; a few distinctions ACLED draws from *who* is
involved are then applied here, because they depend on the actors, not on the verb:
violence between two armed, organised sides is a battle, one-sided violence against
unarmed people an attack, violence by crowds a riot, and a protest met by force is a
"Protest with intervention" or "Excessive force against protesters".
"""

from __future__ import annotations

import re
from typing import NamedTuple

from newsevents.extract.actors import ActorMention
from newsevents.extract.sentences import Sentence
from newsevents.extract.triggers import Trigger

ARMED = frozenset({"MIL", "REB", "COP"})
_WINDOW = 600

_EXCESSIVE = re.compile(
    r"\blive (?:ammunition|bullets|rounds|fire)\b|\b(?:killed|shot dead|shot and killed|shot at|opened fire (?:on|at))\b"
    r"[^.]{0,60}\b(?:protesters?|demonstrators?)\b|\bprotesters? (?:were|was) (?:shot|killed)\b", re.I)
_INTERVENTION = re.compile(
    r"\b(?:tear[- ]?gas|teargas|water[- ]cannons?|dispers\w*|batons?|lathi[- ]?charg\w*|rubber bullets|pepper spray|"
    r"arrest\w*|detain\w*|broke up|intervened|cordon\w*|evicted|removed|stun grenades|fired (?:\w+ )?in the air|"
    r"aerial firing|beat (?:the|them|up)|were beaten|clashed with (?:the )?police|prevented)\b", re.I)
_PROTEST_WORD = re.compile(r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies)|march\w*|sit-in|\[size=)", re.I)
_FIREARMS = re.compile(r"\b(?:gun\w*|shot|shoot\w*|fir(?:ed|ing)|rifles?|weapons?|armed)\b", re.I)


class Choice(NamedTuple):
    """The trigger whose rule sets the sentence's ACLED coding, and that coding."""

    trigger: Trigger
    coding: tuple[str, str]


def choose(text: str, sent: Sentence, trigs: list[Trigger], actors: list[ActorMention]) -> Choice | None:
    """The highest-ranked trigger with an ACLED coding (earliest on ties)."""
    best: Trigger | None = None
    for t in trigs:
        if t.rule.acled and (best is None or t.rule.rank > best.rule.rank):
            best = t
    if best is None or best.rule.acled is None:
        return None
    return Choice(best, best.rule.acled)


def refine(coding: tuple[str, str], text: str, sent: Sentence, trigs: list[Trigger],
           a1: ActorMention | None, a2: ActorMention | None) -> tuple[str, str]:
    """Apply ACLED's actor-based distinctions to the proposed coding."""
    etype, sub = coding
    window = text[sent.start:min(len(text), sent.end + _WINDOW)]
    t1 = a1.type if a1 else None
    t2 = a2.type if a2 else None
    if etype == "Protests":
        if _EXCESSIVE.search(window):
            return etype, "Excessive force against protesters"
        if _INTERVENTION.search(window):
            return etype, "Protest with intervention"
        return coding
    if sub == "Attack":
        if t1 in ARMED and t2 in ARMED:
            return "Battles", "Armed clash"
        if t1 == "PRO" or (a1 is not None and a1.canonical in ("mob", "crowd")):
            return "Riots", "Mob violence"
        return coding
    if sub == "Armed clash":
        sides = {t1, t2} - {None}
        if sides and not (sides & ARMED) and sides <= {"CVL", "PRO", "POL", "BUS", "REL"}:
            if _PROTEST_WORD.search(window):
                return "Riots", "Violent demonstration"
            return "Riots", "Mob violence"
        return coding
    if sub == "Non-state actor overtakes territory" and t1 in {"MIL", "GOV", "COP"}:
        return "Battles", "Government regains territory"
    if sub == "Government regains territory" and t1 == "REB":
        return "Battles", "Non-state actor overtakes territory"
    if etype == "Riots" and sub == "Mob violence" and _PROTEST_WORD.search(sent.text):
        return "Riots", "Violent demonstration"
    return coding
