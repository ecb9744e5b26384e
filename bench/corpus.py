"""Benchmark corpora: N distinct, realistic articles as seed files.

Real sentences come from ``../shared/corpora`` when present (the 2025 full-text news
articles and the ACLED notes), otherwise from a small built-in pool. Each article is a
different random draw of ~30 sentences (≈600 words), so articles are distinct (near-
duplicate detection does not swallow them) yet read like news. Deterministic per seed.
"""

from __future__ import annotations

import csv
import random
import re
import sys
from datetime import datetime, timedelta
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpora"
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_FALLBACK = (
    "On Saturday, a Russian drone struck a passenger bus in the Sumy region, killing at least nine civilians.",
    "Police fired tear gas to disperse hundreds of protesters in Nairobi on Tuesday, and 12 people were arrested.",
    "Unidentified gunmen shot dead two men in a village near Kano, police said on Monday.",
    "The foreign ministers met in Geneva to discuss a ceasefire, but the talks ended without agreement.",
    "Government forces regained control of the town after clashes with rebels that killed 14 fighters.",
    "The central bank raised interest rates for the third time this year, citing persistent inflation.",
    "Farmers marched to the district office in Lahore to demand compensation for damaged crops.",
    "An improvised explosive device exploded near a market in Mogadishu, wounding five people.",
    "The president rejected calls for early elections and accused the opposition of stoking unrest.",
    "Officials said the two sides agreed to exchange 200 prisoners of war next week.",
)


def sentence_pool() -> tuple[list[str], str]:
    """Sentences from the shared corpora if present, else the built-in pool; and which it was."""
    sentences: list[str] = []
    articles = SHARED / "articles" / "news_2025_full_text.csv"
    gold = SHARED / "gold" / "acled_2020_05_global.csv"
    csv.field_size_limit(sys.maxsize)
    if articles.is_file():
        with articles.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                sentences += [s.strip() for s in _SPLIT.split(row.get("text") or "") if 40 < len(s) < 400]
    if gold.is_file():
        with gold.open(newline="", encoding="utf-8") as handle:
            sentences += [row["notes"].strip() for row in csv.DictReader(handle) if 40 < len(row.get("notes") or "") < 600]
    if sentences:
        return sentences, "shared corpora (news_2025_full_text.csv + ACLED notes)"
    return list(_FALLBACK), "built-in sentences"


#: Publication times step 37 minutes from 1 May 2025 and wrap around after 540 days, so every
#: article of any size is dated in the past: the articles suite quarantines an article dated in
#: the future, and without the wrap 78% of a 100,000-article corpus was (never published).
_SPAN_MINUTES = 540 * 24 * 60


def write_corpus(directory: Path, n: int, seed: int = 7, start: int = 0, words: int = 600) -> str:
    """Write articles ``start`` .. ``start+n-1`` as seed files; return the corpus description."""
    pool, origin = sentence_pool()
    rng = random.Random(seed * 1_000_003 + start)
    directory.mkdir(parents=True, exist_ok=True)
    base = datetime(2025, 5, 1)
    for i in range(start, start + n):
        body: list[str] = []
        count = 0
        while count < words:
            sentence = rng.choice(pool)
            body.append(sentence)
            count += sentence.count(" ") + 1
        published = base + timedelta(minutes=37 * i % _SPAN_MINUTES)
        (directory / f"a{i:06d}.md").write_text(
            f"---\ntitle: Benchmark article {i}\nurl: https://bench.example/{i}\n"
            f"source: outlet-{i % 17}\npublished_at: {published:%Y-%m-%dT%H:%M:%SZ}\n---\n"
            + " ".join(body) + "\n", encoding="utf-8")
    return origin
