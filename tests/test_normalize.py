from datetime import datetime

import pytest

from newsevents.articles import IncomingArticle
from newsevents.normalize import (NormalizedArticle, Rejection, canonical_url, html_to_text, normalize,
                                  normalize_text)

NOW = datetime(2025, 5, 18, 12, 0)


def art(text="Russian forces shelled the city of Kharkiv on Sunday, officials said.", **kw):
    return IncomingArticle(source=kw.pop("source", "wire"), source_ref=kw.pop("source_ref", "x"), text=text, **kw)


@pytest.mark.parametrize("url, expected", [
    ("HTTPS://Example.ORG:443/a/b/?utm_source=rss&b=2&a=1#top", "https://example.org/a/b?a=1&b=2"),
    ("http://example.org:8080//x//y", "http://example.org:8080/x/y"),
    ("https://example.org", "https://example.org/"),
    (None, None),
    ("  ", None),
    ("mailto:desk@example.org", "mailto:desk@example.org"),
])
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected


def test_text_is_nfc_and_whitespace_is_collapsed():
    assert normalize_text("Cafe\u0301  in\u00a0Kyiv\r\n\r\n\r\nNext\tpara\x00") == "Café in Kyiv\n\nNext para"


def test_html_is_removed_without_a_parser():
    assert normalize_text("<p>Nine killed</p><script>alert(1)</script><div>in &amp; near Sumy</div>") == \
        "Nine killed\n\nin & near Sumy"
    bomb = "<div>" * 100_000 + "text" + "</div>" * 100_000
    assert html_to_text(bomb).strip() == "text"


def test_same_url_same_id_across_sources_and_tracking_params():
    a = normalize(art(url="https://example.org/story?utm_source=a", source="feed-a"), NOW)
    b = normalize(art(url="https://EXAMPLE.org/story", source="feed-b"), NOW)
    assert isinstance(a, NormalizedArticle) and isinstance(b, NormalizedArticle)
    assert a.article_id == b.article_id and a.content_hash == b.content_hash


def test_changed_text_is_a_new_version_of_the_same_article():
    a = normalize(art(url="https://example.org/s"), NOW)
    b = normalize(art("Updated: nine people were killed.", url="https://example.org/s"), NOW)
    assert a.article_id == b.article_id and a.content_hash != b.content_hash


def test_missing_and_bad_dates_fall_back_and_are_marked():
    missing = normalize(art(), NOW)
    bad = normalize(art(published_at="next Tuesday-ish"), NOW)
    good = normalize(art(published_at="Sat, 17 May 2025 10:00:00 +0200"), NOW)
    assert (missing.published_at, missing.published_at_is_fallback) == (NOW, True)
    assert bad.published_at_is_fallback and any(f.startswith("published_at_unreadable") for f in bad.flags)
    assert (good.published_at, good.published_at_is_fallback) == (datetime(2025, 5, 17, 8, 0), False)


@pytest.mark.parametrize("text, reason", [
    ("", "empty_text"), (" \n\t ", "empty_text"), ("<p> </p>", "empty_text"),
    ("\x00\x01\x02\x03" * 1000, "binary_content"), ("word " * 200_000, "too_large"),
])
def test_unusable_inputs_are_rejected_with_a_reason(text, reason):
    result = normalize(art(text), NOW)
    assert isinstance(result, Rejection) and result.reason.startswith(reason)
    assert result.content == text.encode()


def test_language_is_detected_when_not_given():
    assert normalize(art(), NOW).language == "en"
    assert normalize(art("Les forces russes ont bombardé la ville et les habitants sont partis pour le sud."),
                     NOW).language == "fr"
    assert normalize(art(language="EN"), NOW).language == "en"
