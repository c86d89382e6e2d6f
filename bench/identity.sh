#!/usr/bin/env bash
# Benchmark: identity stitching at scale 1, an incremental night versus a full rebuild of the
# same state. Writes wall seconds, the job's own seconds (journey_ops.job_runs), identifiers
# re-stitched, rounds, edges per round, phase times and peak memory to bench/results/.
#
#   bench/identity.sh [--scale 1.0] [--days 30] [--name identity-scale1]
#
# Needs GNU time (/usr/bin/time, Debian package "time") for peak resident memory.
# The 10x-identifier graph is a separate main class (see bench/README.md, IdentityGraphBench).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCALE=1.0
DAYS=30
START=2026-07-01
NAME=""
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) SCALE="$2"; shift 2 ;;
    --days) DAYS="$2"; shift 2 ;;
    --name) NAME="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "identity.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ "$DAYS" -ge 2 ] || { echo "identity.sh: --days must be at least 2" >&2; exit 2; }
NAME="${NAME:-identity-scale${SCALE}}"
LAST="$(date -u -d "$START + $((DAYS - 1)) days" +%F)"    # the timed night, day N
BEFORE="$(date -u -d "$START + $((DAYS - 2)) days" +%F)"  # day N-1
BRONZE=web_events,orders,support_tickets,survey_responses,fx_rates
WORK="$ROOT/bench/work/$NAME"
RESULTS="$ROOT/bench/results"
rm -rf "$WORK" && mkdir -p "$WORK" "$RESULTS"
export JOURNEY_LANDING="$WORK/landing" JOURNEY_WAREHOUSE="$WORK/warehouse"
export JOURNEY_DRIVER_MEMORY="${JOURNEY_DRIVER_MEMORY:-8g}"

"$ROOT/bin/journey" list-jobs >/dev/null # builds the jar once, outside the timings
cat /proc/loadavg > "$WORK/loadavg.start"

# measure LABEL command...: wall seconds and peak RSS (KiB) into $WORK/LABEL.time, the command's
# stderr (progress lines) with a wall-clock stamp into $WORK/LABEL.log, load average around it.
measure() {
  local label="$1"; shift
  echo "bench: $label" >&2
  cat /proc/loadavg > "$WORK/$label.load-before"
  { /usr/bin/time -f "%e %M" -o "$WORK/$label.time" "$@" 2>&1 1>&3 3>&- \
      | python3 -uc 'import sys, time
for line in sys.stdin:
    sys.stderr.write(line)
    print("%.3f %s" % (time.time(), line), end="", flush=True)' > "$WORK/$label.log"; } 3>&1 >&2
  cat /proc/loadavg > "$WORK/$label.load-after"
}

J="$ROOT/bin/journey"
measure generate "$J" generate --scale "$SCALE" --days "$DAYS" --start "$START" --seed 42 \
  --out "$JOURNEY_LANDING"
measure bronze_history "$J" backfill --jobs "$BRONZE" --from "$START" --to "$BEFORE"
# The first map, over days 1..N-1: a full rebuild (no map yet).
measure first_map "$J" backfill --jobs identity_map --from "$START" --to "$BEFORE"
measure bronze_night "$J" backfill --jobs "$BRONZE" --from "$LAST" --to "$LAST"
# Day N two ways, from the same bronze: the incremental night, then a full rebuild.
measure night "$J" run identity_map --date "$LAST"
measure rebuild "$J" rebuild-identity --date "$LAST"

"$J" sql --format json -e "
  SELECT job, cast(date_from AS string) AS date_from, cast(date_to AS string) AS date_to,
         duration_seconds, rows_read, rows_written, message
  FROM journey_ops.job_runs WHERE job = 'identity_map' AND status = 'succeeded'
  ORDER BY started_at" > "$WORK/identity_runs.json"
"$J" sql --format json -e "
  SELECT count(*) AS identifiers, count(DISTINCT customer_key) AS customers
  FROM journey_silver.identity_map" > "$WORK/map.json"
"$J" sql --format json -e "
  SELECT job, sum(rows_read) AS lines, sum(duration_seconds) AS job_seconds
  FROM journey_ops.job_runs WHERE job <> 'identity_map' AND status = 'succeeded' GROUP BY job
  ORDER BY job" > "$WORK/bronze_runs.json"

python3 - "$WORK" "$RESULTS/$NAME.json" "$SCALE" "$DAYS" "$LAST" "$ROOT" <<'PY'
import json, os, re, subprocess, sys
work, out, scale, days, last, root = sys.argv[1:7]

def rows(name):
    text = open(os.path.join(work, name)).read().strip()
    try:
        data = json.loads(text)
        return data if isinstance(data, list) else [data]
    except json.JSONDecodeError:  # one JSON object per line
        return [json.loads(l) for l in text.splitlines() if l.strip().startswith("{")]

def load(path):
    return [float(x) for x in open(os.path.join(work, path)).read().split()[:3]]

def timing(label):
    seconds, kib = open(os.path.join(work, label + ".time")).read().split()[-2:]
    return {"wall_seconds": float(seconds), "peak_rss_mb": round(int(kib) / 1024),
            "loadavg_1_5_15_before": load(label + ".load-before"),
            "loadavg_1_5_15_after": load(label + ".load-after")}

def progress(label):
    """Identity progress lines with their stamps: phases, scope size, rounds, edges per round."""
    lines = []
    for raw in open(os.path.join(work, label + ".log")):
        stamp, _, text = raw.rstrip("\n").partition(" ")
        lines.append((float(stamp), text))
    if not lines:
        return {}
    t0 = float(os.path.getmtime(os.path.join(work, label + ".load-before")))
    marks = {}
    patterns = {
        "job_started": r"identity_map: (incremental night|full rebuild)",
        "scope_counted": r"identity_map: re-stitching",
        "components_converged": r"identity_map: components converged",
        "gates_passed": r"identity_map: gates passed",
        "written": r"identity_map: (incremental|full rebuild);",
    }
    info = {}
    for stamp, text in lines:
        for mark, pattern in patterns.items():
            if mark not in marks and re.search(pattern, text):
                marks[mark] = stamp
        m = re.search(r"re-stitching ([\d,]+) identifiers", text)
        if m:
            info["identifiers_restitched"] = int(m.group(1).replace(",", ""))
        m = re.search(r"converged in (\d+) rounds \(edges per round \[([^\]]*)\]", text)
        if m:
            info["rounds"] = int(m.group(1))
            info["edges_per_round"] = [int(x) for x in m.group(2).replace(" ", "").split(",") if x]
        m = re.search(r"identity_map: ((incremental|full rebuild);.*)$", text)
        if m:
            info["summary"] = m.group(1)
    end = lines[-1][0]
    order = ["jvm_start", "job_started", "scope_counted", "components_converged", "gates_passed",
             "written", "exit"]
    stamps = {"jvm_start": t0, **marks, "exit": end}
    names = {
        "job_started": "jvm_spark_start_and_catalog",
        "scope_counted": "read_bronze_and_scope",
        "components_converged": "guards_and_connected_components",
        "gates_passed": "keys_and_gates",
        "written": "delta_merges",
        "exit": "job_runs_record_and_exit",
    }
    phases, previous = {}, "jvm_start"
    for mark in order[1:]:
        if mark in stamps:
            phases[names[mark]] = round(stamps[mark] - stamps[previous], 1)
            previous = mark
    info["phase_seconds_from_progress_lines"] = phases
    return info

runs = [r for r in rows("identity_runs.json")]
first, night_run, rebuild_run = runs[-3], runs[-2], runs[-1]
def run_info(run):
    m = re.search(r"([\d,]+) identifiers re-stitched in (\d+) rounds", run["message"] or "")
    return {"job_seconds": float(run["duration_seconds"]), "message": run["message"],
            "dates": [run["date_from"], run["date_to"]], "fresh_observations": run["rows_read"],
            "identifiers": int(m.group(1).replace(",", "")) if m else None,
            "rounds": int(m.group(2)) if m else None}

steps = {label: timing(label) for label in
         ["generate", "bronze_history", "first_map", "bronze_night", "night", "rebuild"]}
for label, run in [("first_map", first), ("night", night_run), ("rebuild", rebuild_run)]:
    steps[label].update(run_info(run))
    steps[label].update(progress(label))

night, rebuild = steps["night"], steps["rebuild"]
ratio_job = night["job_seconds"] / rebuild["job_seconds"]
ratio_wall = night["wall_seconds"] / rebuild["wall_seconds"]
stitch_night = night["phase_seconds_from_progress_lines"].get("guards_and_connected_components")
stitch_rebuild = rebuild["phase_seconds_from_progress_lines"].get("guards_and_connected_components")
mem = open("/proc/meminfo").readline().split()
commit = subprocess.run(["git", "-C", root, "rev-parse", "HEAD"], capture_output=True,
                        text=True).stdout.strip()
result = {
    "benchmark": "identity stitching: incremental night vs full rebuild of the same state",
    "scale": float(scale), "days": int(days), "timed_night": last, "commit": commit,
    "machine": {"cores": os.cpu_count(), "memory_gib": round(int(mem[1]) / 1024 / 1024, 1),
                "loadavg_1_5_15_at_start": load("loadavg.start"),
                "note": "shared machine: other Spark work may run concurrently; see each step's"
                        " load averages (2 cores)"},
    "identity_map_after_rebuild": rows("map.json")[0],
    "bronze_jobs": rows("bronze_runs.json"),
    "steps": steps,
    "ratio_night_over_rebuild": {
        "job_seconds": round(ratio_job, 3), "wall_seconds": round(ratio_wall, 3),
        "guards_and_components_phase": round(stitch_night / stitch_rebuild, 3)
            if stitch_night and stitch_rebuild else None,
        "identifiers": round(night["identifiers"] / rebuild["identifiers"], 4),
    },
    "target": "incremental night under 15% of the full rebuild's time (job seconds)",
    "target_met": ratio_job < 0.15,
}
json.dump(result, open(out, "w"), indent=2, sort_keys=True)
print(json.dumps(result, indent=2, sort_keys=True))
PY
echo "bench: wrote $RESULTS/$NAME.json" >&2
