#!/usr/bin/env bash
# Time and peak memory of `plantrack check` on each hostile shape of SPEC §6 at two sizes
# (bench/hostile_shapes.py), against the bar: no file under 2 MiB over one second, peak memory
# at most 4 × the input + 64 MiB. Prints the figures (a Markdown table, as in the README's
# Robustness section); asserts nothing, since timings depend on the machine.
#   bench/robustness.sh [BINARY]        (default build/plantrack; `make build` first)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/plantrack}
[ -x "$bin" ] || { echo "no $bin: run make build first" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time (/usr/bin/time, Debian package time)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (wall time suffers on a busy machine; CPU time less)"
echo
echo "| shape | size | input | exit | time (s) | CPU (s) | peak RSS | bar (4 × input + 64 MiB) | within |"
echo "|---|---|---|---|---|---|---|---|---|"
while read -r shape size; do
  dir=$tmp/$shape-$size
  IFS=$'\t' read -r want pattern < <(python3 bench/hostile_shapes.py "$shape" "$size" "$dir")
  bytes=$(cat "$dir/plan.yaml" "$dir/actuals.yaml" | wc -c)
  set +e
  /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" timeout 600 "$bin" check "$dir/plan.yaml" \
    "$dir/actuals.yaml" >"$tmp/out" 2>"$tmp/err"
  code=$?
  set -e
  read -r elapsed user sys rss_kb < <(tail -n 1 "$tmp/time")  # after any "exited with" line
  cpu=$(awk "BEGIN { print $user + $sys }")
  bar_kb=$(((4 * bytes + (64 << 20)) / 1024))
  within=""
  [ "$rss_kb" -le "$bar_kb" ] || within="no: memory"
  if [ "$bytes" -lt $((2 << 20)) ] && awk "BEGIN { exit !($elapsed > 1) }"; then
    within="${within:-no:} time"
  fi
  [ "$code" = "$want" ] && grep -qE -- "$pattern" "$tmp/out" "$tmp/err" ||
    within="${within:-no:} exit $code, not $want with its message"
  within=${within:-yes}
  printf '| %s | %s | %s KiB | %s | %s | %s | %s MiB | %s MiB | %s |\n' "$shape" "$size" \
    $((bytes / 1024)) "$code" "$elapsed" "$cpu" $((rss_kb / 1024)) $((bar_kb / 1024)) "$within"
done <<'EOF'
long-id 100000
long-id 1000000
many-siblings 4000
many-siblings 38000
many-owners 4000
many-owners 29000
long-parent-id 100000
long-parent-id 1000000
one-line 10000
one-line 36000
long-scalar 300000
long-scalar 600000
bracket-run 1000000
bracket-run 2000000
brace-run 1000000
brace-run 2000000
EOF
