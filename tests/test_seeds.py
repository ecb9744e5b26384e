from pathlib import Path

from newsevents.articles import IncomingArticle
from newsevents.normalize import Rejection
from newsevents.seeds import read_seeds, seed_files


def test_shipped_seed_has_front_matter_and_body(seed_dir):
    (article,) = list(read_seeds(seed_dir))
    assert isinstance(article, IncomingArticle)
    assert article.published_at == "2025-05-18T09:30:00+00:00"
    assert article.url.startswith("https://example.org/")
    assert article.text.lstrip().startswith("US President Donald Trump said on Saturday")
    assert "Sumy region" in article.text and "---" not in article.text


def test_plain_text_without_front_matter(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Protesters gathered in Minsk on Sunday.")
    (tmp_path / "README.md").write_text("not an article")
    (item,) = list(read_seeds(tmp_path))
    assert item.text == "Protesters gathered in Minsk on Sunday." and item.published_at is None
    assert seed_files(tmp_path) == [tmp_path / "a.txt"]


def test_undecodable_bytes_are_decoded_leniently_and_flagged(tmp_path: Path):
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 bombed in Kramatorsk".encode("latin-1"))
    (item,) = list(read_seeds(tmp_path))
    assert item.text == "Café bombed in Kramatorsk" and item.flags == ["decoded_as:cp1252"]


def test_broken_front_matter_rejects_that_file_with_the_line(tmp_path: Path):
    (tmp_path / "bad.md").write_text("---\ntitle: ok\nurl: [unclosed\n---\nbody")
    (item,) = list(read_seeds(tmp_path))
    assert isinstance(item, Rejection) and "line" in item.reason and item.source_ref == "bad.md"


def test_unknown_front_matter_keys_are_flagged_not_fatal(tmp_path: Path):
    (tmp_path / "x.md").write_text("---\ntitle: T\nauthor: someone\n---\nText here.")
    (item,) = list(read_seeds(tmp_path))
    assert item.title == "T" and item.flags == ["unknown_front_matter_key:author"]
