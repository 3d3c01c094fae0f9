#!/usr/bin/env bash
# Whole-process figures for the headless export of the built-in bank, against `cat` of the
# bank files as the floor. Needs hyperfine and GNU time (apt-get install hyperfine time).
# Usage: bash benches/process.sh   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/her2prep
profile=${PROFILE:-tests/fixtures/scenarios/metastatic-hr-positive-caregiver.yaml}
files=$(echo questions/*.yaml)
export XDG_CONFIG_HOME=$(mktemp -d)
out=$XDG_CONFIG_HOME/export.out
trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT

# Every command writes to a pipe hyperfine reads (`--output pipe`), so the floor and the
# exports to the screen (`--output -`) pay for their output alike; the last one writes a file
# the way people use it (atomically, flushed to disk).
echo "== wall time (hyperfine)"
hyperfine --warmup 10 --runs 100 -N --output pipe \
  "cat $files" \
  "$bin --version" \
  "$bin export --profile $profile --format html --output -" \
  "$bin export --profile $profile --format text --output -" \
  "$bin export --profile $profile --format html --output $out" \
  --export-markdown /tmp/her2prep-process.md >/dev/null
cat /tmp/her2prep-process.md

echo "== peak memory (GNU time, maximum resident set size)"
for cmd in "cat $files" \
  "$bin export --profile $profile --format html --output -" \
  "$bin export --profile $profile --format html --output $out"; do
  # The output goes to a file (not /dev/null, which some programs treat specially).
  kb=$( { /usr/bin/time -f '%M' $cmd > "$out.stdout" ; } 2>&1 | tail -1 )
  printf '%-90s %6s KiB\n' "$cmd" "$kb"
done
