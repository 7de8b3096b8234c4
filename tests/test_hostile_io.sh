#!/usr/bin/env bash
# Hostile inputs and outputs that cannot live as files in git: 1M-deep nesting, FIFOs, devices,
# size limits, closed pipes, -o onto devices and FIFOs. Each check has a time limit.
#   tests/test_hostile_io.sh BINARY
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
check() {  # NAME EXPECTED_EXIT STDERR_PATTERN (- = empty) -- COMMAND...
  local name=$1 want=$2 pattern=$3
  shift 4
  timeout 20 "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  local err_ok
  if [ "$pattern" = "-" ]; then [ ! -s "$tmp/err" ] && err_ok=1 || err_ok=0; else
    grep -qE -- "$pattern" "$tmp/err" && err_ok=1 || err_ok=0; fi
  if [ "$got" = "$want" ] && [ "$err_ok" = 1 ] && { [ "$want" != 2 ] || [ ! -s "$tmp/out" ]; }; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL $name: exit $got (want $want), stderr:"
    head -3 "$tmp/err"
  fi
}
plan=examples/county/plan.yaml
acts=examples/county/actuals

python3 -c "print('actuals: ' + '[' * 1000000 + ']' * 1000000)" >"$tmp/deep-flow.yaml"
python3 -c "print('actuals:\n' + '- ' * 1000000 + '1')" >"$tmp/deep-block.yaml"
check deep-flow 2 'deep-flow.yaml:1:[0-9]+: error: nesting deeper than 64 levels' -- "$bin" check "$plan" "$tmp/deep-flow.yaml"
check deep-block 2 'deep-block.yaml:2:[0-9]+: error: nesting deeper than 64 levels' -- "$bin" check "$plan" "$tmp/deep-block.yaml"

mkfifo "$tmp/fifo.yaml"
check fifo-input 2 'fifo.yaml:1:1: error: not a regular file' -- "$bin" check "$plan" "$tmp/fifo.yaml"
check dev-zero 2 '/dev/zero:1:1: error: not a regular file' -- "$bin" check "$plan" /dev/zero
check missing 2 'nope.yaml:1:1: error: cannot read: No such file or directory' -- "$bin" check "$plan" "$tmp/nope.yaml"

head -c 2000000 /dev/zero | tr '\0' '#' >"$tmp/big.yaml"
check size-cap 2 'big.yaml:1:1: error: the file is 2000000 bytes, over the limit of 1048576' -- "$bin" check "$plan" "$tmp/big.yaml" --max-input-size 1

if [ "$(id -u)" != 0 ]; then
  cp "$acts/zhujie.yaml" "$tmp/locked.yaml"
  chmod 000 "$tmp/locked.yaml"
  check unreadable 2 'locked.yaml:1:1: error: cannot read: Permission denied' -- "$bin" check "$plan" "$tmp/locked.yaml"
else
  echo "skip unreadable: running as root, which reads any file"
fi

# Output: /dev/null stays a device; a FIFO is written straight; a regular file atomically.
check out-dev-null 1 - -- "$bin" check "$plan" "$acts" -o /dev/null
[ -c /dev/null ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL /dev/null is no longer a device"; }
mkfifo "$tmp/out.fifo"
(cat "$tmp/out.fifo" >"$tmp/fifo-copy") &
check out-fifo 1 - -- "$bin" check "$plan" "$acts" --format json -o "$tmp/out.fifo"
wait
grep -q '"plantrack": 1' "$tmp/fifo-copy" && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL nothing came through the FIFO"; }
echo old >"$tmp/report.json"
check out-input-error 2 'error' -- "$bin" check "$plan" "$tmp/deep-flow.yaml" -o "$tmp/report.json"
[ "$(cat "$tmp/report.json")" = old ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL -o touched on input error"; }
check out-file 1 - -- "$bin" check "$plan" "$acts" -o "$tmp/report.json"
grep -q '"plantrack": 1' "$tmp/report.json" && [ -z "$(ls -A "$tmp" | grep '\.tmp')" ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL -o result or leftover temp file"; }
check out-folder 2 'cannot write .*: it is a folder' -- "$bin" check "$plan" "$acts" -o "$tmp"

# A closed pipe: a clear message and exit 2, not a SIGPIPE death (141).
python3 "$(dirname "$0")/../bench/gen.py" --targets 10000 --out "$tmp/big" >/dev/null 2>&1
"$bin" check "$tmp/big/plan.yaml" "$tmp/big/actuals" 2>"$tmp/pipe-err" | head -1 >/dev/null
code=${PIPESTATUS[0]}
if [ "$code" = 2 ] && grep -q 'cannot write the output' "$tmp/pipe-err"; then pass=$((pass + 1)); else
  fail=$((fail + 1)); echo "FAIL closed pipe: exit $code"; cat "$tmp/pipe-err"; fi

# Inputs are never written.
before=$(cat "$plan" "$acts"/*.yaml | md5sum)
"$bin" check "$plan" "$acts" >/dev/null
[ "$before" = "$(cat "$plan" "$acts"/*.yaml | md5sum)" ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL an input changed"; }

echo "hostile-io: $pass passed, $fail failed"
[ "$fail" = 0 ]
