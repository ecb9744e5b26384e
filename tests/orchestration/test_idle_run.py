"""`newsevents run` with nothing to do answers without Prefect, and records the run as the flow would."""

from __future__ import annotations

import argparse
import json
import subprocess
from pathlib import Path

import duckdb
import pytest
from orchestration_helpers import PYTHON, child_env, write_seeds

from newsevents.commands._idle import idle_run

_PROBE = ("import sys; from newsevents.cli import main; sys.argv = ['newsevents'] + sys.argv[1:]; code = main(); "
          "print('prefect imported:', 'prefect' in sys.modules, file=sys.stderr); sys.exit(code)")


def _run(tmp_path: Path, seeds: Path) -> tuple[dict, bool]:
    """One CLI run in a child process: its JSON summary and whether it imported Prefect."""
    env = child_env(PREFECT_HOME=str(tmp_path / "prefect-home"))
    env.pop("PREFECT_API_URL", None)
    done = subprocess.run([PYTHON, "-c", _PROBE, "run", "--seeds", str(seeds), "--db", str(tmp_path / "w.duckdb"),
                           "--no-feed-config", "--reports", str(tmp_path / "reports"), "--json"],
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout), "prefect imported: True" in done.stderr


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> tuple[Path, Path]:
    """A warehouse holding two seed files (one real flow run), and the seed folder."""
    tmp = tmp_path_factory.mktemp("idle")
    seeds = tmp / "seeds"
    write_seeds(seeds, 2)
    summary, prefect = _run(tmp, seeds)
    assert summary["status"] == "published" and prefect
    return tmp, seeds


def _args(tmp: Path, folder: Path, **changes) -> argparse.Namespace:
    values = {"db": str(tmp / "w.duckdb"), "seeds": str(folder), "feed": [], "no_feed_config": True}
    return argparse.Namespace(**{**values, **changes})


def test_nothing_new_is_recorded_without_starting_prefect(warehouse, monkeypatch) -> None:
    tmp, seeds = warehouse
    summary, prefect = _run(tmp, seeds)
    assert summary["status"] == "nothing_new" and not prefect
    assert summary["articles_seen"] == summary["articles_skipped"] == 2
    with duckdb.connect(str(tmp / "w.duckdb"), read_only=True) as con:
        last = con.execute("select status, articles_seen, articles_skipped, finished_at is not null, flow "
                           "from ops.runs order by started_at desc limit 1").fetchone()
    assert last == ("nothing_new", 2, 2, True, "pipeline")


def test_a_changed_seed_file_goes_through_the_flow(warehouse) -> None:
    tmp, seeds = warehouse
    path = sorted(seeds.glob("*.md"))[0]
    path.write_text(path.read_text() + "\nA later paragraph: talks resumed in Geneva on Monday.\n")
    assert idle_run(_args(tmp, seeds)) is None
    summary, prefect = _run(tmp, seeds)
    assert summary["status"] != "nothing_new" and prefect
    assert summary["articles_new"] == 1


def test_what_the_flow_must_answer_is_left_to_it(warehouse, monkeypatch) -> None:
    tmp, seeds = warehouse
    assert idle_run(_args(tmp, seeds, feed=["http://127.0.0.1:9/feed.xml"])) is None  # a feed to poll
    assert idle_run(_args(tmp, seeds, db=str(tmp / "missing.duckdb"))) is None  # no warehouse yet
    assert idle_run(_args(tmp, tmp / "no-such-folder")) is None  # the flow explains
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")  # a real server shows every run
    assert idle_run(_args(tmp, seeds)) is None
    monkeypatch.delenv("PREFECT_API_URL")
    assert idle_run(_args(tmp, seeds)).status == "nothing_new"
