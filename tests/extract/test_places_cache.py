"""The gazetteer's disk cache: built once, then loaded; a broken cache is rebuilt, never fatal."""

from __future__ import annotations

from array import array

from newsevents.extract._places_cache import cache_key, load_or_build
from newsevents.extract._places_index import Index


def test_index_is_built_once_then_loaded_from_disk(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSEVENTS_CACHE", str(tmp_path))
    builds: list[int] = []

    def build() -> Index:
        builds.append(1)
        return Index(name=["Sumy"], lat=array("d", [50.9]), lon=array("d", [34.8]), iso3=["UKR"], a1key=["UA.21"],
                     pop=array("q", [263_000]), gid=array("q", [692194]), cities={"sumy": (0,)},
                     preferred={("sumy", 0)}, stop=frozenset({"may"}))

    first = load_or_build(build)
    second = load_or_build(build)
    assert builds == [1]
    assert second == first and second.preferred == {("sumy", 0)} and second.stop == frozenset({"may"})
    assert isinstance(second.lat, array) and second.gid.typecode == "q", "numeric columns come back as arrays"

    (tmp_path / f"gazetteer-{cache_key()}.marshal").write_bytes(b"garbage")
    assert load_or_build(build) == first and builds == [1, 1]


def test_unwritable_cache_is_ignored(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("NEWSEVENTS_CACHE", str(blocker / "cache"))
    assert load_or_build(lambda: Index(name=["Kyiv"])).name == ["Kyiv"]
