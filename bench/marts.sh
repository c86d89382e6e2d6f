#!/usr/bin/env bash
# Benchmark: the stage, funnel, loyalty, customer and voice-of-the-customer marts at scale 1 for
# one night. Writes wall seconds, each job's own seconds and rows (journey_ops.job_runs) and peak
# memory to bench/results/<name>.json.
#
#   bench/marts.sh [--scale 1.0] [--days 90] [--name marts-scale1] [--report-only]
#
# Days 1..N-1 go through bronze and silver (with the tickets and surveys silver tables), then
# the marts once over days 1..N-1 (timed, as a first load); day N through bronze and silver,
# then the marts as the night of day N in one process (timed: the target) and each mart as its
# own process, as Airflow's spark-submit tasks run them (timed). --report-only rebuilds the JSON
# from the last run's bench/work/<name>/. Needs GNU time (Debian package "time").
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCALE=1.0
DAYS=90
START=2026-07-01
NAME=""
REPORT_ONLY=0
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) SCALE="$2"; shift 2 ;;
    --days) DAYS="$2"; shift 2 ;;
    --name) NAME="$2"; shift 2 ;;
    --report-only) REPORT_ONLY=1; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "marts.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ "$DAYS" -ge 2 ] || { echo "marts.sh: --days must be at least 2" >&2; exit 2; }
NAME="${NAME:-marts-scale${SCALE}}"
LAST="$(date -u -d "$START + $((DAYS - 1)) days" +%F)"
BEFORE="$(date -u -d "$START + $((DAYS - 2)) days" +%F)"
UPSTREAM=fx_rates,web_events,orders,support_tickets,survey_responses,identity_map,customers,sessions,conversions,journey_events,tickets,surveys
MARTS=customer_stages,stage_transition_times,stage_funnel_monthly,ecommerce_funnel_daily,channel_performance_daily,journey_paths,loyal_cohort_revenue,cohort_retention,customer_360,nps_summary,support_summary,support_effect
WORK="$ROOT/bench/work/$NAME"
RESULTS="$ROOT/bench/results"
export JOURNEY_LANDING="$WORK/landing" JOURNEY_WAREHOUSE="$WORK/warehouse"
export JOURNEY_DRIVER_MEMORY="${JOURNEY_DRIVER_MEMORY:-8g}"
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

if [ "$REPORT_ONLY" = 0 ]; then
  rm -rf "$WORK" && mkdir -p "$WORK" "$RESULTS"
  build_once
  measure generate "$J" generate --scale "$SCALE" --days "$DAYS" --start "$START" --seed 42 \
    --out "$JOURNEY_LANDING"
  measure upstream_history "$J" backfill --jobs "$UPSTREAM" --from "$START" --to "$BEFORE"
  measure marts_first_load "$J" backfill --jobs "$MARTS" --from "$START" --to "$BEFORE"
  measure upstream_night "$J" backfill --jobs "$UPSTREAM" --from "$LAST" --to "$LAST"
  measure marts_night "$J" backfill --jobs "$MARTS" --from "$LAST" --to "$LAST"
  for job in ${MARTS//,/ }; do
    measure "task_$job" "$J" run "$job" --date "$LAST"
  done
  "$J" sql --format json -e "
    SELECT job, cast(date_from AS string) AS date_from, cast(date_to AS string) AS date_to,
           duration_seconds, rows_read, rows_written, message
    FROM journey_ops.job_runs WHERE status = 'succeeded' ORDER BY started_at" \
    > "$WORK/runs.json"
  "$J" sql --format json -e "
    SELECT (SELECT count(*) FROM journey_silver.sessions) AS sessions,
           (SELECT count(*) FROM journey_silver.conversions) AS conversions,
           (SELECT count(*) FROM journey_silver.tickets) AS tickets,
           (SELECT count(*) FROM journey_silver.surveys) AS survey_responses,
           (SELECT count(*) FROM journey_marts.customer_stages) AS customers" > "$WORK/data.json"
fi

python3 - "$WORK" "$RESULTS/$NAME.json" "$SCALE" "$DAYS" "$START" "$LAST" "$ROOT" "$MARTS" <<'PY'
import json, os, subprocess, sys
work, out, scale, days, start, last, root, marts = sys.argv[1:9]
marts = marts.split(",")

def rows(name):
    return [json.loads(l) for l in open(os.path.join(work, name)) if l.strip().startswith("{")]

def load(path):
    return [float(x) for x in open(os.path.join(work, path)).read().split()[:3]]

def timing(label):
    seconds, kib = open(os.path.join(work, label + ".time")).read().split()[-2:]
    return {"wall_seconds": float(seconds), "peak_rss_mb": round(int(kib) / 1024),
            "loadavg_1_5_15_before": load(label + ".load-before"),
            "loadavg_1_5_15_after": load(label + ".load-after")}

runs = [r for r in rows("runs.json") if r["job"] in marts]
def jobs(date_from, date_to, skip=0):
    picked = [r for r in runs if r["date_from"] == date_from and r["date_to"] == date_to][skip:]
    return {r["job"]: {"job_seconds": float(r["duration_seconds"]),
                       "message": r.get("message")} for r in picked[:len(marts)]}

before = runs[0]["date_to"] if runs else None
steps = {label: timing(label) for label in
         ["generate", "upstream_history", "marts_first_load", "upstream_night", "marts_night"]}
steps["marts_first_load"]["jobs"] = jobs(start, before)
steps["marts_night"]["jobs"] = jobs(last, last)
tasks = {job: timing("task_" + job) for job in marts}
for job, run in jobs(last, last, skip=len(marts)).items():
    tasks[job]["job_seconds"] = run["job_seconds"]
night = steps["marts_night"]
mem = open("/proc/meminfo").readline().split()
commit = subprocess.run(["git", "-C", root, "rev-parse", "HEAD"], capture_output=True,
                        text=True).stdout.strip()
result = {
    "benchmark": "stage, funnel, loyalty, customer and voice marts: one night",
    "scale": float(scale), "days": int(days), "timed_night": last, "commit": commit,
    "machine": {"cores": os.cpu_count(), "memory_gib": round(int(mem[1]) / 1024 / 1024, 1),
                "note": "shared machine; see each step's load averages (2 cores)"},
    "data": rows("data.json")[0],
    "steps": steps,
    "night_job_seconds_sum": round(sum(j["job_seconds"] for j in night["jobs"].values()), 1),
    "night_as_airflow_tasks": {"tasks": tasks,
                               "wall_seconds_sum": round(sum(t["wall_seconds"] for t in tasks.values()), 1)},
    "target": "all these marts for one night at scale 1 under 180 s on 2 cores",
    "target_met_one_process": night["wall_seconds"] < 180,
}
json.dump(result, open(out, "w"), indent=2, sort_keys=True)
print(json.dumps(result, indent=2, sort_keys=True))
PY
echo "bench: wrote $RESULTS/$NAME.json" >&2
