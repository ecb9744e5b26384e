"""Robustness runs over ../shared corpora (skipped cleanly when ../shared is absent).

* every feedparser fixture parses without raising and yields entries or a specific error;
* every real web page goes through full-text extraction without raising, and the share
  of evaldata.json's "with" snippets kept / "without" snippets dropped is reported.
"""

from __future__ import annotations

import collections
import json
from pathlib import Path

import pytest

from newsevents.feeds.config import FeedConfig
from newsevents.feeds.fulltext import extract_main_text
from newsevents.feeds.parse import parse_feed
from newsevents.settings import PROJECT_ROOT

SHARED = PROJECT_ROOT.parent / "shared" / "corpora"
FEEDS_DIR = SHARED / "feeds"
HTML_DIR = SHARED / "html"
SPECIFIC_ERRORS = {"no_entries", "not_a_feed", "empty_body"}
FEED = FeedConfig(name="corpus", url="http://example.org/feed.xml")

pytestmark = pytest.mark.shared


@pytest.mark.skipif(not FEEDS_DIR.is_dir(), reason="../shared/corpora/feeds not present")
def test_every_feedparser_fixture_parses_or_records_a_specific_error():
    files = sorted(FEEDS_DIR.rglob("*.xml"))
    assert len(files) >= 2000
    outcomes: collections.Counter[str] = collections.Counter()
    bad = []
    for path in files:
        parsed = parse_feed(path.read_bytes(), {}, FEED)
        outcome = "entries" if parsed.articles else parsed.error_class
        outcomes[str(outcome)] += 1
        if outcome != "entries" and outcome not in SPECIFIC_ERRORS:
            bad.append((path.name, parsed.error))
        for article in parsed.articles:
            assert isinstance(article.text, str) and article.external_id
    print(f"\nfeed corpus: {len(files)} files -> {dict(outcomes)}")
    assert bad == []


@pytest.mark.skipif(not (HTML_DIR / "pages").is_dir(), reason="../shared/corpora/html not present")
def test_fulltext_extraction_over_real_pages():
    texts = {p.name: extract_main_text(p.read_bytes()) for p in sorted((HTML_DIR / "pages").iterdir())}
    assert texts and sum(t is not None for t in texts.values()) >= 0.95 * len(texts)
    evaldata = json.loads((HTML_DIR / "evaldata.json").read_text(encoding="utf-8"))
    kept = with_total = dropped = without_total = 0
    for case in evaldata.values():
        if case["file"] not in texts:
            continue
        text = texts[case["file"]] or ""
        with_total += len(case.get("with", []))
        kept += sum(snippet in text for snippet in case.get("with", []))
        without_total += len(case.get("without", []))
        dropped += sum(snippet not in text for snippet in case.get("without", []))
    print(f"\nfull text: {len(texts)} pages; 'with' kept {kept}/{with_total} "
          f"({kept / with_total:.1%}); 'without' dropped {dropped}/{without_total} "
          f"({dropped / without_total:.1%})")
    assert kept >= 0.85 * with_total and dropped >= 0.85 * without_total
