"""Assemble event records from an article: triggers + actors + place + date + counts.

The pipeline per article is one pass of each scanner over the whole text (sentences,
tokens, actors, triggers, places, dates), then a walk over the sentences that turns each
sentence's triggers into events. Everything an event says is tied to the sentence that
says it (``evidence``); follow-up sentences ("The talks ... did not produce a ceasefire",
"Five civilians were wounded") enrich the event they continue instead of adding one.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from newsevents.extract import acled, ontology, roles
from newsevents.extract.actors import ActorMention, find_actors
from newsevents.extract.counts import find_counts
from newsevents.extract.dates import DateMention, find_dates
from newsevents.extract.ner import NOT_PLACE_LABELS, PLACE_LABELS
from newsevents.extract.ner import configured as configured_model
from newsevents.extract.phrases import tokenize
from newsevents.extract.sentences import Sentence, split_sentences
from newsevents.extract.status import failed, status_of
from newsevents.extract.triggers import Trigger, find_triggers
from newsevents.schema import EVENT_FIELDS


#: How many sentences back an event may take its date or place from ("On 3 May ... . Later, ...").
_LOOKBACK = 5
#: Event types whose records never carry a count (no toll, no typed quantity).
_COUNTLESS = frozenset({"CONSULT", "REQUEST", "REJECT", "THREATEN", "ACCUSE", "SUPPORT", "SANCTION"})
_VERBAL = frozenset({"AGREE", "CONSULT", "SUPPORT", "REQUEST", "REJECT", "THREATEN", "ACCUSE", "CONCEDE"})
_PLACE_RANK = {"city": 0, "admin2": 1, "admin1": 2, "country": 3}
_ANAPHOR = re.compile(r"\b(?:the|this|that|these|those)\s+$", re.I)
_SPEECH_BEFORE = re.compile(r"\b(?:said|says|told|announced|reported|stated|added|noted)\s+$", re.I)
#: A town's name before "road" or "street" names a street elsewhere ("Murree road in Rawalpindi").
_STREET = re.compile(r"\s+(?:[Rr]oad|[Ss]treet|[Aa]venue|[Ll]ane|[Bb]ypass|[Rr]d\b|[Ss]t\.)", re.I)
_SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE"})
_BOTH = re.compile(r"\b(?:both|the two)\s+(?:sides|parties|countries|delegations|governments|nations)\b", re.I)
#: How many sentences back "both sides" may find the parties it refers to.
_PARTY_REACH = 3
_SINCE = re.compile(r"(?:since|until|till)\b", re.I)
_SINCE_BEFORE = re.compile(r"\b(?:since|until|till)\s+(?:the\s+)?(?:\w+\s+)?$", re.I)
#: A dateline opens an article: "KYIV, May 17 (Reuters) -", "KYIV —", "Kyiv (AP) --".
_DATELINE = re.compile(
    r"\s*(?:[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}(?:,\s*[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)?)?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*(?:\([^()\n]{1,40}\))?"
    r"|[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,2}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*\([^()\n]{1,40}\))"
    r"\s*(?:-{1,2}|—|–)\s")
_MAY_STATE = re.compile(r"fatalit", re.I)
_CASUALTY_KINDS = {"fatalities_coded": "fatalities", "killed": "fatalities", "dead": "fatalities", "fatalities": "fatalities", "injured": "injured", "wounded": "injured"}
_ARTICLE_ONE = re.compile(r"(?:an?|one)\b", re.I)  # "a prisoner exchange" is not a count of one
_CODED_AS = re.compile(r"\bfatalit(?:y|ies) (?:were |was |are |is )?coded (?:as|to) (\d+)", re.I)
#: ACLED's closing tally, a sentence of its own: "1 fatality.", "2 fatalities and 1 injured."
_TALLY = re.compile(r"\s*(\d+) fatalit(?:y|ies)\b(?![^.;]*\b(?:split|spread|distributed|across|between|among)\b)", re.I)
#: Cheap pre-check: a sentence without numerals, number words or casualty words has no count.
_MAY_COUNT = re.compile(
    r"\d|\b(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|dozens?|scores?|several|many|some|no|"
    r"none|nobody|both|couple|handful|killed|dead|died|injur\w*|wounded|fatalit\w*)\b", re.I)
#: ACLED types of violent events and demonstrations: a strategic development reported after
#: one of them in the same article (arrests, seizures) is its aftermath, not the main event.
_MAIN_ACLED = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots"})
#: How many sentences after a violent event or protest a new event's toll may still be its toll.
_TOLL_REACH = 2
#: A report this short (an ACLED-style event note) codes one event, told by its lead sentence:
#: a later sentence of another ACLED type is detail (``Draft.retypes`` lowers its confidence).
#: A longer article tells several events of their own, and each keeps its confidence.
_SHORT_REPORT_SENTENCES = 6
_DOMESTIC_TYPES = frozenset({"MIL", "COP", "GOV", "CVL", "PRO", "CRM", "REB", "MED", "JUD", "BUS", "REL", "POL", "UNK"})


@dataclass
class Draft:
    """An event under construction (mutable until it is emitted)."""

    sentence_index: int
    trigger: Trigger
    sentence: Sentence
    evidence_end: int
    status: str
    mode: str | None
    actor1: ActorMention | None
    actor2: ActorMention | None
    acled: tuple[str, str] | None
    counts: dict[str, tuple[int, str]] = field(default_factory=dict)
    quantities: list[dict[str, Any]] = field(default_factory=list)
    location: dict[str, Any] | None = None
    date: DateMention | None = None
    primary: bool = False
    talks: "Draft | None" = None  # the talks this agreement or meeting continues (for its place)
    borrowed: bool = False  # the parties were taken from those talks ("both sides", unnamed)
    aftermath: bool = False  # a strategic development that follows a violent event or protest told before it
    retypes: bool = False  # its ACLED type differs from that of an event told in an earlier sentence


def parse_published(value: Any) -> dt.date | None:
    """Accept ``YYYY-MM-DD``, an ISO datetime (with ``Z``), a date/datetime, or nothing."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def _gazetteer():
    """The place gazetteer, or ``None`` while the places module is unavailable."""
    global _GAZ
    if _GAZ is False:
        try:
            from newsevents.extract.places import Gazetteer
        except ImportError:
            _GAZ = None
        else:
            _GAZ = Gazetteer.default()
    return _GAZ


_GAZ: Any = False


def extract(article: dict[str, Any], version: str) -> list[dict[str, Any]]:
    """All events of one article, in text order, as contract dicts."""
    text = article.get("text") or ""
    article_id = str(article.get("id") or "")
    published = parse_published(article.get("published_at"))
    if not text.strip():
        return []
    triggers = find_triggers(text)
    if not triggers:
        return []
    sentences = split_sentences(text)
    by_sentence = _triggers_by_sentence(sentences, triggers)
    # Only sentences with a trigger are read closely (actors, places, dates): in long news
    # articles most sentences report no event, and the close reading is the costly part.
    spans = [(sentences[si].start, sentences[si].end) for si in by_sentence]
    actors = find_actors(text, [t for s, e in spans for t in tokenize(text, s, e)])
    places = Places(text, sentences, actors)

    drafts: list[Draft] = []
    last_date: DateMention | None = None
    unread: list[Sentence] = []  # sentences whose dates were not read yet, oldest first

    def narrative_date() -> DateMention | None:
        """The latest date told before the current sentence (read lazily, newest first)."""
        nonlocal last_date
        del unread[:-_LOOKBACK]
        while unread:
            found = _dates_in(unread.pop(), published)
            if found:
                last_date = found[0]
                break
        unread.clear()
        return last_date

    for si, sent in enumerate(sentences):
        sent_trigs = by_sentence.get(si)
        if sent_trigs:
            sent_dates = _dates_in(sent, published)
            _sentence_events(text, si, sent, sent_trigs, actors, sent_dates, narrative_date, published, drafts)
            if sent_dates:
                last_date = sent_dates[0]
                unread.clear()
        else:
            unread.append(sent)
            if drafts and si - drafts[-1].sentence_index <= 2:
                _add_counts(drafts, si, sent)
            elif drafts and _MAY_STATE.search(sent.text):
                _apply_stated(drafts, _sentence_counts(sent.text))
    if len(sentences) > _SHORT_REPORT_SENTENCES:
        for d in drafts:
            d.retypes = False  # a longer article tells events of their own, not one lead's details
    return [_emit(d, article_id, text, sentences, places, version) for d in drafts]


def _triggers_by_sentence(sentences: list[Sentence], triggers: list[Trigger]) -> dict[int, list[Trigger]]:
    """Group triggers (in text order) by the index of the sentence that holds them."""
    out: dict[int, list[Trigger]] = {}
    starts = [s.start for s in sentences]
    for t in triggers:
        si = bisect.bisect_right(starts, t.start) - 1
        if si >= 0 and t.start < sentences[si].end:
            out.setdefault(si, []).append(t)
    return out


def _dates_in(sent: Sentence, published: dt.date | None) -> list[DateMention]:
    """Date mentions of one sentence that can date an event, with offsets into the article.

    "since 2022" and "for the first time since May" start a duration, and a bare year
    ("in 2014") is background to news reported now: neither dates the event. Without a
    publication date a bare year is all there is, so it is kept then.
    """
    return [DateMention(d.start + sent.start, d.end + sent.start, d.text, d.date, d.precision)
            for d in find_dates(sent.text, published)
            if not _SINCE.match(d.text) and not _SINCE_BEFORE.search(sent.text, 0, d.start)
            and (published is None or d.precision != "year")]


class _Place(NamedTuple):
    """A place mention with offsets into the article."""

    start: int
    end: int
    text: str
    place: Any


class Places:
    """Place mentions per sentence, read on demand and cached.

    A place that is part of an actor mention ("Russian forces", "Kyiv said") is dropped.
    Countries, demonyms and named actors ("Taliban", "Houthi") of the article's event
    sentences are the disambiguation context.
    """

    def __init__(self, text: str, sentences: list[Sentence], actors: list[ActorMention]) -> None:
        self.text = text
        self.sentences = sentences
        self.gaz = _gazetteer()
        self.model = configured_model()  # optional spaCy NER, None by default (see ``ner``)
        self.context = tuple(dict.fromkeys(a.country for a in actors if a.country and a.kind != "agent"))
        self.regions = frozenset(r for a in actors for r in a.regions)
        spans = [(a.start, a.end) for a in actors if a.kind != "agent"]
        self._starts = [s for s, _ in spans]
        self._spans = spans
        self._cache: dict[int, list[_Place]] = {}
        m = _DATELINE.match(text)
        self.dateline_end = m.end() if m else 0

    def dateline(self) -> _Place | None:
        """The place of the article's dateline (where the reporter files from), if any."""
        if not self.dateline_end:
            return None
        return next((p for p in self.in_sentence(0, dateline=True) if p.start < self.dateline_end), None)

    def in_sentence(self, si: int, dateline: bool = False) -> list[_Place]:
        """Place mentions of sentence ``si`` with offsets into the article; the dateline's
        only when asked for, because it names where the story was filed, not the event."""
        if si not in self._cache:
            found: list[_Place] = []
            if self.gaz is not None:
                sent = self.sentences[si]
                ents = () if self.model is None else [
                    (a, b, label in PLACE_LABELS) for a, b, label in self.model.entities(sent.text)
                    if label in PLACE_LABELS or label in NOT_PLACE_LABELS]
                for p in self.gaz.find(sent.text, context_countries=self.context, entities=ents, regions=self.regions):
                    start = p.start + sent.start
                    i = bisect.bisect_right(self._starts, start) - 1
                    if (i < 0 or start >= self._spans[i][1]) and not _STREET.match(sent.text, p.end):
                        found.append(_Place(start, p.end + sent.start, p.text, p.place))
            self._cache[si] = found
        if dateline or not self.dateline_end or self.sentences[si].start >= self.dateline_end:
            return self._cache[si]
        return [p for p in self._cache[si] if p.start >= self.dateline_end]


def _sentence_events(text: str, si: int, sent: Sentence, trigs: list[Trigger], actors: list[ActorMention],
                     sent_dates: list[DateMention], narrative_date: Callable[[], DateMention | None],
                     published: dt.date | None, drafts: list[Draft]) -> None:
    """Turn one sentence's triggers into new events, or into updates of earlier ones."""
    trigs = _drop_complements(trigs)
    best: dict[str, Trigger] = {}
    for t in trigs:
        cur = best.get(t.rule.type)
        if cur is None or t.rule.rank > cur.rule.rank:
            best[t.rule.type] = t
    lo = bisect.bisect_left(actors, sent.start, key=lambda a: a.start)
    hi = bisect.bisect_left(actors, sent.end, key=lambda a: a.start)
    actors = actors[lo:hi]
    top = acled.choose(text, sent, trigs, actors)
    # counting words is costly; only events that carry tolls or quantities need them
    counts = _sentence_counts(sent.text) if top is not None or not _COUNTLESS.issuperset(best) else []
    _apply_stated(drafts, counts)
    for etype, trig in sorted(best.items(), key=lambda kv: kv[1].start):
        if _continues_previous(text, si, sent, trig, trigs, drafts, counts, actors):
            continue
        rel = trig.start - sent.start
        status = status_of(sent.text, rel, etype in _VERBAL)
        a1, a2 = roles.assign(text, sent, _role_anchor(text, sent, trigs, trig), actors)
        talks = _talks_before(si, drafts) if etype in _SYMMETRIC else None
        borrowed = False
        if talks is not None:
            b1, b2 = _parties(sent, a1, a2, talks)
            borrowed = (b1, b2) != (a1, a2)
            a1, a2 = b1, b2
        if _names_parties_of_previous(si, sent, etype, a1, a2, drafts, counts):
            continue
        d = Draft(si, trig, sent, sent.end, status, _mode(trig, sent), a1, a2, None)
        if talks is not None and _same_parties(d, talks):
            d.talks = talks
        d.borrowed = borrowed
        if top is not None and top.trigger.rule.type == etype:
            d.acled = acled.refine(top.coding, text, sent, trigs, a1, a2, actors)
            d.primary = True
            lead = next((p for p in drafts if p.acled is not None), None)
            d.retypes = lead is not None and lead.sentence_index < si and lead.acled[0] != d.acled[0]  # type: ignore[index]
            main = next((p for p in reversed(drafts) if p.acled is not None and p.acled[0] in _MAIN_ACLED), None)
            if main is not None and d.acled[0] == "Strategic developments":
                # "criminal groups clashed. Police seized arms ... one man died during this clash":
                # the sequel's toll is the main event's, when that one gave none
                d.aftermath = True
                _apply_counts(main, counts, True)
            elif main is not None and si - main.sentence_index <= _TOLL_REACH:
                # "Gunmen attacked the village. They killed three farmers.": a toll told right
                # after a violent event or protest belongs to it when that one gave none
                _apply_counts(main, counts, True)
        _apply_counts(d, counts, etype == "ASSAULT" or d.primary)
        d.date = _pick_date(text, sent, trig, sent_dates, status, published) or narrative_date()
        drafts.append(d)


def _talks_before(si: int, drafts: list[Draft]) -> Draft | None:
    """The latest talks or agreement with two named parties a few sentences back."""
    for d in reversed(drafts):
        if si - d.sentence_index > _PARTY_REACH:
            break
        if d.trigger.rule.type in _SYMMETRIC and d.actor1 is not None and d.actor2 is not None:
            return d
    return None


def _parties(sent: Sentence, a1: ActorMention | None, a2: ActorMention | None,
             talks: Draft) -> tuple[ActorMention | None, ActorMention | None]:
    """Talks and agreements whose parties are "both sides" (or unnamed: "an agreement to
    carry out a prisoner exchange") are between the parties of the talks just reported."""
    both = _BOTH.search(sent.text) is not None
    if (both and (a1 is None or a1.kind == "agent" or a2 is None)) or (a1 is None and a2 is None):
        return talks.actor1, talks.actor2
    return a1, a2


def _names_parties_of_previous(si: int, sent: Sentence, etype: str, a1: ActorMention | None, a2: ActorMention | None,
                               drafts: list[Draft], counts: list[Any]) -> bool:
    """ "The only outcome was an agreement to swap prisoners. Russia and Ukraine agreed to
    swap 1,000 each.": a sentence that names the parties of the agreement just reported
    (whose parties were borrowed) tells the same agreement; it gives its parties and counts."""
    if not drafts or etype not in _SYMMETRIC or a1 is None or a2 is None:
        return False
    prev = drafts[-1]
    if si - prev.sentence_index != 1 or prev.trigger.rule.type != etype or not prev.borrowed:
        return False
    prev.actor1, prev.actor2, prev.borrowed = a1, a2, False
    prev.evidence_end = max(prev.evidence_end, sent.end)
    _apply_counts(prev, counts, False)
    return True


def _same_parties(d: Draft, talks: Draft) -> bool:
    """True when an agreement names the same two countries as the talks before it."""
    if d.actor1 is None or d.actor2 is None:
        return False
    mine = {d.actor1.country, d.actor2.country}
    return None not in mine and mine == {talks.actor1.country, talks.actor2.country}  # type: ignore[union-attr]


def _role_anchor(text: str, sent: Sentence, trigs: list[Trigger], best: Trigger) -> Trigger:
    """The trigger whose neighbours are the event's actors: the first main-clause verb of the
    event's type ("gunmen shot and killed two civilians using small arms"), not
    necessarily the most specific one, which may sit late in the sentence."""
    for t in trigs:
        if t.rule.type == best.rule.type and not t.rule.weak and \
                acled.effective_rank(text, sent, t) == t.rule.rank:
            return t if t.start <= best.start else best
    return best


def _drop_complements(trigs: list[Trigger]) -> list[Trigger]:
    """Drop triggers inside the clause a demand/rejection/threat takes as its object."""
    out: list[Trigger] = []
    for t in trigs:
        out.append(t)
        if t.rule.complement:
            break
    return out


def _continues_previous(text: str, si: int, sent: Sentence, trig: Trigger, trigs: list[Trigger],
                        drafts: list[Draft], counts: list[Any], actors: list[ActorMention]) -> bool:
    """Merge "The talks ... failed" / "Five were wounded" into the event they continue."""
    prev = None
    for d in reversed(drafts):
        if si - d.sentence_index > 2:
            break
        if d.trigger.rule.type == trig.rule.type:
            prev = d
            break
    if prev is None:
        return False
    same_type = [t for t in trigs if t.rule.type == trig.rule.type]
    anaphoric = any(_ANAPHOR.search(text[max(sent.start, t.start - 8):t.start]) for t in same_type)
    weak_only = all(t.rule.weak for t in same_type)
    # "12 fighters were reportedly killed": a toll without a perpetrator continues the story
    agentless = trig.rule.type == "ASSAULT" and roles.assign(text, sent, trig, actors)[0] is None
    if not (anaphoric or weak_only or agentless):
        return False
    prev.evidence_end = max(prev.evidence_end, sent.end)
    if prev.trigger.rule.type in _VERBAL and failed(sent.text):
        prev.status = "failed"
    _apply_counts(prev, counts, True)
    return True


def _add_counts(drafts: list[Draft], si: int, sent: Sentence) -> None:
    """A sentence without triggers may still give the previous event's toll."""
    prev = drafts[-1]
    if si - prev.sentence_index > 2 or prev.trigger.rule.type not in ("ASSAULT", "PROTEST", "COERCE"):
        return
    counts = _sentence_counts(sent.text)
    if any(c.kind in _CASUALTY_KINDS for c in counts):
        _apply_counts(prev, counts, True)
        prev.evidence_end = max(prev.evidence_end, sent.end)


@dataclass(frozen=True)
class _Stated:
    """A count stated as a coding decision ("Fatalities coded as 3"), which overrides others."""

    kind: str
    value: int
    qualifier: str
    text: str


def _sentence_counts(sentence: str) -> list[Any]:
    """The counts of a sentence, an explicit "fatalities coded as N" first."""
    if not _MAY_COUNT.search(sentence):
        return []
    counts: list[Any] = list(find_counts(sentence))
    m = _CODED_AS.search(sentence) or _TALLY.match(sentence)
    if m:
        counts.insert(0, _Stated("fatalities_coded", int(m.group(1)), "exact", m.group(0)))
    return counts


def _apply_stated(drafts: list[Draft], counts: list[Any]) -> None:
    """A stated coding ("Fatalities coded as 3", a closing "1 fatality.") is the toll of the
    report's main event, however far back that event was told."""
    if not drafts or not any(isinstance(c, _Stated) for c in counts):
        return
    main = next((d for d in drafts if d.acled is not None and d.acled[0] in _MAIN_ACLED), None) or drafts[0]
    _apply_counts(main, [c for c in counts if isinstance(c, _Stated)], True)


def _apply_counts(d: Draft, counts: list[Any], casualties: bool) -> None:
    """Fatalities/injured (first mention wins) and other typed quantities."""
    for c in counts:
        slot = _CASUALTY_KINDS.get(c.kind)
        if slot:
            if casualties and (slot not in d.counts or c.kind == "fatalities_coded"):
                d.counts[slot] = (c.value, c.qualifier)
        elif not _ARTICLE_ONE.match(c.text) and not any(q["kind"] == c.kind for q in d.quantities):
            d.quantities.append({"kind": c.kind, "value": c.value, "qualifier": c.qualifier})


def _mode(trig: Trigger, sent: Sentence) -> str | None:
    """The rule's mode, refined by the first mode cue in the sentence (after the trigger)."""
    rule = trig.rule
    if rule.modes:
        after = sent.text[trig.start - sent.start:] if rule.type != "ASSAULT" else sent.text
        for mode, rx in rule.modes:
            if rx.search(after):
                return mode
    return rule.mode


def _pick_date(text: str, sent: Sentence, trig: Trigger, sent_dates: list[DateMention], status: str,
               published: dt.date | None) -> DateMention | None:
    """The sentence's date closest to the trigger, skipping dates of a speech act ("said on Saturday")."""
    cands = [d for d in sent_dates if not _SPEECH_BEFORE.search(text[max(sent.start, d.start - 12):d.start])]
    cands = cands or sent_dates
    if not cands:
        return None
    if status in ("planned", "threatened"):
        later = [d for d in cands if d.start >= trig.start]
        if later:
            future = find_dates(text[later[0].start:later[0].end], published, future=True)
            return DateMention(later[0].start, later[0].end, later[0].text, future[0].date, future[0].precision) \
                if future else later[0]
    return min(cands, key=lambda d: min(abs(d.start - trig.end), abs(trig.start - d.end)))


def _in_parens(text: str, pos: int) -> bool:
    """True inside "(Surat, Gujarat)": a bracketed place names the region around the one before it."""
    opened = text.rfind("(", max(0, pos - 60), pos)
    return opened != -1 and text.find(")", opened, pos) == -1


#: "30 km north of Kyiv", "west of Marib city": a landmark that locates the event, not its place.
_REFERENCE = re.compile(r"\b(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?(?: outskirts)? of|"
                        r"km (?:from|of)|kilometres (?:from|of)|kilometers (?:from|of)|miles (?:from|of)|away from)\s+(?:the\s+)?$",
                        re.I)


#: "in X", "at the village of X": the place where something happened, not where people came from.
_LOCATIVE = re.compile(r"\b(?:in|at|near|on|inside|outside|(?:village|town|city|area|outskirts)s? of)\s+(?:the\s+)?$", re.I)


def _is_reference(text: str, pos: int) -> bool:
    """True for a place named only as a reference point ("west of Marib city")."""
    return _REFERENCE.search(text, max(0, pos - 30), pos) is not None


def _inconsistent(text: str, p: Any, inside: list[Any]) -> bool:
    """A toponym that disagrees with the places around it is probably mis-resolved:
    "Vesele, Donetsk" resolved to a Vesele outside Donetsk oblast, or a match in another
    country than the sentence's other places."""
    others = [q for q in inside if q is not p and q.place.country]
    if others:
        countries = [q.place.country for q in others]
        top = max(set(countries), key=countries.count)
        if p.place.country and p.place.country != top and countries.count(top) >= 1 and \
                not any(q.place.country == p.place.country for q in others):
            return True
    nxt = next((q for q in inside if 0 <= q.start - p.end <= 3 and text[p.end:q.start].strip(" ,(") == ""), None)
    if nxt is not None and p.place.precision == "city" and nxt.place.precision in ("admin1", "city"):
        if nxt.place.admin1_key and p.place.admin1_key:  # same GeoNames division, whatever its name
            return nxt.place.admin1_key != p.place.admin1_key
    return False


def _place_for(d: Draft, text: str, sentences: list[Sentence], places: Places) -> Any:
    """The most precise place in the event's own sentence, else in its follow-ups, else
    (for physical events only) in the nearest earlier sentence that names one."""
    def best_in(si: int, before: int | None = None) -> Any:
        # a demand's or threat's object clause names places it is about, not where it happened
        inside = [p for p in places.in_sentence(si) if before is None or p.start < before]
        if not inside:
            return None
        return min(inside, key=lambda p: (_inconsistent(text, p, inside), _in_parens(text, p.start),
                                          _is_reference(text, p.start), not _LOCATIVE.search(text, max(0, p.start - 20), p.start),
                                          _PLACE_RANK.get(p.place.precision, 4), p.start))

    hit = best_in(d.sentence_index, d.trigger.start if d.trigger.rule.complement else None)
    si = d.sentence_index + 1
    while hit is None and si < len(sentences) and sentences[si].start < d.evidence_end:
        hit = best_in(si)
        si += 1
    if hit is None and d.talks is not None:
        return _place_for(d.talks, text, sentences, places)  # "agreed to swap prisoners" at the talks
    if d.trigger.rule.type in _VERBAL:
        return hit
    si = d.sentence_index
    while hit is None and si > 0 and d.sentence_index - si < _LOOKBACK:
        si -= 1
        hit = best_in(si)
    return hit


def _dateline_location(places: Places) -> dict[str, Any] | None:
    """The dateline's place as a last resort: it tells the country the story is about more
    reliably than the spot, so it is given country precision (coordinates kept)."""
    pm = places.dateline()
    if pm is None:
        return None
    p = pm.place
    return {"name": p.name, "country": p.country, "admin1": None, "lat": p.lat, "lon": p.lon,
            "geonames_id": p.geonames_id, "precision": "country"}


def _emit(d: Draft, article_id: str, text: str, sentences: list[Sentence], places: Places,
          version: str) -> dict[str, Any]:
    """Freeze a draft into the contract's dict (exactly EVENT_FIELDS)."""
    rule = d.trigger.rule
    cameo, quad, goldstein = ontology.code(rule.type, d.mode, rule.cameo)
    pm = _place_for(d, text, sentences, places)
    location = None
    from_dateline = False
    if pm is not None:
        p = pm.place
        location = {"name": p.name, "country": p.country, "admin1": p.admin1, "lat": p.lat, "lon": p.lon,
                    "geonames_id": p.geonames_id, "precision": p.precision}
    elif rule.type not in _VERBAL:
        location = _dateline_location(places)
        from_dateline = location is not None
    loc_country = location["country"] if location else None
    fat = d.counts.get("fatalities")
    inj = d.counts.get("injured")
    start = d.sentence.start
    event_id = hashlib.sha1(f"{article_id}|{start}|{rule.type}".encode()).hexdigest()[:20]
    event = {
        "article_id": article_id,
        "event_id": event_id,
        "event_type": rule.type,
        "event_mode": d.mode,
        "cameo_code": cameo,
        "quad_class": quad,
        "goldstein": goldstein,
        "acled_event_type": d.acled[0] if d.acled else None,
        "acled_sub_event_type": d.acled[1] if d.acled else None,
        "status": d.status,
        "actor1": _actor(d.actor1, loc_country),
        "actor2": _actor(d.actor2, loc_country),
        "location": location,
        "event_date": d.date.date.isoformat() if d.date else None,
        "date_precision": d.date.precision if d.date else None,
        "fatalities": fat[0] if fat else None,
        "fatalities_qualifier": fat[1] if fat else None,
        "injured": inj[0] if inj else None,
        "injured_qualifier": inj[1] if inj else None,
        "quantities": d.quantities,
        "evidence": {"text": text[start:d.evidence_end], "start": start, "end": d.evidence_end},
        "confidence": _confidence(d, location is not None and not from_dateline),
        "extractor_version": version,
    }
    assert tuple(event) == EVENT_FIELDS
    return event


def _actor(a: ActorMention | None, loc_country: str | None) -> dict[str, Any] | None:
    """Actor dict; an unqualified sector noun ("police") takes the event's country."""
    if a is None:
        return None
    out = a.as_dict()
    if out["country"] is None and a.kind == "agent" and a.type in _DOMESTIC_TYPES:
        out["country"] = loc_country
    return out


def _confidence(d: Draft, has_location: bool) -> float:
    """Rule reliability, raised by each field the text supports; lead sentences count more."""
    c = d.trigger.rule.weight
    c += 0.08 if d.actor1 else -0.1
    c += 0.04 if d.actor2 else 0.0
    c += 0.03 if has_location else 0.0
    c += 0.03 if d.date else 0.0
    c += 0.05 if d.primary else 0.0
    c -= 0.08 * min(d.sentence_index, 3)  # the lead reports the main event
    # and a later sentence that would code the report otherwise is detail, not the event
    c -= 0.17 * min(d.sentence_index, 3) if d.retypes else 0.0
    c -= 0.15 if d.aftermath else 0.0  # arrests or seizures after a clash or protest are its sequel
    return round(max(0.05, min(0.99, c)), 3)
