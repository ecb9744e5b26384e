"""Pairwise precision/recall of merging on the labelled article groups.

Why pairwise: a clustering is right when every two mentions of one happening share a
cluster (recall) and no two mentions of different happenings do (precision); counting
pairs weighs big clusters more, as a user counting phantom duplicates would.

Two modes, reported separately so extraction misses are not blamed on clustering:

* ``oracle``: mentions built from the gold labels (what a perfect extractor would emit);
  measures clustering alone.
* ``extractor``: articles go through near-duplicate detection, then the real
  :func:`newsevents.extract.extract_events`. Extracted events are matched one-to-one to
  gold events of the same article and type (best agreement on date, country, death toll,
  distance); unmatched ones are counted as extras, unmatched gold events as extraction
  misses, and P/R is measured on the matched mentions only.

Run: ``python -m newsevents.dedup.evaluate [--oracle] [PATH]``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from newsevents.dedup.clustering import cluster_mentions
from newsevents.dedup.config import DedupConfig, load_config
from newsevents.dedup.near_duplicates import find_near_duplicates
from newsevents.dedup.features import prepare
from newsevents.dedup.scoring import explain, haversine_km

DEFAULT_GROUPS = Path(__file__).resolve().parents[2] / "tests" / "dedup" / "data" / "groups.jsonl"


@dataclass
class EvalReport:
    """What the evaluation measured; ``str()`` gives a readable summary."""

    mode: str
    precision: float
    recall: float
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int
    mentions: int
    gold_events: int
    matched_gold_events: int
    extra_mentions: int
    near_dup_found: dict[str, str] = field(default_factory=dict)
    near_dup_expected: dict[str, str] = field(default_factory=dict)
    missed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # wrongly split / merged pairs, with why

    def __str__(self) -> str:
        return (f"[{self.mode}] pairwise precision {self.precision:.3f} recall {self.recall:.3f} "
                f"({self.correct_pairs} correct / {self.predicted_pairs} predicted / {self.true_pairs} true pairs; "
                f"{self.mentions} mentions)\n"
                f"  extraction: {self.matched_gold_events}/{self.gold_events} gold events found, "
                f"{self.extra_mentions} extra mentions; missed: {', '.join(self.missed) or '-'}\n"
                f"  near-duplicates found {self.near_dup_found} expected {self.near_dup_expected}"
                + "".join(f"\n  {e}" for e in self.errors))


def load_groups(path: str | Path = DEFAULT_GROUPS) -> list[dict[str, Any]]:
    """The labelled articles (lines starting with a ``_comment`` key are skipped)."""
    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if "_comment" not in r]


def _flat_gold(article: Mapping[str, Any], i: int, g: Mapping[str, Any]) -> dict[str, Any]:
    loc, a1, a2 = g.get("location") or {}, g.get("actor1") or {}, g.get("actor2") or {}
    row = {"event_id": f"{article['id']}#{i}", "article_id": article["id"], "event_type": g["event_type"],
           "status": g.get("status"), "event_date": g.get("event_date"), "date_precision": "day",
           "fatalities": g.get("fatalities"), "injured": g.get("injured"), "confidence": 0.9,
           "location_name": loc.get("name"), "location_country": loc.get("country"),
           "location_admin1": loc.get("admin1"), "latitude": loc.get("lat"), "longitude": loc.get("lon"),
           "location_precision": loc.get("precision")}
    for n, actor in ((1, a1), (2, a2)):
        row.update({f"actor{n}_name": actor.get("canonical"), f"actor{n}_canonical": actor.get("canonical"),
                    f"actor{n}_country": actor.get("country"), f"actor{n}_type": actor.get("type")})
    return row


def _agreement(m: Mapping[str, Any], g: Mapping[str, Any]) -> tuple:
    """How well an extracted row fits a gold event (higher is better), for 1:1 matching."""
    loc = g.get("location") or {}
    km = 1e9
    if m.get("latitude") is not None and loc.get("lat") is not None:
        km = haversine_km(m["latitude"], m["longitude"], loc["lat"], loc["lon"])
    return (str(m.get("event_date") or "")[:10] == g.get("event_date"),
            m.get("location_country") == loc.get("country"),
            m.get("fatalities") is not None and m.get("fatalities") == g.get("fatalities"),
            -km, float(m.get("confidence") or 0.0), str(m.get("event_id")))


def match_to_gold(rows: Sequence[Mapping[str, Any]], golds: Sequence[tuple[str, Mapping[str, Any]]]
                  ) -> dict[str, str]:
    """Greedy one-to-one match of an article's extracted rows to its gold events of the same type.

    Each gold event takes at most one mention (the best fitting); other rows are extras,
    so junk extractions do not count as mentions of a real event.
    """
    options = sorted(((_agreement(m, g), m["event_id"], key) for m in rows for key, g in golds
                      if g["event_type"] == m.get("event_type")), reverse=True)
    out: dict[str, str] = {}
    for _, event_id, key in options:
        if event_id not in out and key not in out.values():
            out[event_id] = key
    return out


def _pairwise(mentions: Sequence[Mapping[str, Any]], gold: Mapping[str, str], pred: Mapping[str, str],
              config: DedupConfig) -> tuple[int, int, int, list[str]]:
    """(true, predicted, correct) pair counts and a line per wrong pair saying why."""
    true = predicted = correct = 0
    errors: list[str] = []
    views = {m["event_id"]: prepare(m, config) for m in mentions}
    for a, b in combinations(sorted(views), 2):
        same_gold, same_pred = gold[a] == gold[b], pred[a] == pred[b]
        true += same_gold
        predicted += same_pred
        correct += same_gold and same_pred
        if same_gold != same_pred:
            kind = "split" if same_gold else "merged"
            va, vb = views[a], views[b]
            errors.append(f"{kind} {va.article_id}:{va.event_type} / {vb.article_id}:{vb.event_type} "
                          f"(gold {gold[a]} / {gold[b]}): {explain(va, vb, config)}")
    return true, predicted, correct, errors


def evaluate(
    articles: Sequence[Mapping[str, Any]], config: DedupConfig | None = None,
    extract: Callable[[dict[str, Any]], list[dict[str, Any]]] | None = None,
) -> EvalReport:
    """Measure merging; ``extract=None`` uses the gold labels as a perfect extractor."""
    from newsevents.schema import flatten_event

    config = config or load_config()
    expected = {a["id"]: a["near_duplicate_of"] for a in articles if a.get("near_duplicate_of")}
    found = find_near_duplicates([(a["id"], a["text"]) for a in articles], [],
                                 config.near_dup_max_distance, config.shingle_size)
    originals = [a for a in articles if a["id"] not in found]
    gold_ids = {f"{a['id']}#{i}": g for a in originals for i, g in enumerate(a["gold"])}
    mentions: list[dict[str, Any]] = []
    gold: dict[str, str] = {}
    matched: set[str] = set()
    extras = 0
    for a in originals:
        golds = [(f"{a['id']}#{i}", g) for i, g in enumerate(a["gold"])]
        if extract is None:
            rows = [_flat_gold(a, i, g) for i, g in enumerate(a["gold"])]
        else:
            doc = {"id": a["id"], "text": a["text"], "published_at": a["published_at"], "title": a.get("title")}
            rows = [flatten_event(e) for e in extract(doc)]
        keys = {r["event_id"]: r["event_id"] for r in rows} if extract is None else match_to_gold(rows, golds)
        for row in rows:
            key = keys.get(row["event_id"])
            if key is None:
                extras += 1
                continue
            matched.add(key)
            gold[row["event_id"]] = gold_ids[key]["gold_cluster"]
            mentions.append({**row, "source": a["source"], "published_at": a["published_at"]})
    pred = cluster_mentions(mentions, config)
    true, predicted, correct, errors = _pairwise(mentions, gold, pred, config)
    return EvalReport(
        mode="oracle" if extract is None else "extractor",
        precision=correct / predicted if predicted else 1.0, recall=correct / true if true else 1.0,
        true_pairs=true, predicted_pairs=predicted, correct_pairs=correct, mentions=len(mentions),
        gold_events=len(gold_ids), matched_gold_events=len(matched), extra_mentions=extras,
        near_dup_found=found, near_dup_expected=expected,
        missed=sorted(f"{k} {g['event_type']}" for k, g in gold_ids.items() if k not in matched),
        errors=errors,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Print the oracle report and, when the extractor is importable, the extractor report."""
    args = list(sys.argv[1:] if argv is None else argv)
    oracle_only = "--oracle" in args
    paths = [a for a in args if not a.startswith("--")]
    articles = load_groups(paths[0] if paths else DEFAULT_GROUPS)
    print(evaluate(articles))
    if not oracle_only:
        try:
            from newsevents.extract import extract_events
        except ImportError as exc:
            print(f"[extractor] skipped: newsevents.extract.extract_events not importable ({exc})")
        else:
            print(evaluate(articles, extract=extract_events))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
