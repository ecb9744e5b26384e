"""Dedup settings: one validated, immutable object loaded from ``dedup.yaml``.

Why strict: a misspelt threshold that silently falls back to a default changes which
events merge without anyone noticing. So every key is known, typed and range-checked,
and any problem raises :class:`~newsevents.errors.ConfigError` naming the file, the
key and the fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from newsevents.errors import ConfigError
from newsevents.schema import LOCATION_PRECISIONS, PLOVER_TYPES

DEFAULT_CONFIG_PATH = Path(__file__).with_name("dedup.yaml")
_WEIGHT_KEYS = ("type", "actors", "location", "date", "counts")
_NUMBER = (int, float)

# key -> expected type, per section (nested sections are dicts handled separately).
_SCHEMA: dict[str, dict[str, Any]] = {
    "near_duplicates": {"shingle_size": int, "max_distance": int},
    "blocking": {"date_window_days": int, "grid_degrees": _NUMBER},
    "scoring": {
        "threshold": _NUMBER, "weights": dict, "unknown_score": _NUMBER,
        "same_family_type_score": _NUMBER, "actor_same_country_score": _NUMBER,
        "min_actor_score": _NUMBER, "location_same_admin1_score": _NUMBER,
        "location_country_only_score": _NUMBER, "require_same_country": bool,
        "max_km": dict, "counts": dict,
    },
    "counts": {
        "rise_score": _NUMBER, "small_drop_score": _NUMBER, "drop_abs_tolerance": int,
        "drop_rel_tolerance": _NUMBER, "veto_on_conflict": bool,
    },
}


@dataclass(frozen=True)
class TypeFamily:
    """Event types that may describe one happening, and whether actor order matters."""

    name: str
    types: tuple[str, ...]
    symmetric: bool


@dataclass(frozen=True)
class DedupConfig:
    """All dedup settings; build with :func:`load_config`, vary with ``dataclasses.replace``."""

    shingle_size: int
    near_dup_max_distance: int
    date_window_days: int
    grid_degrees: float
    threshold: float
    weights: dict[str, float]
    unknown_score: float
    same_family_type_score: float
    actor_same_country_score: float
    min_actor_score: float
    location_same_admin1_score: float
    location_country_only_score: float
    require_same_country: bool
    max_km: dict[str, float]
    counts: dict[str, Any]
    families: dict[str, TypeFamily]  # event type -> its family

    def family(self, event_type: str | None) -> TypeFamily:
        """The family of a type; unlisted types form a directed family of their own."""
        key = event_type or "UNKNOWN"
        return self.families.get(key) or TypeFamily(key, (key,), False)


def _fail(path: Path, key: str, problem: str, fix: str) -> ConfigError:
    return ConfigError(f"{path}: key '{key}' {problem}", hint=fix)


def _check_section(path: Path, name: str, data: Any, schema: dict[str, Any]) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise _fail(path, name, "must be a mapping", f"write '{name}:' followed by indented keys")
    for key in data:
        if key not in schema:
            raise _fail(path, f"{name}.{key}", "is not a known setting",
                        f"remove it or use one of: {', '.join(sorted(schema))}")
    for key, typ in schema.items():
        if key not in data:
            raise _fail(path, f"{name}.{key}", "is missing", f"add '{key}:' under '{name}:'")
        value = data[key]
        if isinstance(value, bool) and typ is not bool or not isinstance(value, typ):
            raise _fail(path, f"{name}.{key}", f"has the wrong type ({type(value).__name__})",
                        f"give a {getattr(typ, '__name__', 'number')}")
        if isinstance(value, _NUMBER) and not isinstance(value, bool) and value < 0:
            raise _fail(path, f"{name}.{key}", "must not be negative", "use a value >= 0")
    return data


def _families(path: Path, data: Any) -> dict[str, TypeFamily]:
    if not isinstance(data, dict):
        raise _fail(path, "type_families", "must be a mapping", "map family names to {types, symmetric}")
    out: dict[str, TypeFamily] = {}
    for name, spec in data.items():
        where = f"type_families.{name}"
        spec = _check_section(path, where, spec, {"types": list, "symmetric": bool})
        for t in spec["types"]:
            if t not in PLOVER_TYPES:
                raise _fail(path, where + ".types", f"names unknown type {t!r}",
                            f"use PLOVER types: {', '.join(PLOVER_TYPES)}")
            if t in out:
                raise _fail(path, where + ".types", f"repeats {t} (already in {out[t].name})",
                            "list each type in one family only")
        fam = TypeFamily(str(name), tuple(spec["types"]), spec["symmetric"])
        out.update({t: fam for t in fam.types})
    return out


def load_config(path: str | Path | None = None) -> DedupConfig:
    """Read and validate the dedup settings (default: the packaged ``dedup.yaml``)."""
    path = Path(path) if path else DEFAULT_CONFIG_PATH
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read dedup settings ({exc.strerror})",
                          hint="check the path or copy newsevents/dedup/dedup.yaml") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML ({exc})", hint="fix the YAML syntax") from exc
    top = {"near_duplicates": dict, "blocking": dict, "scoring": dict, "type_families": dict}
    raw = _check_section(path, "(top level)", raw, top)
    nd = _check_section(path, "near_duplicates", raw["near_duplicates"], _SCHEMA["near_duplicates"])
    bl = _check_section(path, "blocking", raw["blocking"], _SCHEMA["blocking"])
    sc = _check_section(path, "scoring", raw["scoring"], _SCHEMA["scoring"])
    weights = _check_section(path, "scoring.weights", sc["weights"], dict.fromkeys(_WEIGHT_KEYS, _NUMBER))
    total = float(sum(weights.values()))
    if total <= 0:
        raise _fail(path, "scoring.weights", "sum to zero", "give at least one positive weight")
    max_km = _check_section(path, "scoring.max_km", sc["max_km"], dict.fromkeys(LOCATION_PRECISIONS, _NUMBER))
    counts = _check_section(path, "scoring.counts", sc["counts"], _SCHEMA["counts"])
    if not 0 < sc["threshold"] <= 1:
        raise _fail(path, "scoring.threshold", "must be in (0, 1]", "use e.g. 0.7")
    if not 0 < nd["max_distance"] < 32 or nd["shingle_size"] < 1:
        raise _fail(path, "near_duplicates.max_distance", "must be 1..31 (shingle_size >= 1)",
                    "use e.g. max_distance: 3, shingle_size: 3")
    if bl["grid_degrees"] <= 0:
        raise _fail(path, "blocking.grid_degrees", "must be positive", "use e.g. 1.0")
    return DedupConfig(
        shingle_size=nd["shingle_size"], near_dup_max_distance=nd["max_distance"],
        date_window_days=bl["date_window_days"], grid_degrees=float(bl["grid_degrees"]),
        threshold=float(sc["threshold"]),
        weights={k: float(v) / total for k, v in weights.items()},
        unknown_score=float(sc["unknown_score"]),
        same_family_type_score=float(sc["same_family_type_score"]),
        actor_same_country_score=float(sc["actor_same_country_score"]),
        min_actor_score=float(sc["min_actor_score"]),
        location_same_admin1_score=float(sc["location_same_admin1_score"]),
        location_country_only_score=float(sc["location_country_only_score"]),
        require_same_country=sc["require_same_country"],
        max_km={k: float(v) for k, v in max_km.items()}, counts=dict(counts),
        families=_families(path, raw["type_families"]),
    )
