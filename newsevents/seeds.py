"""Seed articles: plain-text or Markdown files with optional YAML front matter.

A seed file is the simplest source there is, and the one every new user meets first,
so it must never crash the run: undecodable bytes are decoded leniently and flagged,
broken front matter rejects that one file with the line at fault, and files are read
in a stable order so runs are reproducible.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

import yaml

from newsevents.articles import IncomingArticle
from newsevents.normalize import Rejection

#: libyaml's C loader when PyYAML was built with it (it is, in the wheels): ~10x faster front matter.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SEED_SUFFIXES = (".md", ".markdown", ".txt")
FRONT_MATTER_KEYS = frozenset({"title", "url", "source", "published_at", "language", "id"})


def seed_files(directory: Path) -> list[Path]:
    """Article files below ``directory`` in a stable order (README files are documentation).

    Every entry but a folder is listed, including broken or looping links, FIFOs and
    devices (``is_file()`` is False for them): a seed that silently disappears is lost
    input, so :func:`read_seed` rejects it with the reason instead.
    """
    return [f.path for f in scan_seeds(directory, with_stats=False)]


class FileStat(NamedTuple):
    """What ``stat()`` says of a seed file; any change to the file changes at least one field."""

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int


class SeedFile(NamedTuple):
    folder: Path
    name: str
    ref: str  # the path relative to the seed folder: raw's ``source_ref``
    stat: FileStat | None  # None when it cannot be stat'ed (a broken or looping link)

    @property
    def path(self) -> Path:
        return self.folder / self.name


_INT63 = (1 << 63) - 1


def scan_seeds(directory: Path, with_stats: bool = True) -> list[SeedFile]:
    """:func:`seed_files` with each file's ref and stat, from one walk of the folder.

    The same files in the same order as ``sorted(directory.rglob("*"))`` filtered as
    :func:`seed_files` says (folders are recursed into, links to folders are not), but
    ``os.scandir`` tells folders from files without a ``stat()`` each, so 100,000 files
    are listed in a fraction of the time. Take the stats *before* reading the files: a
    change made while a file is read then shows as a different stat on the next run.
    """
    if not directory.is_dir():
        return []
    found: list[tuple[tuple[str, ...], Path, os.DirEntry]] = []  # (parts, folder, entry)
    pending: list[tuple[Path, tuple[str, ...]]] = [(directory, ())]
    while pending:
        folder, parts = pending.pop()
        try:
            with os.scandir(folder) as entries:
                listed = list(entries)
        except OSError:
            continue  # an unreadable folder yields nothing, as with rglob
        for entry in listed:
            name = entry.name
            if _is_dir(entry):
                if not entry.is_symlink():
                    pending.append((folder / name, (*parts, name)))
                continue
            dot = name.rfind(".")  # pathlib's suffix and stem
            suffix = name[dot:] if 0 < dot < len(name) - 1 else ""
            if suffix.lower() in SEED_SUFFIXES and (name[:dot] if suffix else name).lower() != "readme":
                found.append(((*parts, name), folder, entry))
    found.sort(key=lambda item: item[0])  # Path order: part by part
    return [SeedFile(folder, entry.name, "/".join(parts), _stat(entry) if with_stats else None)
            for parts, folder, entry in found]


def _is_dir(entry: os.DirEntry) -> bool:
    """Like ``Path.is_dir()``: follows links, False for a broken or looping one."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _stat(entry: os.DirEntry) -> FileStat | None:
    try:
        st = entry.stat()  # follows links, as read_seed reads them
    except OSError:
        return None
    # Inode numbers can use all 64 bits (overlayfs); the warehouse keeps a signed 64-bit one.
    return FileStat(st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino & _INT63)


_UTF16_BOMS = ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def decode(data: bytes) -> tuple[str, str | None]:
    """UTF-8 (BOM or not) when valid; UTF-16 when marked or evident; else Windows-1252, then Latin-1.

    Anything but UTF-8 is flagged, nothing is lost. UTF-16 must be recognised before the
    UTF-8 attempt: ASCII text in UTF-16 without a BOM is valid UTF-8 full of NULs, which
    would otherwise be rejected as binary.
    """
    for bom, codec in _UTF16_BOMS:
        if data.startswith(bom) and not data.startswith(b"\xff\xfe\x00\x00"):
            try:
                return data[len(bom):].decode(codec), f"decoded_as:{codec}"
            except UnicodeDecodeError:
                break
    codec = _bomless_utf16(data)
    if codec:
        try:
            return data.decode(codec), f"decoded_as:{codec}"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "decoded_as:cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "decoded_as:latin-1"


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM shows as NULs in every other byte (Latin/Cyrillic text); else None."""
    sample = data[:4096]
    if len(sample) < 16 or len(sample) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd >= 0.4 * half and even <= 0.02 * half:
        return "utf-16-le"
    if even >= 0.4 * half and odd <= 0.02 * half:
        return "utf-16-be"
    return None


def split_front_matter(text: str) -> tuple[dict, str]:
    """Separate ``---`` YAML front matter from the body; raise ValueError naming the problem."""
    if not text.startswith("---"):
        return {}, text
    end = text.find("\n---", 3)
    if end < 0:
        raise ValueError("front matter opened with '---' but never closed")
    try:
        meta = yaml.load(text[3:end], Loader=_YAML_LOADER) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark else ""
        raise ValueError(f"front matter is not valid YAML{where}") from exc
    if not isinstance(meta, dict):
        raise ValueError("front matter must be a mapping of key: value lines")
    rest = text[end + 4:]
    newline = rest.find("\n")
    return meta, "" if newline < 0 else rest[newline + 1:]


def seed_ref(path: Path, root: Path) -> str:
    """The file's ``source_ref``: its path relative to the seed folder."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def read_seed(path: Path, root: Path) -> IncomingArticle | Rejection:
    """One seed file as an incoming article, or a rejection saying why."""
    ref = seed_ref(path, root)
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # follows links; never open a FIFO (it blocks)
            return Rejection("seeds", ref, "unreadable: not a regular file", b"")
        data = path.read_bytes()
    except OSError as exc:  # broken or looping link, permissions, I/O error
        return Rejection("seeds", ref, f"unreadable: {exc.strerror or exc}", b"")
    text, flag = decode(data)
    try:
        meta, body = split_front_matter(text)
    except ValueError as exc:
        return Rejection("seeds", ref, f"bad_front_matter: {exc}", data)
    unknown = sorted(set(meta) - FRONT_MATTER_KEYS)
    flags = [flag] if flag else []
    flags += [f"unknown_front_matter_key:{k}" for k in unknown]
    published = meta.get("published_at")
    return IncomingArticle(
        source=str(meta.get("source") or "seeds"),
        source_ref=ref,
        text=body,
        title=_str_or_none(meta.get("title")),
        url=_str_or_none(meta.get("url")),
        published_at=published.isoformat() if hasattr(published, "isoformat") else _str_or_none(published),
        language=_str_or_none(meta.get("language")),
        external_id=_str_or_none(meta.get("id")) or f"seed:{ref}",
        flags=flags,
    )


def read_seed_list(paths: Sequence[Path], root: Path) -> list[IncomingArticle | Rejection]:
    """:func:`read_seed` of each path, in order."""
    return [read_seed(path, root) for path in paths]


def read_seeds(directory: Path) -> Iterator[IncomingArticle | Rejection]:
    """Every seed file in ``directory``, in order."""
    for path in seed_files(directory):
        yield read_seed(path, directory)


def _str_or_none(value: object) -> str | None:
    return None if value is None else str(value)
