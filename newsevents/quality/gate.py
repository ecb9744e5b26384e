"""The publishing gate: validate the staged batch with Great Expectations and decide.

Decision rule (documented in README "Data quality"):

* a failed **critical row-level** expectation (one GX can point at rows: ``column_values_*``)
  quarantines exactly the failing rows, identified by the suite's ``key_column``;
* a failed **critical batch-level** expectation (row counts, proportions, volume) cannot
  be blamed on single rows, so it quarantines the whole batch;
* ``warning``/``info`` failures are recorded and reported but never block.

Rows are never dropped: quarantined rows keep every failure reason, valid rows publish.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsevents.errors import ConfigError
from newsevents.quality.suites import SuiteFile

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger(__name__)
EXAMPLES_KEPT = 10


@dataclass
class ExpectationOutcome:
    """One expectation's result, flattened for the warehouse's validation history."""

    suite: str
    dataset: str
    expectation_id: str
    expectation_type: str
    column: str | None
    severity: str
    success: bool
    observed_value: str | None
    unexpected_count: int | None
    unexpected_examples: list[Any]
    failing_keys: list[str] | None  # None: a batch-level expectation

    @property
    def label(self) -> str:
        return f"{self.suite}:{self.expectation_type}" + (f"({self.column})" if self.column else "")

    @property
    def blocking(self) -> bool:
        return self.severity == "critical" and not self.success


@dataclass
class GateResult:
    """All outcomes of one batch, and what they mean for publishing."""

    outcomes: list[ExpectationOutcome] = field(default_factory=list)

    @property
    def dq_outcome(self) -> str:
        if any(o.blocking for o in self.outcomes):
            return "failed"
        return "warning" if any(not o.success for o in self.outcomes) else "passed"

    def batch_failures(self) -> list[str]:
        """Labels of critical batch-level failures: any one blocks the whole batch."""
        return [o.label for o in self.outcomes if o.blocking and o.failing_keys is None]

    def row_reasons(self, dataset: str) -> dict[str, list[str]]:
        """Failing row key → labels of the critical expectations it failed."""
        reasons: dict[str, list[str]] = {}
        for o in self.outcomes:
            if o.blocking and o.dataset == dataset and o.failing_keys is not None:
                for key in o.failing_keys:
                    reasons.setdefault(key, []).append(o.label)
        return reasons


def expectation_id(suite: str, config: dict[str, Any]) -> str:
    """Stable id of a suite file's entry (GX's ids are random per load), so history can follow
    one check over time and anyone can recompute it from the file."""
    payload = json.dumps([suite, config["type"], config["kwargs"]], sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()[:12]


def validate(frames: dict[str, pd.DataFrame], suites: list[SuiteFile], run_name: str,
             docs_dir: Path | None = None) -> GateResult:
    """Validate each DataFrame with the suites for its dataset; build Data Docs if asked."""
    validator = Validator(suites, docs_dir)
    result = validator.validate(frames, run_name)
    validator.build_docs()
    return result


class Validator:
    """One Great Expectations context for a whole run: suites and checkpoints are set up once,
    each batch is validated with them, and Data Docs are built once, at the end, for every
    batch validated (:meth:`build_docs`).

    A run of 100,000 articles validates 20 batches; building a context, its checkpoints and
    the Data Docs site for each of them cost more than the validations themselves.
    """

    def __init__(self, suites: list[SuiteFile], docs_dir: Path | None = None) -> None:
        self.suites, self.docs_dir = suites, docs_dir
        self._gx: Any = None
        self._context: Any = None
        self._checkpoints: dict[str, Any] = {}
        self._validated = False

    def validate(self, frames: dict[str, pd.DataFrame], run_name: str) -> GateResult:
        """Run every suite on the DataFrame of its dataset (datasets without a frame are skipped)."""
        self._start()
        result = GateResult()
        for suite_file in self.suites:
            frame = frames.get(suite_file.dataset)
            if frame is None:
                continue
            result.outcomes.extend(self._run_suite(suite_file, frame, run_name))
        self._validated = True
        return result

    def prepare(self) -> None:
        """Import Great Expectations and set up the context and every checkpoint now (≈3 s), e.g.
        while waiting for other work, rather than at the first :meth:`validate`."""
        self._start()
        for suite_file in self.suites:
            for name, part, result_format in _passes(suite_file):
                if part:
                    self._checkpoint(suite_file, name, part, result_format)

    def build_docs(self) -> None:
        """Write the Data Docs site for every batch validated so far (a no-op without ``docs_dir``)."""
        if self.docs_dir is not None and self._validated:
            self._context.build_data_docs()

    def _start(self) -> None:
        if self._context is not None:
            return
        import great_expectations as gx  # lazy: ≈2.5 s, paid only when there is a batch

        _quiet_gx()
        from great_expectations.data_context.types.base import ProgressBarsConfig

        context = gx.get_context(mode="ephemeral")
        context.variables.progress_bars = ProgressBarsConfig(globally=False)
        if self.docs_dir is not None:
            _add_docs_site(context, self.docs_dir)
        self._source = context.data_sources.add_pandas("newsevents")
        self._gx, self._context = gx, context

    def _run_suite(self, suite_file: SuiteFile, frame: pd.DataFrame, run_name: str) -> list[ExpectationOutcome]:
        """Validate one suite file in two GX passes: critical row-level checks, then the rest.

        Only the first pass asks GX for COMPLETE results (every failing row's key, needed to
        quarantine exactly those rows). Complete results make GX copy and serialise every
        unexpected row; for a proportion or a warning over 100k rows that cost dominated
        validation, and nobody reads those lists, so the second pass asks for BASIC results.
        """
        outcomes: list[ExpectationOutcome] = []
        for name, part, result_format in _passes(suite_file):
            if part:
                checkpoint = self._checkpoint(suite_file, name, part, result_format)
                outcomes += _run_checkpoint(checkpoint, suite_file, frame, run_name)
        return outcomes

    def _checkpoint(self, suite_file: SuiteFile, name: str, part: list[tuple[int, dict[str, Any]]],
                    result_format: dict[str, Any]) -> Any:
        """The checkpoint for one pass of one suite file, created on first use."""
        if name not in self._checkpoints:
            self._checkpoints[name] = _add_checkpoint(self._gx, self._context, self._source, suite_file, name,
                                                      part, result_format)
        return self._checkpoints[name]


def _passes(suite_file: SuiteFile) -> tuple[tuple[str, list[tuple[int, dict[str, Any]]], dict[str, Any]], ...]:
    """(checkpoint name, entries, result format) of the suite file's two passes (see ``_run_suite``)."""
    entries = list(enumerate(suite_file.expectations))
    row_level = [(i, c) for i, c in entries if _needs_failing_rows(suite_file, c)]
    others = [(i, c) for i, c in entries if not _needs_failing_rows(suite_file, c)]
    return ((suite_file.name, row_level, {"result_format": "COMPLETE",
                                          "unexpected_index_column_names": [suite_file.key_column]}),
            (f"{suite_file.name}.aggregate", others, {"result_format": "BASIC"}))


def _needs_failing_rows(suite_file: SuiteFile, config: dict[str, Any]) -> bool:
    """Critical, row-level (no ``mostly``), in a suite whose rows have a key: rows get quarantined."""
    return bool(suite_file.key_column) and config["severity"] == "critical" and "mostly" not in config["kwargs"]


def _add_checkpoint(gx: Any, context: Any, source: Any, suite_file: SuiteFile, name: str,
                    part: list[tuple[int, dict[str, Any]]], result_format: dict[str, Any]) -> Any:
    from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

    suite = gx.ExpectationSuite(name=name)
    for index, config in part:
        tagged = {**config, "meta": {**config["meta"], "newsevents_id": expectation_id(suite_file.name, config)}}
        try:
            suite.add_expectation(ExpectationConfiguration(**tagged).to_domain_obj())
        except Exception as exc:  # GX raises many types for a bad expectation; name the entry
            raise ConfigError(f"{suite_file.path}: expectations[{index}] ({config['type']}): {exc}",
                              hint="check the expectation type and its kwargs against GX Core 1.x") from exc
    suite = context.suites.add(suite)
    batch_def = source.add_dataframe_asset(name).add_batch_definition_whole_dataframe("batch")
    definition = context.validation_definitions.add(
        gx.ValidationDefinition(name=f"{name}_validation", data=batch_def, suite=suite))
    # No UpdateDataDocsAction: the docs are built once per run (Validator.build_docs).
    return context.checkpoints.add(gx.Checkpoint(
        name=f"{name}_checkpoint", validation_definitions=[definition], actions=[],
        result_format=result_format))


def _run_checkpoint(checkpoint: Any, suite_file: SuiteFile, frame: pd.DataFrame,
                    run_name: str) -> list[ExpectationOutcome]:
    from great_expectations.core.run_identifier import RunIdentifier

    run = checkpoint.run(batch_parameters={"dataframe": frame}, run_id=RunIdentifier(run_name=run_name))
    return [_outcome(suite_file, res) for validation in run.run_results.values() for res in validation.results]


def _outcome(suite_file: SuiteFile, res: Any) -> ExpectationOutcome:
    config = res.expectation_config
    detail = res.result or {}
    keys = None  # batch-level unless GX can point at the failing rows by key
    # ``mostly`` < 1 makes a column check a proportion: no single row is to blame.
    if suite_file.key_column and "unexpected_index_list" in detail and "mostly" not in config.kwargs:
        keys = sorted({str(row.get(suite_file.key_column)) for row in detail["unexpected_index_list"]
                       if isinstance(row, dict)})
    observed = detail.get("observed_value")
    severity = getattr(config.severity, "value", config.severity) or "critical"
    return ExpectationOutcome(
        suite=suite_file.name,
        dataset=suite_file.dataset,
        expectation_id=str((config.meta or {}).get("newsevents_id")),
        expectation_type=config.type,
        column=config.kwargs.get("column") or config.kwargs.get("column_A"),
        severity=str(severity).lower(),
        success=bool(res.success),
        observed_value=None if observed is None else json.dumps(observed, default=str)[:500],
        unexpected_count=detail.get("unexpected_count"),
        unexpected_examples=[_plain(v) for v in (detail.get("partial_unexpected_list") or [])[:EXAMPLES_KEPT]],
        failing_keys=keys,
    )


def _plain(value: Any) -> Any:
    """JSON-safe example values (numpy scalars, NaN, timestamps)."""
    try:
        if value != value:  # NaN
            return None
    except Exception:
        pass
    return value if isinstance(value, (str, int, float, bool, type(None))) else str(value)


def _add_docs_site(context: Any, docs_dir: Path) -> None:
    docs_dir.mkdir(parents=True, exist_ok=True)
    context.add_data_docs_site(site_name="newsevents", site_config={
        "class_name": "SiteBuilder",
        "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir) + "/"},
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    })


def _quiet_gx() -> None:
    """GX prints progress bars and usage-statistics chatter; runs should log only outcomes."""
    import os

    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
