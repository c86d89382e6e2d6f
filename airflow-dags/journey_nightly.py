"""Nightly journey-warehouse suite: one spark-submit task per job in the job catalog.

The tasks, their layers and their dependencies all come from ``job_catalog.json`` beside
this file, a committed copy of ``bin/journey list-jobs --json`` (the test suite fails when
the copy is stale). Nothing here names a job, so a new job in ``JobCatalog`` reaches
Airflow by regenerating that file.

Deployment, Variables and backfills: ``docs/airflow.md``.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.utils.task_group import TaskGroup

CATALOG_PATH = Path(__file__).resolve().parent / "job_catalog.json"

# Templated, so Variables are read when a task runs, never while the scheduler parses.
JAR = "{{ var.value.get('journey_jar', '/opt/journey/journey-jobs-shaded.jar') }}"
ENV = "{{ var.value.get('journey_env', 'prod') }}"

# Inputs under this prefix are raw landing folders, which no job produces.
LANDING_PREFIX = "landing."

DOC_MD = """
### journey_nightly

Loads one logical day (`{{ ds }}`) of the online store's raw data into the Delta tables:
**bronze** (typed, deduplicated, PII-hashed landing data), **silver** (identity,
sessions, conversions) and **marts** (attribution, stages, retention, voice of the
customer). Each task is `spark-submit --class <runner> <jar> <job> --date {{ ds }}
--env <journey_env>`; the task id is the job name, which is also the table it owns.

* **Generated from the job catalog.** Tasks, groups and `>>` edges come from
  `job_catalog.json` (`bin/journey list-jobs --json`): a job runs after every job that
  produces one of its inputs. A table with several producers (`journey_bronze.quarantine`,
  where each bronze job writes its own source's slice) makes its readers wait for all of
  them.
* **Reruns are safe.** Every job replaces exactly its date's slice (`replaceWhere`), so a
  retry, a clear or a backfill never double counts.
* **No sensors.** A bronze job fails with one clear line when the day's landing folder has
  no `_SUCCESS` marker, and never publishes that day; the retries (2, exponential back-off
  from 10 minutes) cover a late export. Clear the task once the export has landed.
* **Order matters for cumulative jobs.** Jobs flagged `depends_on_past` in the catalog
  (identity stitching, customer state) wait for their own previous day; with
  `max_active_runs=1`, days run one after another.
* **Backfills.** `catchup=True`, so missed days are run in order. For months of history,
  prefer `bin/journey backfill --from D1 --to D2`, which runs each job once over the range.
* **Secrets.** `JOURNEY_PII_HMAC_SECRET` comes from the worker or cluster environment,
  never from this DAG's arguments or conf.
"""

DEFAULT_ARGS = {
    "owner": "journey-warehouse",
    # Overridden per task from the catalog's depends_on_past flag.
    "depends_on_past": False,
    "retries": 2,
    "retry_delay": timedelta(minutes=10),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(hours=1),
    # A hard kill for a hung job; the suite as a whole is bounded by dagrun_timeout.
    "execution_timeout": timedelta(hours=2),
}


def load_catalog(path: Path = CATALOG_PATH) -> dict:
    """Reads the committed job catalog: cheap enough for every scheduler parse."""
    return json.loads(path.read_text(encoding="utf-8"))


def producers_by_table(jobs: list[dict]) -> dict[str, list[str]]:
    """Maps each output table to every job that writes it (shared tables have several)."""
    producers: dict[str, list[str]] = {}
    for job in jobs:
        for table in job["outputs"]:
            producers.setdefault(table, []).append(job["name"])
    return producers


def upstream_jobs(jobs: list[dict]) -> dict[str, list[str]]:
    """Maps each job to the jobs that must finish first: the producers of its inputs.

    Landing inputs have no producer. A job reading its own output (yesterday's state) gets
    no self-edge: that ordering is depends_on_past's. An input no job produces (a table
    kept by a command such as erasure) is external and adds no edge.
    """
    producers = producers_by_table(jobs)
    upstream: dict[str, list[str]] = {}
    for job in jobs:
        names = {
            producer
            for table in job["inputs"]
            if not table.startswith(LANDING_PREFIX)
            for producer in producers.get(table, [])
            if producer != job["name"]
        }
        upstream[job["name"]] = sorted(names)
    return upstream


def jobs_by_layer(jobs: list[dict]) -> dict[str, list[dict]]:
    """Groups jobs by layer, layers and jobs in catalog order (bronze, silver, marts)."""
    layers: dict[str, list[dict]] = {}
    for job in sorted(jobs, key=lambda job: (job["order"], job["name"])):
        layers.setdefault(job["layer"], []).append(job)
    return layers


def spark_job_task(job: dict, runner_class: str) -> SparkSubmitOperator:
    """One spark-submit of the shaded jar for one job and the run's logical date."""
    name = job["name"]
    return SparkSubmitOperator(
        task_id=name,
        application=JAR,
        java_class=runner_class,
        application_args=[name, "--date", "{{ ds }}", "--env", ENV],
        name=f"journey-{name}-{{{{ ds }}}}",
        conn_id="spark_default",
        # The jobs cut dates in the reporting time zone themselves; a UTC session keeps
        # timestamps from depending on the cluster's JVM default.
        conf={"spark.sql.session.timeZone": "UTC"},
        depends_on_past=bool(job["depends_on_past"]),
        doc_md=job.get("description", ""),
    )


catalog = load_catalog()

with DAG(
    dag_id="journey_nightly",
    description="Nightly journey-warehouse load: landing -> bronze -> silver -> marts.",
    doc_md=DOC_MD,
    default_args=DEFAULT_ARGS,
    schedule="@daily",
    start_date=datetime(2026, 1, 1, tzinfo=timezone.utc),
    # Explicit because the default differs (True in Airflow 2, False in Airflow 3): every
    # missed day since start_date is loaded, oldest first.
    catchup=True,
    # Cumulative jobs need yesterday first, and two runs must never write a table at once.
    max_active_runs=1,
    dagrun_timeout=timedelta(hours=8),
    tags=["journey-warehouse", "spark", "delta"],
) as dag:
    tasks: dict[str, SparkSubmitOperator] = {}
    for layer, layer_jobs in jobs_by_layer(catalog["jobs"]).items():
        # prefix_group_id=False keeps task_id == job name, the one name used everywhere.
        with TaskGroup(group_id=layer, prefix_group_id=False, tooltip=f"{layer} jobs"):
            for job in layer_jobs:
                tasks[job["name"]] = spark_job_task(job, catalog["runner_class"])

    for job_name, upstream_names in upstream_jobs(catalog["jobs"]).items():
        for upstream_name in upstream_names:
            tasks[upstream_name] >> tasks[job_name]
