"""Actor mentions: who is named in a sentence, with canonical name, ISO3 country and type.

Sources are the data files ``countries.csv`` and ``actors.yaml`` plus pycountry names.
A mention is one of: a named person (titles such as "US President" absorbed), a named
organisation, a country, a metonym for a government ("Kyiv", "the Kremlin"), or a sector
noun optionally qualified by a country ("Russian forces", "Ukrainian officials").
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from newsevents.extract.phrases import PhraseIndex, Token

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Entry:
    """What a dictionary phrase denotes."""

    kind: str            # person | org | country | demonym | metonym | agent
    canonical: str
    country: str | None
    type: str
    regions: tuple[str, ...] = ()  # GeoNames admin1 codes where the actor operates ("UA.05")


@dataclass
class ActorMention:
    """An actor found in the text, with its span in the article."""

    start: int
    end: int
    name: str
    canonical: str
    country: str | None
    type: str
    kind: str
    regions: tuple[str, ...] = ()  # where the actor operates: a prior for same-named places

    def as_dict(self) -> dict[str, str | None]:
        """The contract's actor shape."""
        return {"name": self.name, "canonical": self.canonical, "country": self.country, "type": self.type}


@dataclass(frozen=True)
class Dictionaries:
    proper: PhraseIndex[Entry]
    agents: PhraseIndex[Entry]
    title_re: re.Pattern[str]
    country_names: dict[str, str]


_LOCATIVE = frozenset("in at near from to of outside into across around toward towards".split())
_PLURAL_DEMONYM_TYPE = "CVL"


@lru_cache(maxsize=1)
def dictionaries() -> Dictionaries:
    """Load and index all actor data once per process."""
    import pycountry

    proper: PhraseIndex[Entry] = PhraseIndex(fold=False)
    agents: PhraseIndex[Entry] = PhraseIndex(fold=True)
    names: dict[str, str] = {}
    for c in pycountry.countries:
        common = getattr(c, "common_name", None) or c.name
        names[c.alpha_3] = common
        for n in {c.name, common}:
            if "," not in n and "(" not in n:
                proper.add(n, Entry("country", common, c.alpha_3, "GOV"))
    with open(DATA_DIR / "countries.csv", encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        for row in rows:
            iso3 = row["iso3"]
            alts = [a for a in row["names"].split("|") if a]
            canonical = alts[0] if alts else names.get(iso3, iso3)
            names[iso3] = canonical
            for a in alts:
                proper.add(a, Entry("country", canonical, iso3, "GOV"))
            for a in filter(None, (row.get("demonyms") or "").split("|")):
                proper.add(a, Entry("demonym", canonical, iso3, _PLURAL_DEMONYM_TYPE))
            for a in filter(None, (row.get("metonyms") or "").split("|")):
                proper.add(a, Entry("metonym", f"{canonical} government", iso3, "GOV"))
    with open(DATA_DIR / "actors.yaml", encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    for p in data.get("people", []):
        for n in p["names"]:
            proper.add(n, Entry("person", p["canonical"], p.get("country"), p["type"]))
    for o in data.get("organisations", []):
        for n in o["names"]:
            proper.add(n, Entry("org", o["canonical"], o.get("country"), o["type"], tuple(o.get("regions") or ())))
    for atype, words in (data.get("agents") or {}).items():
        for w in words:
            agents.add(w, Entry("agent", w.lower(), None, atype))
    titles = sorted(data.get("titles", []), key=len, reverse=True)
    title_re = re.compile(
        r"(?:\b([A-Z][\w.'-]*)\s+)?(?:\b(?:%s)\s+){1,2}$" % "|".join(re.escape(t) for t in titles)
    )
    return Dictionaries(proper, agents, title_re, names)


def find_actors(text: str, tokens: list[Token]) -> list[ActorMention]:
    """Every actor mention in ``text`` (the article), in order, non-overlapping."""
    d = dictionaries()
    out: list[ActorMention] = []
    proper = d.proper.find(text, tokens)
    agents = d.agents.find(text, tokens)
    agent_at = {h.start: h for h in agents}
    proper_at = {h.start: h for h in proper}
    used_agents: set[int] = set()
    for h in proper:
        e = h.payload
        start, end, country, atype, canonical = h.start, h.end, e.country, e.type, e.canonical
        if e.kind == "person":
            m = d.title_re.search(text, max(0, start - 60), start)
            if m:
                start = m.start()
                qual = m.group(1)
                if qual:
                    q = d.proper.find(qual, [Token(0, len(qual), qual)])
                    if not q or q[0].payload.kind not in ("country", "demonym"):
                        start = m.start() + len(m.group(0)) - len(m.group(0).lstrip(qual).lstrip())
        elif e.kind == "org" and e.type == "GOV":
            # "GNA forces", "GNA police": a government's armed forces are the military or police
            nxt = _next_agent(text, end, agent_at)
            if nxt is not None and nxt.payload.type in ("MIL", "COP"):
                used_agents.add(nxt.start)
                atype = nxt.payload.type
                end = nxt.end
        elif e.kind in ("country", "demonym", "metonym"):
            nxt = _next_agent(text, end, agent_at)
            word = text[start:end]
            adjective = (e.kind == "demonym" and not word.endswith("s")) or (e.kind == "country" and word.isupper())
            shared = _shared_agent(text, end, proper_at, agent_at) if nxt is None and adjective else None
            if shared is not None:
                # "Russian and Ukrainian delegations": the first country shares the noun
                atype = shared.payload.type
                canonical = f"{d.country_names.get(country or '', canonical)} {_LABEL.get(atype, shared.payload.canonical)}"
            elif nxt is not None:
                used_agents.add(nxt.start)
                atype = nxt.payload.type
                end = nxt.end
                canonical = f"{d.country_names.get(country or '', canonical)} {_LABEL.get(atype, nxt.payload.canonical)}"
            elif e.kind == "metonym" and (_preceded_by_locative(text, start) or not _acts(text, end)):
                continue  # "in Kyiv", "(Tripoli)": a place, not the government
            elif e.kind == "demonym" and not text[start:end].endswith("s"):
                continue  # a bare adjective ("Russian territory") names no actor
            elif e.kind == "country" and _preceded_by_locative(text, start):
                continue  # "in Ukraine" is a place, not an actor
        out.append(ActorMention(start, end, text[start:end], canonical, country, atype, e.kind, e.regions))
    for h in agents:
        if h.start in used_agents:
            continue
        atype = h.payload.type
        if atype in _SERVING and _FORMER.search(text, max(0, h.start - 30), h.start):
            atype = "CVL"  # "a former military commander", "a retired police officer": no longer armed
        out.append(ActorMention(h.start, h.end, h.text, h.payload.canonical, None, atype, "agent"))
    return _attach_members(text, _drop_nested(out))


_MEMBERS_OF = re.compile(r"\s+of\s+(?:the\s+)?")


def _attach_members(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """A head noun of unknown type ("members") is whoever it belongs to: "militia members"
    and "members of the police" are the militia and the police, spans joined; alone
    ("members protested") it stays an actor of unknown type."""
    out: list[ActorMention] = []
    i = 0
    while i < len(mentions):
        a = mentions[i]
        if a.kind == "agent" and a.type == "UNK":
            prev = out[-1] if out else None
            nxt = mentions[i + 1] if i + 1 < len(mentions) else None
            if prev is not None and text[prev.end:a.start] == " " and prev.type != "UNK":
                out[-1] = ActorMention(prev.start, a.end, text[prev.start:a.end], prev.canonical, prev.country,
                                       prev.type, prev.kind, prev.regions)
                i += 1
                continue
            m = _MEMBERS_OF.match(text, a.end)
            if nxt is not None and m is not None and m.end() == nxt.start:
                out.append(ActorMention(a.start, nxt.end, text[a.start:nxt.end], nxt.canonical, nxt.country,
                                        nxt.type, nxt.kind, nxt.regions))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


_SERVING = frozenset({"MIL", "COP", "REB"})
_FORMER = re.compile(r"\b(?:former|retired|ex-|demobili[sz]ed|defected)\s*(?:[\w-]+\s+){0,2}$", re.I)


def _drop_nested(mentions: list[ActorMention]) -> list[ActorMention]:
    """Keep the longest mention where spans overlap ("US President Donald Trump" wins)."""
    mentions.sort(key=lambda a: (a.start, -(a.end - a.start)))
    kept: list[ActorMention] = []
    for a in mentions:
        if kept and a.start < kept[-1].end:
            continue
        kept.append(a)
    return kept


#: Words allowed between a country word and its sector noun ("Russian-backed rebel forces").
_GAP = re.compile(
    r"[\s-]*(?:(?:pro-\w+|\w+-(?:backed|led|affiliated|aligned|supported)|armed|special|elite|government|"
    r"regime|rebel|opposition|federal|state|local|border|national|naval|ground|allied|separatist|militia|"
    r"army|police|riot|security|military|navy|defence|defense|foreign|interior|top|senior|negotiating|peace)\s+){0,2}"
)
_LABEL = {"MIL": "military", "GOV": "government", "COP": "police", "CVL": "civilians", "PRO": "protesters",
          "MED": "media", "REB": "rebels", "CRM": "criminals", "JUD": "judiciary", "REF": "refugees"}


def _next_agent(text: str, end: int, agent_at: dict[int, object]):
    """The sector noun that a country word qualifies ("Russian [armed] forces"), if any."""
    m = _GAP.match(text, end)
    if not m:
        return None
    pos = m.start()
    # try every word boundary inside the gap, nearest first
    for cand in range(pos, m.end() + 1):
        if cand in agent_at and (cand == pos or text[cand - 1] in " -"):
            return agent_at[cand]
    return None


_COORD = re.compile(r"\s*(?:,\s*|\s+and\s+|\s*&\s*)")


def _shared_agent(text: str, end: int, proper_at: dict[int, object], agent_at: dict[int, object]):
    """The sector noun a coordinated country word shares: "US and Russian negotiators"."""
    m = _COORD.match(text, end)
    if not m:
        return None
    other = proper_at.get(m.end())
    if other is None or other.payload.kind not in ("country", "demonym"):  # type: ignore[attr-defined]
        return None
    return _next_agent(text, other.end, agent_at)  # type: ignore[attr-defined]


_ACTS = re.compile(r"(?:'s\s+[a-z]|\s+(?:has|have|had|is|was|will|would|could|did|does|also|said|says|called|accused|"
                   r"rejected|denied|warned|urged|demanded|announced|responded|claimed|insisted|agreed|refused|"
                   r"[a-z]+ed\b|[a-z]+s\b))")


def _acts(text: str, end: int) -> bool:
    """A metonym names a government only as a subject: "Kyiv called", "Moscow's envoy"."""
    return bool(_ACTS.match(text, end))


def _preceded_by_locative(text: str, start: int) -> bool:
    """True for "in Kyiv", "near Moscow": the word is a place there, not an actor."""
    before = text[max(0, start - 12):start].split()
    if before and before[-1].lower() == "the" and len(before) > 1:
        before = before[:-1]
    return bool(before) and before[-1].lower() in _LOCATIVE
