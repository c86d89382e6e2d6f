#!/usr/bin/env bash
# Benchmark: IdentityStitch.stitch (guards, connected components, keys) over a synthetic
# identity graph built in Spark (jobs/src/test/.../bench/IdentityGraphBench.java), at several
# population sizes, to see stitching time and rounds grow with the identifier count.
#
#   bench/identity-graph.sh [--people 62000,620000] [--name identity-graph10x]
#
# Needs GNU time (/usr/bin/time) and the job jar (bin/journey builds it; never mvn install).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PEOPLE=62000,620000
NAME=identity-graph10x
while [ $# -gt 0 ]; do
  case "$1" in
    --people) PEOPLE="$2"; shift 2 ;;
    --name) NAME="$2"; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "identity-graph.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
WORK="$ROOT/bench/work/$NAME"
RESULTS="$ROOT/bench/results"
rm -rf "$WORK" && mkdir -p "$WORK" "$RESULTS"

"$ROOT/bin/journey" list-jobs >/dev/null # the shaded jar and Spark's classpath
(cd "$ROOT" && mvn -B -q -o test-compile -pl jobs -am) >&2
JAR="$(ls "$ROOT"/jobs/target/journey-jobs-*-shaded.jar | head -n 1)"
CP="$ROOT/jobs/target/test-classes:$JAR:$(cat "$ROOT/jobs/target/spark-classpath.txt")"
# The Java 17 flags bin/journey passes (Spark 3.5's JavaModuleOptions).
mapfile -t OPENS < <(sed -n '/^JAVA_MODULE_OPTIONS=(/,/^)/p' "$ROOT/bin/journey" | sed '1d;$d;s/^ *//')
cat /proc/loadavg > "$WORK/loadavg.start"

IFS=, read -r -a SIZES <<< "$PEOPLE"
for n in "${SIZES[@]}"; do
  echo "bench: stitching a synthetic graph of $n people" >&2
  cat /proc/loadavg > "$WORK/$n.load-before"
  /usr/bin/time -f "%e %M" -o "$WORK/$n.time" \
    java "${OPENS[@]}" -Xmx"${JOURNEY_DRIVER_MEMORY:-8g}" -Duser.timezone=UTC \
      -Dlog4j.configurationFile="$ROOT/conf/log4j2.properties" \
      -cp "$CP" org.journeywarehouse.bench.IdentityGraphBench "$n" \
    | tail -n 1 > "$WORK/$n.json"
  cat /proc/loadavg > "$WORK/$n.load-after"
  cat "$WORK/$n.json" >&2
done

python3 - "$WORK" "$RESULTS/$NAME.json" "$ROOT" "${SIZES[@]}" <<'PY'
import json, math, os, subprocess, sys
work, out, root, sizes = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
load = lambda f: [float(x) for x in open(os.path.join(work, f)).read().split()[:3]]
runs = []
for n in sizes:
    run = json.load(open(os.path.join(work, n + ".json")))
    seconds, kib = open(os.path.join(work, n + ".time")).read().split()[-2:]
    run.update({"jvm_wall_seconds": float(seconds), "peak_rss_mb": round(int(kib) / 1024),
                "log2_identifiers": round(math.log2(run["identifiers"]), 1),
                "loadavg_1_5_15_before": load(n + ".load-before"),
                "loadavg_1_5_15_after": load(n + ".load-after")})
    runs.append(run)
mem = open("/proc/meminfo").readline().split()
result = {
    "benchmark": "IdentityStitch.stitch on a synthetic graph (IdentityGraphBench), full scope",
    "commit": subprocess.run(["git", "-C", root, "rev-parse", "HEAD"], capture_output=True,
                             text=True).stdout.strip(),
    "machine": {"cores": os.cpu_count(), "memory_gib": round(int(mem[1]) / 1024 / 1024, 1),
                "loadavg_1_5_15_at_start": load("loadavg.start"),
                "note": "shared machine: other Spark work may run concurrently (2 cores)"},
    "runs": runs,
}
if len(runs) >= 2:
    a, b = runs[0], runs[-1]
    result["growth_first_to_last"] = {
        "identifiers": round(b["identifiers"] / a["identifiers"], 2),
        "stitch_seconds": round(b["stitch_seconds"] / a["stitch_seconds"], 2),
        "rounds": [a["rounds"], b["rounds"]],
    }
json.dump(result, open(out, "w"), indent=2, sort_keys=True)
print(json.dumps(result, indent=2, sort_keys=True))
PY
echo "bench: wrote $RESULTS/$NAME.json" >&2
