#!/usr/bin/env bash
# Whole-process figures for the headless export of the built-in bank, against `cat` of the
# bank files as the floor. Needs hyperfine and GNU time (apt-get install hyperfine time).
# Usage: bash benches/process.sh   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/her2prep
profile=${PROFILE:-../shared/scenarios/metastatic-hr-positive-caregiver.yaml}
files=$(echo questions/*.yaml)
export XDG_CONFIG_HOME=$(mktemp -d)
out=$XDG_CONFIG_HOME/export.out
trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT

echo "== wall time (hyperfine)"
hyperfine --warmup 5 --runs 50 -N \
  "cat $files" \
  "$bin export --profile $profile --format text --output $out" \
  "$bin export --profile $profile --format html --output $out" \
  --export-markdown /tmp/her2prep-process.md >/dev/null
cat /tmp/her2prep-process.md

echo "== peak memory (GNU time, maximum resident set size)"
for cmd in "cat $files" "$bin export --profile $profile --format html --output $out"; do
  kb=$( { /usr/bin/time -f '%M' sh -c "$cmd > /dev/null" ; } 2>&1 | tail -1 )
  printf '%-90s %6s KiB\n' "$cmd" "$kb"
done
