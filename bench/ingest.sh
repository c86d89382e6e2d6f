#!/usr/bin/env bash
# Benchmark: generate landing data at a scale, load it through every bronze job as one
# backfill, and write rows/s per source, wall seconds and peak memory to bench/results/.
#
#   bench/ingest.sh [--scale 1.0] [--days 90] [--name ingest-scale1]
#
# Needs GNU time (/usr/bin/time, Debian package "time") for peak resident memory.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCALE=1.0
DAYS=90
START=2026-07-01
NAME=""
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) SCALE="$2"; shift 2 ;;
    --days) DAYS="$2"; shift 2 ;;
    --name) NAME="$2"; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "ingest.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
NAME="${NAME:-ingest-scale${SCALE}}"
END="$(date -u -d "$START + $((DAYS - 1)) days" +%F)"
WORK="$ROOT/bench/work/$NAME"
RESULTS="$ROOT/bench/results"
rm -rf "$WORK" && mkdir -p "$WORK" "$RESULTS"
export JOURNEY_LANDING="$WORK/landing" JOURNEY_WAREHOUSE="$WORK/warehouse"
export JOURNEY_DRIVER_MEMORY="${JOURNEY_DRIVER_MEMORY:-8g}"

"$ROOT/bin/journey" list-jobs >/dev/null # builds the jar once, outside the timings

measure() { # measure LABEL command...: wall seconds and peak RSS (KiB) into $WORK/LABEL.time
  local label="$1"; shift
  /usr/bin/time -f "%e %M" -o "$WORK/$label.time" "$@"
}

echo "bench: generating scale $SCALE, $DAYS days" >&2
measure generate "$ROOT/bin/journey" generate --scale "$SCALE" --days "$DAYS" --start "$START" \
  --seed 42 --out "$JOURNEY_LANDING" >&2
echo "bench: ingesting $START..$END" >&2
measure ingest "$ROOT/bin/journey" backfill --from "$START" --to "$END" >&2

"$ROOT/bin/journey" sql --format csv -e "
  SELECT job, rows_read, rows_written, rows_quarantined, rows_deduplicated, rows_blank,
         duration_seconds, round(rows_read / duration_seconds) AS rows_per_second
  FROM journey_ops.job_runs WHERE status = 'succeeded' ORDER BY started_at" > "$WORK/jobs.csv"

python3 - "$WORK" "$RESULTS/$NAME.json" "$SCALE" "$DAYS" <<'PY'
import csv, json, os, platform, sys
work, out, scale, days = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
def timing(label):
    seconds, kib = open(os.path.join(work, label + ".time")).read().split()[-2:]
    return float(seconds), int(kib) / 1024
gen_s, gen_mb = timing("generate")
ing_s, ing_mb = timing("ingest")
jobs = list(csv.DictReader(open(os.path.join(work, "jobs.csv"))))
total = sum(int(j["rows_read"]) for j in jobs)
result = {
    "benchmark": "bronze ingestion (backfill of every bronze job)",
    "scale": scale, "days": days,
    "machine": {"cores": os.cpu_count(), "python_platform": platform.platform()},
    "generate": {"wall_seconds": gen_s, "peak_rss_mb": round(gen_mb)},
    "ingest": {
        "wall_seconds": ing_s, "peak_rss_mb": round(ing_mb),
        "landing_lines": total,
        "rows_per_second_end_to_end": round(total / ing_s),
    },
    "per_source": {j["job"]: {
        "lines_read": int(j["rows_read"]), "rows_written": int(j["rows_written"]),
        "quarantined": int(j["rows_quarantined"]), "deduplicated": int(j["rows_deduplicated"]),
        "blank": int(j["rows_blank"]), "job_seconds": float(j["duration_seconds"]),
        "rows_per_second": round(float(j["rows_per_second"] or 0)),
    } for j in jobs},
}
json.dump(result, open(out, "w"), indent=2, sort_keys=True)
print(json.dumps(result, indent=2, sort_keys=True))
PY
echo "bench: wrote $RESULTS/$NAME.json" >&2
