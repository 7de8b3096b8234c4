#!/usr/bin/env bash
# A run of millions of `[` or `{` fails with the depth error at its exact line and column, in
# linear time and small memory (SPEC §6: peak at most 4 x the input + 64 MiB), before the YAML
# parser allocates for it.
#   tests/test_deep_flow.sh BINARY
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
limit="nesting deeper than 64 levels (the limit; raise it with --max-depth)"
check() {  # NAME FILE EXPECTED-LINE:COLUMN
  local name=$1 file=$2 want=$3 size peak err
  size=$(stat -c %s "$file")
  if command -v /usr/bin/time >/dev/null; then
    /usr/bin/time -f %M -o "$tmp/peak" "$bin" validate "$file" >"$tmp/out" 2>"$tmp/err"
    peak=$(tail -1 "$tmp/peak")
  else
    "$bin" validate "$file" >"$tmp/out" 2>"$tmp/err"
    peak=0
  fi
  err=$(cat "$tmp/err")
  if [ "$err" != "$file:$want: error: $limit" ] || [ -s "$tmp/out" ]; then
    echo "FAIL $name: $err"
    fail=1
  elif [ "${PLANTRACK_SANITIZED:-0}" = 1 ]; then
    # ASan's shadow memory and quarantine are not the program's: the bar is for a plain build.
    echo "ok $name (memory not checked under a sanitizer: peak ${peak} KiB for ${size} bytes)"
  elif [ "$peak" -gt $(((4 * size + 64 * 1048576) / 1024)) ]; then
    echo "FAIL $name: peak ${peak} KiB for ${size} bytes"
    fail=1
  else
    echo "ok $name (peak ${peak} KiB for ${size} bytes)"
  fi
}
head='title: t\nperiod: {start: 2024-01-01, end: 2024-12-31}\n'
{ printf "$head"; printf 'targets: '; head -c 3000000 /dev/zero | tr '\0' '['; echo; } >"$tmp/brackets.yaml"
check brackets "$tmp/brackets.yaml" 3:73
{ printf "$head"; printf 'targets: ['; head -c 3000000 /dev/zero | tr '\0' ' '
  head -c 3000000 /dev/zero | tr '\0' '{'; echo; } >"$tmp/far.yaml"
check braces-past-3M-columns "$tmp/far.yaml" 3:3000073
{ printf "$head"; printf 'targets:\n  - {id: a, name: A, unit: x, target: 1, note: '
  head -c 3000000 /dev/zero | tr '\0' '['; echo; } >"$tmp/note.yaml"
check in-a-target "$tmp/note.yaml" 4:109
exit $fail
