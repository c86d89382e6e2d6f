# Shared by the bench scripts: source it after setting ROOT and WORK.
#
#   build_once        builds the jar (bin/journey), then pins it (JOURNEY_NO_BUILD=1), so an
#                     edit during a long run cannot rebuild the jar inside a timed step
#   measure LABEL cmd wall seconds and peak RSS (KiB) into $WORK/LABEL.time (GNU time), the
#                     command's progress lines into $WORK/LABEL.log, load averages around it

J="$ROOT/bin/journey"

build_once() {
  "$J" list-jobs >/dev/null
  export JOURNEY_NO_BUILD=1
}

measure() {
  local label="$1"; shift
  echo "bench: $label" >&2
  cat /proc/loadavg > "$WORK/$label.load-before"
  /usr/bin/time -f "%e %M" -o "$WORK/$label.time" "$@" 2> "$WORK/$label.log" >/dev/null
  cat /proc/loadavg > "$WORK/$label.load-after"
}
