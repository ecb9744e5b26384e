"""prefect.yaml is checked like code: entrypoints import, parameters fit, schedules and triggers parse.

A deployment whose parameter was renamed in the flow would only fail when its schedule
fires or its event arrives; this test makes it fail here instead. It validates with
the same models ``prefect deploy`` uses, so what passes here is what deploys.
"""

from __future__ import annotations

import inspect
import re
import types
import typing
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
EVENT_TEMPLATE = re.compile(r"^\{\{\s*event\.(payload\.[a-z_]+|resource\.id|id|occurred)\s*\}\}$")


def deployments() -> list[dict[str, Any]]:
    return yaml.safe_load((REPO / "prefect.yaml").read_text())["deployments"]


def load_flow(entrypoint: str):
    from prefect.flows import load_flow_from_entrypoint

    path, _, name = entrypoint.partition(":")
    assert (REPO / path).is_file(), f"{entrypoint}: no such file"
    return load_flow_from_entrypoint(str(REPO / path) + ":" + name)


def fits(value: Any, annotation: Any) -> bool:
    """Does a YAML value fit a parameter annotation (str | None, list[str], int, bool, …)?"""
    if annotation is inspect.Parameter.empty or annotation is Any:
        return True
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return any(fits(value, a) for a in typing.get_args(annotation))
    if annotation is type(None):
        return value is None
    if origin in (list, tuple, set):
        return isinstance(value, list)
    if origin is dict:
        return isinstance(value, dict)
    if annotation is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if annotation is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, annotation)


def check_parameters(flow, parameters: dict[str, Any], where: str) -> None:
    hints = typing.get_type_hints(flow.fn)
    signature = inspect.signature(flow.fn)
    for name, value in parameters.items():
        assert name in signature.parameters, f"{where}: {flow.name} has no parameter {name!r}"
        if isinstance(value, str) and EVENT_TEMPLATE.match(value):
            # rendered from the event at run time: must be a str-accepting parameter
            assert fits("x", hints.get(name, inspect.Parameter.empty)), f"{where}: {name} cannot take a string"
            continue
        assert fits(value, hints.get(name, inspect.Parameter.empty)), \
            f"{where}: {name}={value!r} does not fit {hints.get(name)}"


def test_file_parses_as_prefect_deploy_reads_it():
    from prefect.cli.deploy._models import PrefectYamlModel

    model = PrefectYamlModel.model_validate(yaml.safe_load((REPO / "prefect.yaml").read_text()))
    names = [d.name for d in model.deployments]
    assert len(names) == len(set(names)) == 5
    for deployment in model.deployments:
        assert deployment.description and len(deployment.description) > 40, deployment.name
        assert deployment.work_pool and deployment.work_pool.name == "newsevents", deployment.name


@pytest.mark.parametrize("deployment", deployments(), ids=lambda d: d["name"])
def test_entrypoint_imports_and_parameters_match(deployment):
    flow = load_flow(deployment["entrypoint"])
    check_parameters(flow, deployment.get("parameters") or {}, deployment["name"])
    for trigger in deployment.get("triggers") or []:
        check_parameters(flow, trigger.get("parameters") or {}, f"{deployment['name']} trigger")


def test_schedules_are_well_formed():
    from prefect.cli.deploy._models import RawScheduleConfig

    scheduled = {d["name"]: d["schedules"] for d in deployments() if d.get("schedules")}
    assert set(scheduled) == {"ingest-every-15-min", "daily-quality-report"}
    ingest = RawScheduleConfig.model_validate(scheduled["ingest-every-15-min"][0])
    assert ingest.interval is not None and ingest.interval.total_seconds() == 15 * 60
    report = RawScheduleConfig.model_validate(scheduled["daily-quality-report"][0])
    from prefect.client.schemas.schedules import CronSchedule

    CronSchedule(cron=report.cron, timezone=report.timezone)  # raises on a bad expression


def test_triggers_are_well_formed_and_match_what_is_emitted():
    from prefect.cli.deploy._triggers import _initialize_deployment_triggers
    from prefect.events import DeploymentEventTrigger

    from flows.ingest import LANDED_EVENT
    from newsevents.watch import DROPPED_EVENT, FILE_RESOURCE_PREFIX

    triggered = {d["name"]: d["triggers"] for d in deployments() if d.get("triggers")}
    assert set(triggered) == {"process-landed-batch", "pipeline-on-dropped-file"}
    for name, specs in triggered.items():
        [trigger] = _initialize_deployment_triggers(name, [dict(s) for s in specs])
        assert isinstance(trigger, DeploymentEventTrigger) and trigger.enabled
        assert trigger.posture == "Reactive" and trigger.threshold == 1
    [landed] = triggered["process-landed-batch"]
    assert landed["expect"] == [LANDED_EVENT]
    assert landed["match"]["prefect.resource.id"] == "newsevents.batch.*"
    assert landed["parameters"]["batch_id"] == "{{ event.payload.batch_id }}"
    [dropped] = triggered["pipeline-on-dropped-file"]
    assert dropped["expect"] == [DROPPED_EVENT]
    assert dropped["match"]["prefect.resource.id"] == FILE_RESOURCE_PREFIX + "*"
    assert dropped["parameters"]["seeds_dir"] == "{{ event.payload.folder }}"
    assert dropped["parameters"]["use_feed_config"] is False
