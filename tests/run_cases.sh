#!/usr/bin/env bash
# Golden end-to-end tests: runs the built binary on each case folder and compares exactly.
#
#   tests/run_cases.sh BINARY CASES_DIR [NAME...]
#
# A case is a folder holding `args` (the command line after `plantrack`, one shell-quoted
# line, paths relative to the repository root, which is the working directory) and the
# expected results: `expected.out` (stdout), `expected.err` (stderr), `expected.exit`.
# Optional: `env` (lines NAME=VALUE added to the environment), `stdin` (fed to the command).
# UPDATE=1 rewrites the expected files from what the binary does now (review the diff!).
set -u
bin=$1
cases=$2
shift 2
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ $# -gt 0 ]; then names=("$@"); else names=(); for d in "$cases"/*/; do names+=("$(basename "$d")"); done; fi
for name in "${names[@]}"; do
  dir=$cases/$name
  [ -f "$dir/args" ] || continue
  envs=()
  [ -f "$dir/env" ] && while IFS= read -r line; do [ -n "$line" ] && envs+=("$line"); done <"$dir/env"
  eval "set -- $(cat "$dir/args")"
  input=/dev/null
  [ -f "$dir/stdin" ] && input=$dir/stdin
  env -u NO_COLOR LANG=C.UTF-8 LC_ALL= TZ=UTC "${envs[@]}" "$bin" "$@" <"$input" >"$tmp/out" 2>"$tmp/err"
  code=$?
  echo "$code" >"$tmp/exit"
  if [ "${UPDATE:-}" = 1 ]; then
    cp "$tmp/out" "$dir/expected.out"
    cp "$tmp/err" "$dir/expected.err"
    cp "$tmp/exit" "$dir/expected.exit"
  fi
  ok=1
  for part in out err exit; do
    if ! cmp -s "$tmp/$part" "$dir/expected.$part"; then
      ok=0
      echo "--- $name: $part differs"
      diff -u "$dir/expected.$part" "$tmp/$part" | head -40
    fi
  done
  if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $name"; fi
done
echo "golden: $pass passed, $fail failed"
[ $fail = 0 ]
