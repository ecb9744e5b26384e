"""Toponyms in news text, resolved to places with coordinates and a precision.

How a name is read (the rules the engine and analysts can rely on):
- Candidates come from one dict probe per capitalised token n-gram (longest first):
  countries, ISO 3166-2 subdivisions (admin1) and GeoNames cities of 500+ people.
- A following word sets the level: "Sumy region/oblast/province/governorate" -> admin1,
  "X district/raion/hromada" -> admin2 (at X's coordinates), "X city/town/village" ->
  city. A bare name prefers a city over an admin1 of the same name (bare "Sumy" in an
  attack report is the city); a country name is the country.
- Among candidates: countries mentioned in the article (by name or demonym, plus any
  given ``context_countries``) win, then places named right after in "(A, B)" or ", A"
  (ACLED's "X village (Y district, Z province)"), then population.
- False positives are kept down by capitalisation, ``data/places_stoplist.txt``, and a
  population floor for names outside the article's countries (higher for short names).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

from newsevents.extract._places_index import Index, build, norm

__all__ = ["Gazetteer", "Place", "PlaceMention"]

_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ.][^\W\d_]+)*")
_CONNECT = frozenset("de del la al el ad an ar as ash az ath bin ibn wa of and the upon sur da "
                     "do dos das di du le les los las y e en am im bei van von der den na nad "
                     "pod abu umm bani beni au aux sur les lès ka".split())
_ARTICLE = frozenset("al el ad an ar as ash az ath".split())
_LEVEL = {"region": "admin1", "oblast": "admin1", "province": "admin1", "governorate": "admin1",
          "state": "admin1", "prefecture": "admin1", "department": "admin1", "district": "admin2",
          "raion": "admin2", "rayon": "admin2", "hromada": "admin2", "county": "admin2",
          "municipality": "admin2", "lga": "admin2", "township": "admin2", "regency": "admin2",
          "commune": "admin2", "upazila": "admin2", "tehsil": "admin2", "subdistrict": "admin2",
          "subdivision": "admin2", "locality": "admin2", "payam": "admin2", "boma": "admin2",
          "nahiya": "admin2", "area": "admin2", "countryside": "admin1",
          "city": "city", "town": "city", "village": "city", "community": "city",
          "neighbourhood": "city", "neighborhood": "city", "camp": "city"}
# Capitalised words that may stand before a one-word place ("Northern Idlib"); any other
# capitalised word there (not starting a sentence) makes it part of a name ("Boko Haram").
_PRECEDE_OK = frozenset("north south east west northern southern eastern western central upper "
                        "lower greater barangay village town city mount district province "
                        "county in at near from to of and".split())
# Capitalised words that may follow a one-word place name ("Kharkiv Mayor ..."); any other
# capitalised follower makes the pair a person or organisation name ("Vladimir Putin").
_FOLLOW_OK = frozenset("mayor governor governorate regional region city police airport university "
                       "military administration council court province oblast district state provincial "
                       "municipal general central main market bus station road highway bridge "
                       "street square port airbase base camp prison hospital and of in".split())
# Lower-case words that glue a longer name together ("Choro del Mono"): a one-word place
# right before one of these and a capitalised word is the start of an unknown name.
_NAME_GLUE = frozenset("de del la da do dos das di du le les los las van von der den".split())
_MIN_POP = 5000  # a city outside the article's countries needs this many people
_MIN_POP_SHORT = 100000  # ... and this many if its name is short, an alias, or the article
#                          names other countries (a foreign place must be a notable one)


_POSSESSIVE = frozenset(("'s", "’s", "ʼs"))
_norm_word = lru_cache(maxsize=1 << 16)(norm)  # news repeats its words: fold each once
# Words right before a name that make it a place even if small ("near Opytne", "in Fier").
_CUE = re.compile(r"\b(?:in|near|at|outside|around|inside|(?:village|town|city|area|outskirts)s? of)\s$")


def _adjoins(text: str, end: int, start: int) -> bool:
    """Whether a name at ``start`` directly follows one ending at ``end``: "X, Y" or "X (Y"."""
    gap = text[end:start] if end >= 0 else "x"
    return len(gap) <= 3 and gap.strip(" ,(") == "" or gap == " of "  # "X district of Y"


@dataclass(frozen=True)
class Place:
    """A resolved place. ``country`` is ISO 3166-1 alpha-3; precision city|admin2|admin1|country."""

    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonames_id: int | None
    precision: str
    admin1_key: str | None = None  # GeoNames admin1 code ("UA.21"): compares divisions by identity


@dataclass(frozen=True)
class PlaceMention:
    """A toponym's character span in the text and the place it was resolved to."""

    start: int
    end: int
    text: str
    place: Place


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    dy = (a[0] - b[0]) * 111.2
    dx = (a[1] - b[1]) * 111.2 * math.cos(math.radians((a[0] + b[0]) / 2))
    return math.hypot(dx, dy)


class Gazetteer:
    """Name lookup over countries, admin1 subdivisions and cities; see the module doc."""

    def __init__(self, index: Index) -> None:
        self.ix = index

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> Gazetteer:
        """The shared gazetteer: from the disk cache when current, else built (and cached)."""
        from newsevents.extract._places_cache import load_or_build

        return cls(load_or_build(build))

    # -- candidates --------------------------------------------------------------
    def _city(self, j: int, precision: str = "city") -> Place:
        ix = self.ix
        return Place(ix.name[j], ix.iso3[j], ix.a1name.get(ix.a1key[j]), ix.lat[j], ix.lon[j],
                     ix.gid[j], precision, ix.a1key[j])

    def _admin(self, code: str) -> Place:
        name, iso3, lat, lon = self.ix.admin[code]
        return Place(name, iso3, name, lat, lon, None, "admin1", self.ix.admin_a1.get(code))

    def _country(self, iso3: str) -> Place:
        return Place(self.ix.country_name.get(iso3, iso3), iso3, None, None, None, None, "country")

    def _candidates(self, key: str, level: str | None, ctx: Collection[str],
                    hints: list[tuple[str | None, float | None, float | None, str | None]],
                    cue: bool = False, after_place: bool = False, confirmed: bool = False,
                    regions: Collection[str] = (),
                    ) -> list[tuple[float, Place, str | None]]:
        """Scored candidates, best first, each with its GeoNames admin1 key ("UA.21").

        ``cue``: the name follows "in", "near", "village of"... so even a small place
        counts when the article names no country. ``after_place``: the name follows
        another place ("Monterrey, Nuevo Leon"), so a division of that name wins.
        ``confirmed``: a model tagged the name as a place, so the cue holds even when
        the article names countries. ``regions``: admin1 codes where the article's actors
        operate; a village there wins over its namesakes, a village elsewhere in the same
        country is dropped (better no place than the wrong Lozove).
        """
        region_cc = {r.split(".", 1)[0] for r in regions}
        ix, out = self.ix, []
        # "X village", "X district": the word says it is a place, whatever the article's countries
        cue = (cue and (confirmed or not ctx) or level in ("city", "admin2")) and key not in ix.common and len(key) >= 4
        if key in ix.countries and level != "city":
            out.append((20.0, self._country(ix.countries[key]), None))
        short = len(key) <= 4
        hint_cc = {h[0] for h in hints}
        hint_xy = [(h[1], h[2]) for h in hints if h[1] is not None]
        hint_a1 = {h[3] for h in hints}
        found = ix.cities.get(key, ())
        unique = len(found) == 1 and len(key) >= 6 and key not in ix.common
        for e in found[:40]:
            j = e // 2
            cc, pop = ix.iso3[j], ix.pop[j]
            alias, a1 = e & 1, ix.a1key[j]
            score = math.log10(pop + 10) - 1.5 * alias + 2 * ((key, j) in ix.preferred)
            near = any(_km((ix.lat[j], ix.lon[j]), xy) < 120 for xy in hint_xy)
            in_region = a1 in regions
            if regions and not in_region and pop < _MIN_POP and a1.split(".", 1)[0] in region_cc:
                continue
            hinted = near or cc in hint_cc or a1 in hint_a1 or in_region
            if cc in ctx:
                score += 4
            elif not (hinted or unique or cue and (not alias or len(key) >= 6)) and \
                    pop < (_MIN_POP_SHORT if short or alias or ctx or key in ix.common else _MIN_POP):
                continue  # outside the article's countries only notable places count
            score += 2 * (cc in hint_cc) + 3 * near + 3 * (a1 in hint_a1) + 3 * in_region
            prec = "admin2" if level == "admin2" else "city"
            if level == "admin1":
                score -= 1
            out.append((score, self._city(j, prec), a1))
        for code in ix.admins.get(key, ()):
            p = self._admin(code)
            score = 3.0 + 4 * (p.country in ctx) + 2 * (p.country in hint_cc)
            score += 8 if level == "admin1" else 6 if after_place else 0
            if level == "city" or (level is None and short and p.country not in ctx):
                continue
            out.append((score, p, ix.admin_a1.get(code)))
        for name, cc, a1, lat, lon in ix.admin2.get(key, ())[:20]:
            if not (cc in ctx or cc in hint_cc or a1 in hint_a1 or level == "admin2" or cue or a1 in regions):
                continue  # a bare district name elsewhere is too weak a reading
            score = 2.0 + 4 * (cc in ctx) + 2 * (cc in hint_cc) + 4 * (a1 in hint_a1) + 3 * (a1 in regions)
            score += 4 if level == "admin2" else 2 if after_place else 0
            out.append((score, Place(name, cc, ix.a1name.get(a1), lat, lon, None, "admin2", a1), a1))
        out.sort(key=lambda t: -t[0])
        return out

    # -- text --------------------------------------------------------------------
    @staticmethod
    def _tokens(text: str) -> tuple[list[tuple[int, int, str]], list[str]]:
        """Word tokens (a possessive "'s" cut off) and their matching keys, read once per text."""
        toks = [(m.start(), m.end() - 2, m.group()[:-2]) if m.group()[-2:] in _POSSESSIVE and m.end() - m.start() > 4
                else (m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
        return toks, [_norm_word(t[2]) for t in toks]

    def _spans(self, text: str, tokens: tuple[list[tuple[int, int, str]], list[str]] | None = None,
               ) -> list[tuple[int, int, str, str | None, int]]:
        """Raw matches: (start, end, key, level word, index of first token after)."""
        ix = self.ix
        toks, keys = tokens or self._tokens(text)
        out, i, n = [], 0, len(toks)
        while i < n:
            w = toks[i][2]
            if not (w[0].isupper() or (keys[i] in _ARTICLE and i + 1 < n and toks[i + 1][2][0].isupper())):
                i += 1
                continue
            best = None
            parts = [keys[i]]
            for j in range(i + 1, min(i + ix.maxlen, n) + 1):
                last = toks[j - 1][2]
                key = " ".join(parts)
                if last[0].isupper() and not (j - i == 1 and (key in ix.stop or (w.isupper() and len(w) <= 3 and key not in ix.countries))):
                    if key in ix.cities or key in ix.admins or key in ix.countries or key in ix.admin2:
                        best = (j, key)
                if j >= n or text[toks[j - 1][1]:toks[j][0]] not in (" ", "-"):
                    break
                if not toks[j][2][0].isupper() and keys[j] not in _CONNECT:
                    break
                parts.append(keys[j])
            if best is None:
                i += 1
                continue
            j, key = best
            level = None
            spaced = j < n and text[toks[j - 1][1]:toks[j][0]] == " "
            if spaced and keys[j] in _LEVEL:
                level, j = _LEVEL[keys[j]], j + 1
            elif j == i + 1 and key not in ix.countries and j < n and not self._city_district(key, text, toks, j) and (
                    (spaced or text[toks[j - 1][1]:toks[j][0]] == "-")
                    and (toks[j][2][0].isupper() and keys[j] not in _FOLLOW_OK
                         and not self._starts_place(keys, j)
                         or keys[j] in _NAME_GLUE and j + 1 < n and toks[j + 1][2][0].isupper())):
                i = j  # "Vladimir Putin", "Donald Trump": a name, not a place
                continue
            if ((j == i + 1 or keys[i] in _ARTICLE) and i > 0
                    and text[toks[i - 1][1]:toks[i][0]] in (" ", "-")
                    and toks[i - 1][2][0].isupper() and keys[i - 1] not in _PRECEDE_OK
                    and key not in ix.countries
                    and text[:toks[i - 1][0]].rstrip()[-1:] not in ("", ".", "!", "?", '"', "“")):
                i = j  # "Boko Haram", "Dhandari Kalan": the end of a longer, unknown name
                continue
            out.append((toks[i][0], toks[j - 1][1], key, level, j))
            i = j
        return out

    def _city_district(self, key: str, text: str, toks: list[tuple[int, int, str]], j: int) -> bool:
        """"Mogadishu-Daynile", "Kabul-Jalalabad": a big city hyphenated to a district or a road's
        other end is the city, not the first name of a person."""
        if text[toks[j - 1][1]:toks[j][0]] != "-":
            return False
        c = self.ix.cities.get(key)
        return bool(c) and not c[0] & 1 and self.ix.pop[c[0] // 2] >= 500_000

    def _starts_place(self, keys: list[str], j: int) -> bool:
        """Whether a place name (one to three words) starts at token ``j``."""
        ix = self.ix
        for m in (1, 2, 3):
            k = " ".join(keys[j:j + m])
            if k in ix.countries or k in ix.admins or (k in ix.cities and k not in ix.stop):
                return True
        return False

    def find(self, text: str, context_countries: Collection[str] = (),
             entities: Collection[tuple[int, int, bool]] = (), regions: Collection[str] = ()) -> list[PlaceMention]:
        """All toponyms in ``text``, resolved with the article's context, ordered by start.

        ``entities`` (optional, from a statistical model, see :mod:`newsevents.extract.ner`):
        ``(start, end, is_place)`` spans; a name that is a place entity counts even when
        small; a name inside another entity (a person, an organisation) or only the first
        words of a longer place entity ("Nelson" of "Nelson Mandela Bay") is not this place.
        ``regions``: GeoNames admin1 codes where the article's actors operate; among
        same-named places those inside them win, and count even when small.
        """
        ix = self.ix
        tokens = self._tokens(text)
        spans = self._spans(text, tokens)
        ctx = set(context_countries) | set(self.countries_in(text, tokens))
        for _, _, key, _, _ in spans:  # unambiguous admin1 names and big cities add context
            codes = ix.admins.get(key, ())
            if len(codes) == 1 and len(key) > 4:
                ctx.add(ix.admin[codes[0]][1])
            c = ix.cities.get(key)
            if c and ix.pop[c[0] // 2] >= 1_000_000 and not c[0] & 1:
                ctx.add(ix.iso3[c[0] // 2])
        out, prev_end = [], -10
        for k, (s, e, key, level, _) in enumerate(spans):
            after_place = _adjoins(text, prev_end, s)
            prev_end = e
            hints = []
            for s2, e2, key2, level2, _ in spans[k + 1:k + 4]:
                if not _adjoins(text, e, s2):
                    break
                for _, p, a1 in self._candidates(key2, level2, ctx, [], after_place=True)[:5]:
                    hints.append((p.country, p.lat, p.lon, a1))
                e = e2  # allow chaining "X (Y, Z)"
            cue = level == "city" or _CUE.search(text, max(0, s - 14), s) is not None
            tagged = next(((is_place, text[spans[k][1]:b]) for a, b, is_place in entities
                           if a <= s and spans[k][1] <= b), None)
            if tagged is not None and (not tagged[0] or tagged[1][1:2].isupper()):
                continue  # a person, an organisation, or the start of a longer place name
            tagged = tagged is not None
            cands = self._candidates(key, level, ctx, hints, cue=cue or tagged, after_place=after_place,
                                     confirmed=tagged, regions=regions)
            if cands:
                out.append(PlaceMention(s, spans[k][1], text[s:spans[k][1]], cands[0][1]))
        return out

    def resolve(self, name: str, context_countries: Collection[str] = ()) -> Place | None:
        """The best place for a bare name ("Kiev", "Sumy Oblast"), or None."""
        spans = self._spans(name)
        if len(spans) == 1 and spans[0][1] - spans[0][0] >= len(name.strip()) - 1:
            c = self._candidates(spans[0][2], spans[0][3], set(context_countries), [])
            return c[0][1] if c else None
        c = self._candidates(norm(name), None, set(context_countries), [])
        return c[0][1] if c else None

    def countries_in(self, text: str, tokens: tuple[list[tuple[int, int, str]], list[str]] | None = None) -> list[str]:
        """ISO3 codes of countries named or referred to by demonym, most mentioned first."""
        ix, seen = self.ix, Counter()
        toks, keys = tokens or self._tokens(text)
        countries, demonyms = ix.countries, ix.demonyms
        i, n = 0, len(toks)
        while i < n:
            if not toks[i][2][0].isupper():
                i += 1
                continue
            for m in (4, 3, 2, 1):
                if i + m > n:
                    continue
                key = " ".join(keys[i:i + m]) if m > 1 else keys[i]
                a3 = countries.get(key) or demonyms.get(key)
                if a3:
                    seen[a3] += 1
                    i += m - 1
                    break
            i += 1
        return [a3 for a3, _ in seen.most_common()]
