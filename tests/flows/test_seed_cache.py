"""Unchanged seed files are recognised by their stat and not read again; any change is read again."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import tasks.ingest
from flows.pipeline import pipeline
from warehouse_reads import query

ONE = ("---\nurl: https://x.example/one\npublished_at: 2025-05-18\n---\n"
       "A Russian drone struck a bus in the Sumy region on Saturday, killing nine civilians, officials said.\n")
TWO = ("---\nurl: https://x.example/two\npublished_at: 2025-05-18\n---\n"
       "Police arrested twelve protesters in Minsk on Sunday after a march, officials said.\n")


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The seed files read (by ref) during the test."""
    seen: list[str] = []
    real = tasks.ingest.read_seed

    def counting(path, root):
        item = real(path, root)
        seen.append(item.source_ref)
        return item

    monkeypatch.setattr(tasks.ingest, "read_seed", counting)
    return seen


def run(seeds: Path, db: Path, tmp_path: Path) -> dict:
    return pipeline(seeds_dir=str(seeds), use_feed_config=False, db=str(db), reports_dir=str(tmp_path / "r"))


def count(db: Path, sql: str) -> int:
    return query(db, sql)[0][0]


def test_unchanged_files_are_not_read_again_and_changed_ones_are(db_path, tmp_path, reads):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "one.md").write_text(ONE)
    (seeds / "two.md").write_text(TWO)
    (seeds / "empty.md").write_text("  \n")
    first = run(seeds, db_path, tmp_path)
    assert first["articles_new"] == 2 and first["articles_rejected"] == 1
    assert sorted(reads) == ["empty.md", "one.md", "two.md"]

    reads.clear()
    idle = run(seeds, db_path, tmp_path)
    assert reads == [], "nothing was changed, nothing is read"
    assert idle["status"] == "nothing_new"
    assert (idle["articles_seen"], idle["articles_skipped"], idle["articles_rejected"]) == (3, 3, 0)

    # Same size, same modification time, different words: the change time still differs.
    path = seeds / "one.md"
    before = os.stat(path)
    path.write_text(ONE.replace("nine", "many"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(path).st_size == before.st_size
    changed = run(seeds, db_path, tmp_path)
    assert reads == ["one.md"]
    assert changed["articles_new"] == 1 and changed["articles_skipped"] == 2
    assert count(db_path, "select count(*) from raw.articles") == 3


def test_a_touched_file_is_read_once_more_and_then_remembered(db_path, tmp_path, reads):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "one.md").write_text(ONE)
    run(seeds, db_path, tmp_path)
    os.utime(seeds / "one.md")  # a new modification time, the same content
    reads.clear()
    touched = run(seeds, db_path, tmp_path)
    assert reads == ["one.md"] and touched["status"] == "nothing_new" and touched["articles_skipped"] == 1
    reads.clear()
    run(seeds, db_path, tmp_path)
    assert reads == []
    assert count(db_path, "select count(*) from raw.articles") == 1


def test_the_same_file_under_another_seed_folder_is_another_input(db_path, tmp_path, reads):
    first, second = tmp_path / "s1", tmp_path / "s2"
    (first / "sub").mkdir(parents=True)
    (first / "sub" / "one.md").write_text(ONE)
    run(first, db_path, tmp_path)
    os.rename(first / "sub", second)  # same inode and times, another folder and ref
    reads.clear()
    moved = run(second, db_path, tmp_path)
    assert reads == ["one.md"], "a file seen under another folder is read"
    assert moved["status"] == "nothing_new" and moved["articles_skipped"] == 1
