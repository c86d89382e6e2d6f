"""Tests for the journey_nightly DAG, without Airflow installed.

Two views of the DAG file:
* its syntax, through ``ast``: the operator call, the DAG arguments, the imports;
* its behaviour, by importing it against a tiny stub ``airflow`` package that records
  every task's arguments and every ``>>`` edge.

The recorded DAG is checked against the committed ``job_catalog.json`` and against the
live catalog from ``bin/journey list-jobs --json`` (run once per session). The live tests
fail, never skip, when the launcher or the jar is missing: CI builds first.

Run from the repository root: ``python3 -m pytest airflow-dags/tests``.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import types
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

import pytest

DAGS_DIR = Path(__file__).resolve().parent.parent
REPO_ROOT = DAGS_DIR.parent
DAG_FILE = DAGS_DIR / "journey_nightly.py"
CATALOG_FILE = DAGS_DIR / "job_catalog.json"
LAUNCHER = REPO_ROOT / "bin" / "journey"
REGENERATE = "bin/journey list-jobs --json > airflow-dags/job_catalog.json"

# Set while the DAG file is imported: no task argument may carry it.
SENTINEL_SECRET = "sentinel-hmac-key-0123456789abcdef0123456789abcdef"


# --- a stub airflow package ------------------------------------------------------------


@dataclass
class StubDag:
    kwargs: dict
    tasks: dict = field(default_factory=dict)
    edges: set = field(default_factory=set)  # (upstream task_id, downstream task_id)
    groups: list = field(default_factory=list)


class StubContext:
    """The DAG and TaskGroup being defined, as Airflow's context managers track them."""

    dag: StubDag | None = None
    group: StubTaskGroup | None = None


class StubDAG:
    def __init__(self, dag_id=None, **kwargs):
        self.recorded = StubDag(kwargs={"dag_id": dag_id, **kwargs})

    def __enter__(self):
        StubContext.dag = self.recorded
        return self

    def __exit__(self, *exc):
        StubContext.dag = None
        return False


class StubTaskGroup:
    def __init__(self, group_id, prefix_group_id=True, **kwargs):
        self.group_id = group_id
        self.prefix_group_id = prefix_group_id
        self.task_ids: list[str] = []
        StubContext.dag.groups.append(self)

    def __enter__(self):
        StubContext.group = self
        return self

    def __exit__(self, *exc):
        StubContext.group = None
        return False


class StubSparkSubmitOperator:
    def __init__(self, task_id, **kwargs):
        group = StubContext.group
        prefixed = group is not None and group.prefix_group_id
        self.task_id = f"{group.group_id}.{task_id}" if prefixed else task_id
        self.kwargs = {"task_id": task_id, **kwargs}
        self.group_id = group.group_id if group else None
        self.dag = StubContext.dag
        assert self.task_id not in self.dag.tasks, f"duplicate task_id {self.task_id}"
        self.dag.tasks[self.task_id] = self
        if group is not None:
            group.task_ids.append(self.task_id)

    def set_downstream(self, other):
        for task in other if isinstance(other, (list, tuple)) else [other]:
            self.dag.edges.add((self.task_id, task.task_id))

    def set_upstream(self, other):
        for task in other if isinstance(other, (list, tuple)) else [other]:
            self.dag.edges.add((task.task_id, self.task_id))

    def __rshift__(self, other):
        self.set_downstream(other)
        return other

    def __lshift__(self, other):
        self.set_upstream(other)
        return other

    def __rrshift__(self, other):  # [a, b] >> task
        self.set_upstream(other)
        return self

    def __rlshift__(self, other):  # [a, b] << task
        self.set_downstream(other)
        return self


def stub_airflow_modules() -> dict[str, types.ModuleType]:
    modules = {}
    for name in [
        "airflow",
        "airflow.providers",
        "airflow.providers.apache",
        "airflow.providers.apache.spark",
        "airflow.providers.apache.spark.operators",
        "airflow.providers.apache.spark.operators.spark_submit",
        "airflow.utils",
        "airflow.utils.task_group",
    ]:
        module = types.ModuleType(name)
        module.__path__ = []  # a package, so submodule imports resolve through sys.modules
        modules[name] = module
    for name, module in modules.items():
        parent, _, child = name.rpartition(".")
        if parent:
            setattr(modules[parent], child, module)
    modules["airflow"].DAG = StubDAG
    modules["airflow.providers.apache.spark.operators.spark_submit"].SparkSubmitOperator = (
        StubSparkSubmitOperator
    )
    modules["airflow.utils.task_group"].TaskGroup = StubTaskGroup
    return modules


def import_dag(dag_file: Path) -> tuple[types.ModuleType, StubDag]:
    """Imports a DAG file against the stub airflow, with the secret set in the environment."""
    spec = importlib.util.spec_from_file_location(f"dag_under_test_{id(dag_file)}", dag_file)
    module = importlib.util.module_from_spec(spec)
    env = {"JOURNEY_PII_HMAC_SECRET": SENTINEL_SECRET}
    with mock.patch.dict(sys.modules, stub_airflow_modules()), mock.patch.dict(os.environ, env):
        spec.loader.exec_module(module)
    return module, module.dag.recorded


# --- fixtures --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def committed_catalog() -> dict:
    return json.loads(CATALOG_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def dag() -> StubDag:
    return import_dag(DAG_FILE)[1]


@dataclass
class LiveCatalog:
    """The outcome of one ``bin/journey list-jobs --json`` call, shared by the live tests."""

    catalog: dict | None = None
    error: str | None = None

    def require(self) -> dict:
        if self.error is not None:
            pytest.fail(self.error, pytrace=False)
        return self.catalog


@pytest.fixture(scope="module")
def live() -> LiveCatalog:
    if not LAUNCHER.is_file() or not os.access(LAUNCHER, os.X_OK):
        return LiveCatalog(
            error=f"{LAUNCHER} is missing or not executable: build the project first "
            "(mvn -q -DskipTests package), CI always builds before these tests"
        )
    command = [str(LAUNCHER), "list-jobs", "--json"]
    try:
        result = subprocess.run(
            command,
            check=True,
            capture_output=True,
            text=True,
            timeout=600,
            cwd=REPO_ROOT,
            env={**os.environ, "JOURNEY_NO_BUILD": "1"},
        )
    except subprocess.CalledProcessError as failure:
        return LiveCatalog(
            error=f"`bin/journey list-jobs --json` exited {failure.returncode} (is the shaded "
            f"jar built? run mvn -q -DskipTests package):\n{failure.stderr.strip()[-2000:]}"
        )
    except subprocess.TimeoutExpired:
        return LiveCatalog(error="`bin/journey list-jobs --json` took more than 600 s")
    try:
        return LiveCatalog(catalog=json.loads(result.stdout))
    except json.JSONDecodeError as failure:
        return LiveCatalog(
            error=f"`bin/journey list-jobs --json` printed something other than one JSON "
            f"document on stdout ({failure}); it starts with:\n{result.stdout[:500]}"
        )


@pytest.fixture(params=["committed", "live"])
def catalog(request, committed_catalog, live):
    """The catalog the DAG is checked against: the committed copy, then the live one.

    A callable, so a missing live catalog fails the test itself rather than its setup.
    """
    return (lambda: committed_catalog) if request.param == "committed" else live.require


# --- helpers ---------------------------------------------------------------------------


def producers(jobs: list[dict]) -> dict[str, set[str]]:
    result: dict[str, set[str]] = {}
    for job in jobs:
        for table in job["outputs"]:
            result.setdefault(table, set()).add(job["name"])
    return result


def ancestors(edges: set, task_id: str) -> set[str]:
    """Every task that finishes before task_id, following the edges transitively."""
    parents: dict[str, set[str]] = {}
    for upstream, downstream in edges:
        parents.setdefault(downstream, set()).add(upstream)
    seen: set[str] = set()
    pending = [task_id]
    while pending:
        for parent in parents.get(pending.pop(), ()):
            if parent not in seen:
                seen.add(parent)
                pending.append(parent)
    return seen


def topological_order(task_ids, edges: set) -> list[str]:
    """Kahn's algorithm; fails the test with the tasks left on a cycle."""
    incoming = {task_id: 0 for task_id in task_ids}
    for _, downstream in edges:
        incoming[downstream] += 1
    ready = sorted(task_id for task_id, count in incoming.items() if count == 0)
    order = []
    while ready:
        task_id = ready.pop()
        order.append(task_id)
        for upstream, downstream in sorted(edges):
            if upstream == task_id:
                incoming[downstream] -= 1
                if incoming[downstream] == 0:
                    ready.append(downstream)
    on_cycle = sorted(set(task_ids) - set(order))
    assert not on_cycle, f"dependency cycle through {on_cycle}"
    return order


def strings_in(value):
    """Every string in a task argument, dictionary keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings_in(key)
            yield from strings_in(item)
    elif isinstance(value, (list, tuple, set)):
        for item in value:
            yield from strings_in(item)


def job(name, layer, order, inputs, outputs, depends_on_past=False) -> dict:
    return {
        "name": name,
        "layer": layer,
        "order": order,
        "description": f"{name} test job",
        "inputs": inputs,
        "outputs": outputs,
        "depends_on_past": depends_on_past,
    }


# --- the file's syntax -----------------------------------------------------------------


@pytest.fixture(scope="module")
def tree() -> ast.Module:
    return ast.parse(DAG_FILE.read_text(encoding="utf-8"), filename=str(DAG_FILE))


def calls_to(tree: ast.Module, name: str) -> list[ast.Call]:
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and (
            (isinstance(node.func, ast.Name) and node.func.id == name)
            or (isinstance(node.func, ast.Attribute) and node.func.attr == name)
        )
    ]


def keywords(call: ast.Call) -> dict[str, ast.expr]:
    return {keyword.arg: keyword.value for keyword in call.keywords}


def test_one_spark_submit_call_builds_every_task(tree):
    # Tasks come from a loop over the catalog, so there is a single call site.
    (call,) = calls_to(tree, "SparkSubmitOperator")
    args = keywords(call)
    required = {"task_id", "application", "java_class", "application_args", "name", "conn_id"}
    assert required | {"conf"} <= set(args)
    assert ast.literal_eval(args["conn_id"]) == "spark_default"
    application_args = args["application_args"]
    assert isinstance(application_args, ast.List)
    date_option = [ast.literal_eval(element) for element in application_args.elts[1:3]]
    assert date_option == ["--date", "{{ ds }}"]
    assert ast.literal_eval(application_args.elts[3]) == "--env"
    conf = args["conf"]
    assert isinstance(conf, ast.Dict)
    assert ast.literal_eval(conf) == {"spark.sql.session.timeZone": "UTC"}


def test_dag_arguments_are_explicit(tree):
    (call,) = calls_to(tree, "DAG")
    args = keywords(call)
    assert ast.literal_eval(args["dag_id"]) == "journey_nightly"
    assert ast.literal_eval(args["schedule"]) == "@daily"
    assert "schedule_interval" not in args, "schedule_interval is gone in Airflow 3"
    assert isinstance(args["catchup"], ast.Constant) and isinstance(args["catchup"].value, bool)
    assert ast.literal_eval(args["max_active_runs"]) == 1
    assert {"start_date", "dagrun_timeout", "default_args", "doc_md", "tags"} <= set(args)


def test_task_groups_keep_job_names_as_task_ids(tree):
    (call,) = calls_to(tree, "TaskGroup")
    assert ast.literal_eval(keywords(call)["prefix_group_id"]) is False


def test_top_level_code_stays_cheap(tree):
    # Parsed by the scheduler every few seconds: no subprocess, no Variable lookup.
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            imported.add(node.module)
    allowed_prefixes = ("__future__", "json", "pathlib", "datetime", "airflow")
    assert all(name.startswith(allowed_prefixes) for name in imported), imported
    assert "airflow.models" not in imported
    names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    assert "Variable" not in names


# --- the recorded DAG ------------------------------------------------------------------


def test_dag_settings(dag):
    kwargs = dag.kwargs
    assert kwargs["dag_id"] == "journey_nightly"
    assert kwargs["schedule"] == "@daily"
    assert kwargs["max_active_runs"] == 1
    assert "catchup" in kwargs and isinstance(kwargs["catchup"], bool)
    assert kwargs["start_date"].tzinfo is not None, "start_date must be time-zone aware"
    assert kwargs["dagrun_timeout"] is not None
    assert kwargs["doc_md"].strip()
    default_args = kwargs["default_args"]
    assert default_args["retries"] >= 1
    assert default_args["execution_timeout"] is not None
    assert default_args["retry_exponential_backoff"] is True


def test_tasks_run_catalogued_jobs(dag, catalog):
    catalog = catalog()
    names = {job["name"] for job in catalog["jobs"]}
    for task_id, task in dag.tasks.items():
        args = task.kwargs["application_args"]
        assert task_id == args[0], f"task {task_id} runs job {args[0]}"
        assert task_id in names, f"task {task_id} is not in the catalog; regenerate: {REGENERATE}"
        assert task.kwargs["java_class"] == catalog["runner_class"]
        assert args[args.index("--date") + 1] == "{{ ds }}"
        assert "{{ ds }}" in task.kwargs["name"]
        assert task.kwargs["conn_id"] == "spark_default"
        assert task.kwargs["conf"]["spark.sql.session.timeZone"] == "UTC"


def test_every_catalogued_job_has_exactly_one_task(dag, catalog):
    catalog = catalog()
    counts: dict[str, int] = {}
    for task in dag.tasks.values():
        job_name = task.kwargs["application_args"][0]
        counts[job_name] = counts.get(job_name, 0) + 1
    for job in catalog["jobs"]:
        assert counts.get(job["name"]) == 1, (
            f"job {job['name']} has {counts.get(job['name'], 0)} tasks; regenerate: {REGENERATE}"
        )


def test_inputs_are_produced_upstream(dag, catalog):
    catalog = catalog()
    producers_of = producers(catalog["jobs"])
    for job in catalog["jobs"]:
        assert job["name"] in dag.tasks, f"no task for job {job['name']}; regenerate: {REGENERATE}"
        before = ancestors(dag.edges, job["name"])
        for table in job["inputs"]:
            missing = producers_of.get(table, set()) - before - {job["name"]}
            assert not missing, (
                f"{job['name']} reads {table} but does not wait for {sorted(missing)}"
            )


def test_no_cycles(dag):
    topological_order(dag.tasks, dag.edges)


def test_tasks_follow_catalog_settings(dag, catalog):
    catalog = catalog()
    for job in catalog["jobs"]:
        assert job["name"] in dag.tasks, f"no task for job {job['name']}; regenerate: {REGENERATE}"
        task = dag.tasks[job["name"]]
        assert task.kwargs["depends_on_past"] == job["depends_on_past"]
        assert task.group_id == job["layer"]


def test_secret_stays_out_of_the_dag(dag):
    for task_id, task in dag.tasks.items():
        for argument, value in task.kwargs.items():
            if argument == "doc_md":
                continue
            for text in strings_in(value):
                assert SENTINEL_SECRET not in text, (
                    f"{task_id}.{argument} carries the secret's value"
                )
                assert "secret" not in text.lower(), (
                    f"{task_id}.{argument} mentions a secret ({text!r}): the worker or cluster "
                    "environment provides JOURNEY_PII_HMAC_SECRET, never the DAG"
                )


def test_committed_catalog_matches_live_catalog(committed_catalog, live):
    assert committed_catalog == live.require(), (
        f"airflow-dags/job_catalog.json is stale; regenerate it with `{REGENERATE}`"
    )


# --- later layers, from a made-up catalog ----------------------------------------------


def test_silver_and_marts_jobs_need_no_change_to_the_dag(tmp_path):
    orders, web_events = "journey_bronze.orders", "journey_bronze.web_events"
    quarantine, identity_map = "journey_bronze.quarantine", "journey_silver.identity_map"
    made_up = {
        "runner_class": "org.example.Runner",
        "jobs": [
            job("orders", "bronze", 1, ["landing.orders"], [orders, quarantine]),
            job("web_events", "bronze", 2, ["landing.web_events"], [web_events, quarantine]),
            job(
                "identity_map", "silver", 3,
                # Reads its own output (yesterday's graph) and a table no job writes.
                [orders, web_events, identity_map, "journey_ops.erased_identifiers"],
                [identity_map],
                depends_on_past=True,
            ),
            job("sessions", "silver", 4, [web_events, identity_map], ["journey_silver.sessions"]),
            job("quality_report", "marts", 5, [quarantine], ["journey_marts.quality_report"]),
            job(
                "attribution_credit", "marts", 6,
                ["journey_silver.sessions", orders],
                ["journey_marts.attribution_credit"],
            ),
        ],
    }
    shutil.copy(DAG_FILE, tmp_path / DAG_FILE.name)
    (tmp_path / CATALOG_FILE.name).write_text(json.dumps(made_up), encoding="utf-8")

    _, made_up_dag = import_dag(tmp_path / DAG_FILE.name)

    assert made_up_dag.edges == {
        ("orders", "identity_map"),
        ("web_events", "identity_map"),  # no self-edge, no edge for the ops table
        ("web_events", "sessions"),
        ("identity_map", "sessions"),
        ("orders", "quality_report"),  # a shared table waits for all its producers
        ("web_events", "quality_report"),
        ("sessions", "attribution_credit"),
        ("orders", "attribution_credit"),
    }
    assert [(group.group_id, group.task_ids) for group in made_up_dag.groups] == [
        ("bronze", ["orders", "web_events"]),
        ("silver", ["identity_map", "sessions"]),
        ("marts", ["quality_report", "attribution_credit"]),
    ]
    assert made_up_dag.tasks["identity_map"].kwargs["depends_on_past"] is True
    assert made_up_dag.tasks["sessions"].kwargs["depends_on_past"] is False
    assert made_up_dag.tasks["sessions"].kwargs["java_class"] == "org.example.Runner"
    order = topological_order(made_up_dag.tasks, made_up_dag.edges)
    assert order.index("identity_map") < order.index("sessions") < order.index("attribution_credit")


def test_silver_jobs_wait_for_identity_and_the_timeline_for_its_sources(dag):
    # The unified customer: identity first (from the four bronze sources), then everything that
    # carries a customer_key, then the timeline built from sessions and conversions.
    before = lambda job: ancestors(dag.edges, job)  # noqa: E731
    assert {"web_events", "orders", "support_tickets", "survey_responses"} <= before("identity_map")
    for job in ("customers", "sessions", "conversions"):
        assert "identity_map" in before(job), f"{job} must wait for identity_map"
    assert {"sessions", "conversions", "identity_map"} <= before("journey_events")
    assert dag.tasks["identity_map"].kwargs["depends_on_past"] is True
    assert dag.tasks["sessions"].kwargs["depends_on_past"] is True


def test_attribution_marts_wait_for_silver_and_each_other(dag):
    # The fit comes first (credits of a date use that date's fit), the daily mart sums the
    # credits, and stage attribution needs only the silver layer. No mart reads bronze.
    before = lambda job: ancestors(dag.edges, job)  # noqa: E731
    for job in ("attribution_model_fit", "attribution_credit", "stage_attribution"):
        assert {"sessions", "conversions", "identity_map"} <= before(job), job
    assert "attribution_model_fit" in before("attribution_credit")
    assert "attribution_credit" in before("attribution_channel_daily")


MARTS = [
    "attribution_model_fit", "attribution_credit", "attribution_channel_daily",
    "stage_attribution", "customer_stages", "stage_transition_times", "stage_funnel_monthly",
    "journey_paths", "ecommerce_funnel_daily", "channel_performance_daily",
    "loyal_cohort_revenue", "cohort_retention", "customer_360", "nps_summary",
    "support_summary", "support_effect",
]


def test_every_mart_is_in_the_marts_group_and_none_depends_on_past(dag):
    group = next(group for group in dag.groups if group.group_id == "marts")
    assert sorted(group.task_ids) == sorted(MARTS)
    for job in MARTS:
        # Dated marts rewrite a window that depends only on the data; current-state marts
        # rebuild as of their date and never roll back: neither needs yesterday's task.
        assert dag.tasks[job].kwargs["depends_on_past"] is False, job


def test_journey_marts_wait_for_the_stages_and_the_voice_silver_tables(dag):
    before = lambda job: ancestors(dag.edges, job)  # noqa: E731
    assert {"sessions", "conversions", "journey_events"} <= before("customer_stages")
    for job in ("stage_transition_times", "stage_funnel_monthly", "journey_paths",
                "loyal_cohort_revenue", "customer_360", "nps_summary"):
        assert "customer_stages" in before(job), f"{job} must wait for customer_stages"
    for job in ("tickets", "surveys"):
        assert {"identity_map", "support_tickets", "survey_responses"} & before(job), job
        assert "identity_map" in before(job), job
    assert {"tickets", "surveys", "customer_stages"} <= before("customer_360")
    assert {"tickets", "conversions"} <= before("support_summary")
    assert {"sessions", "conversions"} <= before("channel_performance_daily")
