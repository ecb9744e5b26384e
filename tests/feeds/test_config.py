"""feeds.yaml validation: strict, with messages naming file, entry, key and fix."""

from __future__ import annotations

import pytest

from newsevents.errors import ConfigError
from newsevents.feeds.config import feed_from_url, load_feeds
from newsevents.settings import FEEDS_FILE


def write(tmp_path, text):
    path = tmp_path / "feeds.yaml"
    path.write_text(text)
    return path


def test_repository_feeds_file_is_valid_and_offline_by_default():
    assert load_feeds(FEEDS_FILE) == []
    listed = load_feeds(FEEDS_FILE, include_disabled=True)
    assert listed and all(not f.enabled for f in listed)


def test_defaults_and_per_feed_values(tmp_path):
    path = write(tmp_path, "defaults: {fulltext: true}\nfeeds:\n"
                           "  - {name: a, url: 'https://a.example/rss', tags: [x]}\n"
                           "  - {name: b, url: 'http://b.example/atom', fulltext: false, enabled: false}\n")
    a, = load_feeds(path)
    assert a.fulltext and a.tags == ("x",) and a.enabled
    assert [f.name for f in load_feeds(path, include_disabled=True)] == ["a", "b"]


@pytest.mark.parametrize(("text", "words"), [
    ("feeds:\n  - {name: a, url: 'https://a.example/', fulltxt: true}\n", ["feeds[0] (a)", "fulltxt", "allowed keys"]),
    ("feeds:\n  - {name: a, url: 'file:///etc/passwd'}\n", ["feeds[0] (a)", "url", "http"]),
    ("feeds:\n  - {name: a, url: 'https://a.example/', enabled: 'no'}\n", ["enabled", "true or false"]),
    ("feeds:\n  - {url: 'https://a.example/'}\n", ["feeds[0]", "name"]),
    ("feeds:\n  - {name: a, url: 'https://a.example/', tags: x}\n", ["tags", "list"]),
    ("feeds:\n  - {name: a, url: 'https://a.example/'}\n  - {name: b, url: 'https://a.example/'}\n", ["already used"]),
    ("feed: []\n", ["unknown key", "feed"]),
    ("feeds: [\n", ["not valid YAML"]),
])
def test_bad_config_names_file_entry_and_key(tmp_path, text, words):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as err:
        load_feeds(path)
    message = str(err.value)
    assert str(path) in message and err.value.hint
    for word in words:
        assert word in message


def test_missing_file_means_no_feeds(tmp_path):
    assert load_feeds(tmp_path / "absent.yaml") == []


def test_feed_from_url():
    assert feed_from_url("https://x.example/rss").name == "x.example"
    with pytest.raises(ConfigError):
        feed_from_url("javascript:alert(1)")
