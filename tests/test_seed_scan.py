"""Listing the seed folder: scan_seeds finds exactly the files the rglob definition does, in its order."""

from __future__ import annotations

import os
from pathlib import Path

from newsevents.seeds import SEED_SUFFIXES, scan_seeds, seed_files, seed_ref


def reference(directory: Path) -> list[Path]:
    """The definition: every non-folder entry below ``directory`` with a seed suffix, README excluded."""
    return sorted(p for p in directory.rglob("*")
                  if p.suffix.lower() in SEED_SUFFIXES and p.stem.lower() != "readme" and not p.is_dir())


def tricky_tree(root: Path) -> None:
    (root / "a" / "b").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "linked-dir-target").mkdir()
    for name in ("z.md", "a.md", "a-b.md", "B.TXT", "c.markdown", "README.md", "readme.txt", ".md", "..md",
                 "x.tar.md", "notes.rst", "trailing.", "a/one.md", "a/b/two.txt", "a/README.MD", ".hidden/h.md",
                 "linked-dir-target/t.md"):
        (root / name).write_text("x")
    (root / "a" / "b" / "dir.md").mkdir()  # a folder with a seed suffix is not a file
    os.symlink(root / "linked-dir-target", root / "link-to-dir")  # not recursed into (rglob does not either)
    os.symlink(root / "linked-dir-target", root / "link-to-dir.md")  # a link to a folder is a folder
    os.symlink(root / "nowhere.md", root / "broken.md")
    os.symlink(root / "loop.md", root / "loop.md")
    os.symlink(root / "a.md", root / "alias.md")
    os.mkfifo(root / "fifo.md")


def test_scan_lists_what_rglob_lists_in_the_same_order(tmp_path):
    tricky_tree(tmp_path)
    scanned = scan_seeds(tmp_path)
    assert [f.path for f in scanned] == reference(tmp_path) == seed_files(tmp_path)
    assert [f.ref for f in scanned] == [seed_ref(p, tmp_path) for p in reference(tmp_path)]


def test_scan_stats_follow_links_and_are_none_when_there_is_no_target(tmp_path):
    tricky_tree(tmp_path)
    stats = {f.ref: f.stat for f in scan_seeds(tmp_path)}
    assert stats["broken.md"] is None and stats["loop.md"] is None
    assert stats["alias.md"] == stats["a.md"] and stats["a.md"].size == 1
    assert stats["a/b/two.txt"].inode == os.stat(tmp_path / "a" / "b" / "two.txt").st_ino


def test_scan_of_a_missing_folder_or_a_relative_one(tmp_path, monkeypatch):
    assert scan_seeds(tmp_path / "nope") == []
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "one.md").write_text("x")
    monkeypatch.chdir(tmp_path / "s")
    assert [f.path for f in scan_seeds(Path("."))] == reference(Path(".")) == [Path("one.md")]
