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
from newsevents.extract.roles import PATIENT as _PATIENT
from newsevents.extract.sentences import Sentence
from newsevents.extract.triggers import Trigger

ARMED = frozenset({"MIL", "REB", "COP"})
_WINDOW = 300

_EXCESSIVE = re.compile(
    r"\blive (?:ammunition|bullets|rounds|fire)\b|\b(?:killed|shot dead|shot and killed|shot at|opened fire (?:on|at))\b"
    r"[^.]{0,60}\b(?:protesters?|demonstrators?)\b|\bprotesters? (?:were|was) (?:shot|killed)\b", re.I)
_INTERVENTION = re.compile(
    r"\b(?:tear[- ]?gas|teargas|water[- ]cannons?|dispers(?:ed|ing|e)|batons?|lathi[- ]?charg\w*|rubber bullets|pepper spray|"
    r"stun grenades|fired (?:\w+ )?in the air|aerial firing|broke up the|intervened|by force|arrests were made|"
    r"(?:one|a|an|two|three|\d+|several|some|many|dozens of) (?:[\w-]+ ){0,2}(?:was|were) (?:arrested|detained)|"
    r"(?:police|forces|officers|gendarmes) (?:[\w-]+ ){0,5}(?:arrest|detain)\w*|"
    r"(?:police|forces|officers|authorities|they|protesters|demonstrators|participants|people) (?:\w+ ){0,3}(?:arrested|detained)|"
    r"arrested (?:\d+|several|some|a number|dozens|many|two|three|four|five|one|the organi[sz]ers)|"
    r"(?<!who )(?<!who had )(?<!who have )were (?:later |subsequently |then )?(?:arrested|detained|beaten))\b", re.I)
#: Protesters' own violence, told in the report (not as background), makes a protest a riot.
#: Burning an effigy is symbolic, not violence (ACLED codes it as a peaceful protest).
_RIOT_CUE = re.compile(
    r"\b(?:burn(?:ed|t|ing) (?:\w+ )?(?:tyres|tires|barricades|objects|debris|vehicles?|cars?)|set (?:\S+ ){0,4}on fire|"
    r"set(?:ting)? fire|(?:demonstrat\w*|protest\w*|march\w*) with (?:sticks and )?stones|clash(?:es|ed)? with (?:the )?(?:police|security forces|gendarmes|soldiers)|pelt\w*|(?:threw|hurled|throwing|hurling) (?:\w+ ){0,2}(?:stones|rocks|bricks|bottles|objects|molotov\w*)|"
    r"ransack\w*|barricad(?:ed|ing) (?!themselves)|(?:were|was) (?:burnt|burned|destroyed|damaged|vandali[sz]ed)"
    r"(?! (?:by (?:a |the )?(?:hail\w*|storms?|rains?|floods?|cyclones?|earthquakes?|heavy)|due to))|scuffles?|"
    r"(?:protesters|demonstrators|they|rioters|crowd|participants|the group) (?:\w+ ){0,3}"
    r"(?:destroyed|attacked|beat|damaged|clashed|looted|stormed|torched|burned|burnt|vandali[sz]ed)(?! (?:\w+ ){0,2}effig))\b", re.I)


def _told_as_main(rx: re.Pattern[str], window: str) -> bool:
    """A cue reported as happening, not as background ("accused of vandalising")."""
    for m in rx.finditer(window):
        if not _SUBORDINATE.search(window[max(0, m.start() - 40):m.start()]):
            return True
    return False


_PROTEST_WORD = re.compile(r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ies)|march\w*|sit-in|\[size=)", re.I)
_FIREARMS = re.compile(r"\b(?:gun\w*|shot|shoot\w*|fir(?:ed|ing)|rifles?|weapons?|armed)\b", re.I)


class Choice(NamedTuple):
    """The trigger whose rule sets the sentence's ACLED coding, and that coding."""

    trigger: Trigger
    coding: tuple[str, str]


#: A trigger in one of these frames is background or topic, not the reported event:
#: "protested against the killing", "clashes amid shelling", "following the attack".
_SUBORDINATE = re.compile(
    r"\b(?:against|over|following|amid|amidst|involving|condemn\w*|denounc\w*|protest\w*|demand\w*|"
    r"about|regarding|in response to|backed by|supported by|covered by|using|with the use of|by means of|search(?:ed|ing)? for|looking for|rescu\w*|release of|in protest (?:of|at)|justice for|anger (?:at|over)|possible|alleged|"
    r"accus\w* (?:\w+ )?of|suspected of|suspicion of|charges? of|charged with|investigat\w*|previous|earlier|recent|recently|previously)"
    r"\s+(?:the\s+|a\s+|an\s+|their\s+|his\s+|her\s+|its\s+)?(?:[\w'-]+\s+){0,2}$", re.I)
_SUBORDINATE_PENALTY = 45
#: "families who claim their children have been kidnapped": a claim inside a relative clause
_CLAIMED_CLAUSE = re.compile(r"\bwho (?:claim|say|said|allege|believe|fear)\w*\b[^.;,]{0,60}$", re.I)
_RELATIVE = re.compile(r"\b(?:who|which|that)\s+(?:[\w-]+\s+){0,2}$", re.I)
_FIGHT_HEAD = re.compile(r"\b(?:clash\w*|fighting|battles?|gunfights?|exchanges?|confrontations?)\b[^.;]*\binvolving\b", re.I)


def effective_rank(text: str, sent: Sentence, t: Trigger) -> int:
    """A rule's rank, lowered when the trigger sits in a background or topic frame."""
    if t.start == sent.start and text[t.end:t.end + 1] == ":":
        return t.rule.rank + 100  # a heading label ("Arrests: On 4 May ...") names the event
    if t.rule.any_frame:
        return t.rule.rank
    before = text[max(sent.start, t.start - 40):t.start]
    m = _SUBORDINATE.search(before)
    if m and m.group(0).lower().startswith("involving") and not _FIGHT_HEAD.search(text, max(sent.start, t.start - 90), t.start):
        # "12 explosions involving mortars": the weapon defines an observation, not a background
        return t.rule.rank
    if not m:
        m = _CLAIMED_CLAUSE.search(text, max(sent.start, t.start - 70), t.start)
    return t.rule.rank - (_SUBORDINATE_PENALTY if m else 0)


def choose(text: str, sent: Sentence, trigs: list[Trigger], actors: list[ActorMention]) -> Choice | None:
    """The highest-ranked trigger with an ACLED coding (earliest on ties)."""
    best: Trigger | None = None
    best_rank = -10**6
    for t in trigs:
        if not t.rule.acled:
            continue
        r = effective_rank(text, sent, t)
        if r > best_rank:
            best, best_rank = t, r
    if best is None or best.rule.acled is None:
        return _collective_demand(trigs, actors) or _group_aid(trigs, actors)
    return Choice(best, best.rule.acled)


#: Non-state groups: armed or criminal ones, and "members of" a group the dictionary does not know.
_NON_STATE = frozenset({"REB", "CRM", "UNK"})


def _group_aid(trigs: list[Trigger], actors: list[ActorMention]) -> Choice | None:
    """A non-state armed or criminal group handing out aid ("members of the cartel delivered
    food packages") takes on a new activity: ACLED's "Change to group/activity"."""
    for t in trigs:
        if t.rule.type == "AID":
            doers = [a for a in actors if a.end <= t.start]
            if doers and doers[-1].type in _NON_STATE:
                return Choice(t, ("Strategic developments", "Change to group/activity"))
    return None


def _collective_demand(trigs: list[Trigger], actors: list[ActorMention]) -> Choice | None:
    """Residents or workers publicly demanding or denouncing something are protesting,
    even when the report names no protest ("workers blocked the road, demanding ...")."""
    for t in trigs:
        if t.rule.type in ("REQUEST", "ACCUSE", "REJECT"):
            doers = [a for a in actors if a.end <= t.start]
            if doers and _is_group(doers[0]):
                return Choice(t, ("Protests", "Peaceful protest"))
    return None


#: A crowd acting over a public grievance demonstrates; without one it is a mob.
_GRIEVANCE = re.compile(
    r"\b(?:demand\w*|denounc\w*|to protest|in protest|protesting|against the|in reaction to|calling for|"
    r"barricad\w*|(?:tyres|tires)|blocked (?:the )?(?:roads?|streets?|highways?))\b", re.I)
#: Weapons that failed or were stopped: defused, intercepted, exploded while being planted.
_DISRUPTED = re.compile(
    r"\b(?:defused|diffused|dismantled|did not explode|failed to explode|exploded prematurely|"
    r"intercepted|shot down|while (?:they were )?(?:planting|making|assembling|handling|transporting) (?:it|them|the|an?)\b)", re.I)
#: Firearms make a group attack an armed assault rather than mob violence.
_GUNFIRE = re.compile(r"\b(?:armed|shoot-?outs?|opened fire|shot|shots|shooting|gunfire|gunshots?|gunmen|fired|drive-by|firearms?|rifles?|pistols?)\b", re.I)
#: Firearms in the hands of a crowd-like group: "both groups ... using firearms", "shot dead".
_ARMED_CROWD = re.compile(r"\b(?:firearms?|guns?|gunfire|gunshots?|shot dead|shot and killed|opened fire|rifles?|pistols?|"
                          r"armed with (?:guns|firearms|rifles|pistols))\b", re.I)
_GROUP_WORDS = frozenset({"people", "community", "crowd", "mob", "youth", "locals", "residents", "villagers",
                          "men", "women", "members"})
#: Violence rooted in a private quarrel is mob violence in ACLED's typology.
_DISPUTE = re.compile(r"\b(?:land|property|water|family|personal|old|plot|boundary|money|political) (?:dispute|rivalry|feud|enmity|row)s?\b", re.I)
_VIOLENT_SUBS = frozenset({"Attack", "Armed clash", "Looting/property destruction", "Mob violence",
                           "Violent demonstration", "Abduction/forced disappearance"})


#: Remote violence answered by the target is a battle: "... responded to the fire", "during clashes".
_GROUND_FIRE = frozenset({"Shelling/artillery/missile attack", "Grenade", "Remote explosive/landmine/IED"})
_TWO_SIDED = re.compile(
    r"\b(?:respond\w* (?:to the fire|to (?:the )?shelling|with (?:gun)?fire)|react\w* with (?:gun)?fire|returned (?:the )?fire|shot back|fired back|opened (?:gun)?fire in response|"
    r"(?:opened|open) (?:gun)?fire (?:on|at|towards) the (?:attackers|assailants)|fought with|"
    r"in response|in both directions of the|exchange[sd]? (?:of )?(?:fire|gunfire)|clash(?:es|ed)? (?:between|with|erupted)|during (?:the )?clashes|"
    r"gunshots? and explosions|shoot-?outs?|gun ?fights?|fire ?fights?|gun ?battles?)\b", re.I)
#: Infantry weapons fired alongside mortars or grenades mean the sides were in direct contact.
_SMALL_ARMS = re.compile(r"\b(?:small arms|sniper\w*|(?:assault |automatic )?rifles|automatic weapons|light weapons)\b", re.I)
_ARMED_TARGET = re.compile(r"\b(?:at|on|against|toward|towards) (?:the )?(?:[\w'-]+ ){0,4}(?:positions?|forces|troops|soldiers|"
                           r"checkpoints?|base|militia|militants|fighters)\b", re.I)
_OFF_DUTY = re.compile(r"(?<!if he was )(?<!if she was )(?<!whether he was )\boff[- ]duty\b", re.I)
#: Victims described as members of criminal or armed groups: ACLED codes such violence as
#: fighting between organised armed groups.
_GROUP_VICTIM = re.compile(
    r"\b(?:victims? (?:had|was|were) (?:\w+ ){0,4}(?:charges|members?|linked|involved)|"
    r"alleged (?:drug )?(?:dealers?|traffickers?|members?|leaders?)|gang (?:members?|rivalry|war)|"
    r"retaliation between|rival (?:gangs?|criminal groups?)|convicted of|(?:was|were) (?:a )?fugitives?)\b", re.I)
#: Words that name fighting between two sides, not an attack by one.
_MUTUAL = re.compile(r"clash(?:ed|es)?|fighting|fought|gun ?fights?|gun ?battles?|fire ?fights?|shoot-?outs?|skirmish\w*", re.I)
_OPERATION = re.compile(r"\boperations? against (?:the )?(?:drug[- ]traffick\w*|gangs?|criminal\w*|militias?|armed|traffickers)", re.I)
#: Those ACLED counts as civilians when harmed: officials, politicians and judges are unarmed too.
#: What may stand between a verb and its object: "attacked [two] police officers".
_DIRECT_OBJECT = re.compile(r"\s+(?:[\w-]+\s+)?")
_UNARMED = frozenset({"CVL", "MED", "REF", "REL", "NGO", "BUS", "PRO", "GOV", "POL", "JUD"})
_CROWD_SIDES = frozenset({"CVL", "PRO", "BUS", "REL", "MED"})
_MOB_WEAPONS = re.compile(r"\b(?:sticks|stones|rocks|bricks|clubs|fists|batons|bamboo|iron rods|pelt\w*)\b", re.I)
_MOB_CUE = re.compile(r"\b(?:lynch\w*|(?:a|an|the) (?:angry |irate )?mob|(?:beaten|beat|thrashed|attacked|assaulted|torched|lynched)"
                      r"(?: \w+){0,2} by (?:a |an |the )?(?:angry |irate )?(?:locals|villagers|residents|crowd|mob|people|"
                      r"(?:two|three|four|five|six|several|some|a group of) (?:persons|people|men|youths)))\b", re.I)
def _displacement_is_the_event(text: str, sent: Sentence, trigs: list[Trigger], main: list[Trigger]) -> bool:
    """People fleeing is the report when the violence is only its cause: every ACLED trigger
    is background, or comes after "evacuated ... following/after/amid"."""
    m = _DISPLACED.search(sent.text)
    if m is None:
        return False
    if not any(t.rule.acled for t in main):
        return True
    end = sent.start + m.end()
    coded = [t for t in trigs if t.rule.acled]
    cause = _CAUSE.search(text, end, min(t.start for t in coded)) if all(t.start > end for t in coded) else None
    return cause is not None


_OWN_POLICE = re.compile(r"\s+(?:[\w-]+\s+)?(?:security forces|police|security services)\b", re.I)
_TERRITORY = frozenset({"Non-state actor overtakes territory", "Government regains territory"})
#: Any sign of fighting in the report: a takeover with none of it is a non-violent transfer.
_FIGHT = re.compile(r"\b(?:clash\w*|fight\w*|fought|battl\w*|attack\w*|assault\w*|offensive|kill\w*|dead|died|wounded|injur\w*|"
                    r"casualt\w*|fatalit\w*|shell\w*|fire|fired|firing|gunfire|shots?|shoot\w*|bomb\w*|strikes?|"
                    r"repel\w*|repuls\w*|thwart\w*|storm\w*|ambush\w*|retreat\w*|fled|flee\w*|resistance|violence|operations?)\b", re.I)
_CAUSE = re.compile(r"\b(?:following|after|due to|amid|because of|for fear of|fleeing)\b", re.I)
#: Remote weapons named beside "destroyed": the destruction is remote violence of that kind.
_DESTROYED_WITH = (
    ("Air/drone strike", re.compile(r"\b(?:air ?strikes?|air raids?|drones?|warplanes?|aircraft)\b", re.I)),
    ("Shelling/artillery/missile attack", re.compile(
        r"\b(?:ATGMs?|anti-tank|missiles?|rockets?|mortars?|artillery|shell(?:s|ed|ing)|pounded)\b", re.I)),
    ("Remote explosive/landmine/IED", re.compile(r"\b(?:explosives?|IEDs?|bombs?|dynamite|landmines?)\b", re.I)),
)
_DISPLACED = re.compile(r"\b(?:evacuat\w*|displaced|displacement|fled (?:their|the) (?:homes?|village|area)|to flee)\b", re.I)
_IN_THE_AIR = re.compile(r"\b(?:(?:fired|shot|shots|firing|rounds) (?:\S+ ){0,5}(?:in|into) the air|warning shots|aerial firing)\b", re.I)
_HARMED = re.compile(r"\b(?:killed|dead|died|wounded|injur\w*|hurt|fatalit\w*|casualt\w*)\b", re.I)
_GENERIC_VIOLENCE = frozenset({"attack", "casualty", "clash", "loot", "arrest", "movement"})


def _victim_types(text: str, trigs: list[Trigger], actors: list[ActorMention], t2: str | None) -> set[str]:
    """Types of those harmed: the object, the subjects of passive verbs ("a man was killed")
    and the first actor after a killing or wounding verb."""
    out = {t2} if t2 else set()
    out |= {a.type for a in actors if _PATIENT.match(text, a.end)}
    for t in trigs:
        if t.rule.id == "attack":
            nxt = next((a for a in actors if a.start >= t.end), None)
            if nxt is not None and nxt.start - t.end < 25:
                out.add(nxt.type)
    return out


def _is_group(a: ActorMention | None) -> bool:
    """Unorganised collective actors (residents, a crowd) make violence a riot in ACLED's terms."""
    if a is None or a.type not in ("CVL", "PRO", "BUS"):
        return False
    last = a.name.lower().split()[-1]
    return last in _GROUP_WORDS or (last.endswith("s") and not last.endswith("ss"))


def refine(coding: tuple[str, str], text: str, sent: Sentence, trigs: list[Trigger],
           a1: ActorMention | None, a2: ActorMention | None,
           actors: list[ActorMention] = ()) -> tuple[str, str]:
    """Apply ACLED's actor-based distinctions to the proposed coding.

    ``actors`` are the sentence's actor mentions; an armed actor before the trigger
    keeps a crowd-like victim ("militants ... dispersed residents and looted") from
    being read as the doer.
    """
    etype, sub = coding
    window = text[sent.start:min(len(text), sent.end + _WINDOW)]
    t1 = a1.type if a1 else None
    t2 = a2.type if a2 else None
    main = [t for t in trigs if effective_rank(text, sent, t) == t.rule.rank]
    anchor = next((t for t in trigs if t.rule.acled == coding), None)
    before = [a for a in actors if anchor is not None and a.end <= anchor.start]
    protest_here = any(t.rule.id == "protest" for t in main)
    riot_here = any(t.rule.id == "riot" for t in main)
    if etype == "Protests":
        if riot_here or _told_as_main(_RIOT_CUE, window):
            return "Riots", "Violent demonstration"
        if _EXCESSIVE.search(window):
            return etype, "Excessive force against protesters"
        if _INTERVENTION.search(window):
            return etype, "Protest with intervention"
        return coding
    top = next((t for t in main if t.rule.acled == coding), None)
    first_protest = next((t for t in main if t.rule.id == "protest"), None)
    if (top is not None and first_protest is not None and first_protest.start < top.start
            and top.rule.id in _GENERIC_VIOLENCE):
        # "protesters gathered ... and clashed with police": the protest is the event
        if riot_here or (top.rule.id == "clash" and not _RELATIVE.search(text, max(sent.start, top.start - 30), top.start)):
            return "Riots", "Violent demonstration"
        return refine(("Protests", "Peaceful protest"), text, sent, trigs, a1, a2, actors)
    if sub == "Looting/property destruction" and t1 != "CRM":
        weapon = next((kind for kind, rx in _DESTROYED_WITH if rx.search(sent.text)), None)
        if weapon is not None:  # "destroyed a bulldozer using an ATGM": the weapon is the event
            return "Explosions/Remote violence", weapon
    if _displacement_is_the_event(text, sent, trigs, main):
        return "Strategic developments", "Other"  # "families evacuated following clashes"
    if etype == "Explosions/Remote violence" and _DISRUPTED.search(window):
        return "Strategic developments", "Disrupted weapons use"
    if sub in _GROUND_FIRE and (_told_as_main(_TWO_SIDED, window) or _SMALL_ARMS.search(window) and _ARMED_TARGET.search(sent.text)):
        return "Battles", "Armed clash"
    if sub in _VIOLENT_SUBS and _MOB_CUE.search(sent.text) and not any(a.type in ARMED for a in actors) \
            and t1 not in ARMED and not _GUNFIRE.search(sent.text):
        return "Riots", "Mob violence"  # "lynched", "beaten up by locals": an unorganised crowd
    if sub in _VIOLENT_SUBS and _is_group(a1) and not any(a.type in ARMED for a in before) \
            and not _GUNFIRE.search(sent.text):
        grievance = protest_here or riot_here or bool(_GRIEVANCE.search(sent.text))
        return "Riots", ("Violent demonstration" if grievance else "Mob violence")
    if sub == "Attack" and t1 not in ARMED and _DISPUTE.search(sent.text):
        return "Riots", "Mob violence"
    if sub == "Attack" and t1 in ("COP", "MIL") and _OPERATION.search(window):
        return "Battles", "Armed clash"  # police operations against gangs meet armed resistance
    if sub in ("Attack", "Abduction/forced disappearance"):
        # victims: the object, and anyone the sentence says was killed or wounded
        victims = {t2} | {a.type for a in actors if _PATIENT.match(text, a.end)}
        if victims & ARMED and t1 not in ("CVL", "PRO") and not _OFF_DUTY.search(window):
            if t1 not in ARMED and _MOB_WEAPONS.search(sent.text) and not _GUNFIRE.search(window):
                return "Riots", "Mob violence"  # "attacked police officers with sticks and stones"
            return "Battles", "Armed clash"
        harmed = {a.type for a in actors if _PATIENT.match(text, a.end)}
        if a2 is not None and anchor is not None and (a2.end <= anchor.start  # the subject of a passive
                                                      or _DIRECT_OBJECT.fullmatch(text, anchor.end, max(anchor.end, a2.start))):
            harmed.add(a2.type)
        if sub == "Attack" and harmed & {"COP", "MIL"} and t1 in ("CVL", "PRO") and not _GUNFIRE.search(window) \
                and not _OFF_DUTY.search(window):
            # people who beat up police or soldiers are neither an armed side nor attacking
            # civilians: ACLED codes such a crowd's violence against the armed as mob violence
            return "Riots", "Mob violence"
        if sub == "Attack" and _told_as_main(_TWO_SIDED, window):
            return "Battles", "Armed clash"
        if sub == "Attack" and _GROUP_VICTIM.search(window):
            return "Battles", "Armed clash"
        return coding
    if sub == "Armed clash" and t2 in ARMED and _OFF_DUTY.search(window):
        return "Violence against civilians", "Attack"
    victims = _victim_types(text, trigs, actors, t2)
    if sub == "Armed clash" and t1 in ARMED and victims and victims <= _UNARMED \
            and not _told_as_main(_TWO_SIDED, window) and not (anchor and _MUTUAL.fullmatch(text[anchor.start:anchor.end])):
        return "Violence against civilians", "Attack"
    mob_here = any(t.rule.id == "mob" for t in main) or bool(_DISPUTE.search(sent.text))
    if sub == "Armed clash" and (mob_here or riot_here) and not ({t1, t2} & {"MIL", "REB"}) \
            and not _GUNFIRE.search(sent.text):
        return "Riots", ("Violent demonstration" if protest_here else "Mob violence")
    if sub == "Armed clash":
        if protest_here and t1 not in ARMED:
            return "Riots", "Violent demonstration"
        sides = {t1, t2} - {None}
        if _IN_THE_AIR.search(sent.text) and not _told_as_main(_TWO_SIDED, window) and not _HARMED.search(window):
            return "Strategic developments", "Other"  # shots into the air harm no one
        if "REB" not in sides and not _GUNFIRE.search(window) and (
                sides & _CROWD_SIDES and sides & ARMED or _MOB_WEAPONS.search(sent.text)):
            # a brawl of residents or shopkeepers with police, fought with sticks and stones
            return "Riots", ("Violent demonstration" if _PROTEST_WORD.search(window) else "Mob violence")
        if t1 is not None and not (sides & ARMED) and not _GUNFIRE.search(sent.text) and sides <= {"CVL", "PRO", "POL", "BUS", "REL"}:
            if _PROTEST_WORD.search(window):
                return "Riots", "Violent demonstration"
            return "Riots", "Mob violence"
        return coding
    if sub == "Arrests" and t1 in ("REB", "CRM") and a1 is not None and not _OWN_POLICE.match(text, a1.end):
        # ACLED: only state forces arrest; armed groups that detain people abduct them (a de
        # facto authority's own police or security forces still arrest)
        return "Violence against civilians", "Abduction/forced disappearance"
    if sub in _TERRITORY and not _FIGHT.search(window):
        # ACLED: territory taken without fighting reported is a non-violent transfer
        return "Strategic developments", "Non-violent transfer of territory"
    if sub == "Non-state actor overtakes territory" and t1 in {"MIL", "GOV", "COP"}:
        return "Battles", "Government regains territory"
    if sub == "Government regains territory" and t1 == "REB":
        return "Battles", "Non-state actor overtakes territory"
    if etype == "Riots" and not protest_here and not any(a.type in ("MIL", "COP") for a in actors) \
            and _ARMED_CROWD.search(sent.text) and not _IN_THE_AIR.search(sent.text):
        # A riot is unorganised violence; groups fighting with firearms are armed, organised
        # sides (communal or clan militias) in ACLED's terms: a battle, or an attack when
        # only one side is said to fight.
        if anchor is not None and _MUTUAL.search(anchor.text):
            return "Battles", "Armed clash"
        return "Violence against civilians", "Attack"
    if etype == "Riots" and sub == "Mob violence" and protest_here:
        return "Riots", "Violent demonstration"
    return coding
