#!/usr/bin/env bash
# SPEC §6's hostile files, generated here (too big or too odd for git): the shapes that once took
# quadratic time or memory (bench/hostile_shapes.py), numbers past 10^15 and infinities, CSV
# formulas, newlines in file names, bidirectional controls. Each check asserts the exit status and
# the located message; a time limit only catches a hang (bench/robustness.sh measures).
#   tests/test_hostile_shapes.sh BINARY
set -u
bin=$1
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
# run NAME EXPECTED_EXIT PATTERN -- ARGS...: PATTERN (extended regexp) must match stderr for exit
# 2 (with stdout empty), stdout otherwise.
run() {
  local name=$1 want=$2 pattern=$3
  shift 4
  timeout 60 "$bin" "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$? where=$tmp/out
  [ "$want" = 2 ] && where=$tmp/err
  if [ "$got" = "$want" ] && grep -qE -- "$pattern" "$where" && { [ "$want" != 2 ] || [ ! -s "$tmp/out" ]; }; then
    ok
  else
    bad "$name: exit $got (want $want), wanted /$pattern/ in:"
    head -c 600 "$where" | head -4
  fi
}

# The shapes, each at a size that took seconds to minutes before (see README, Robustness).
for shape in "long-id 100000" "long-id 1000000" "many-siblings 20000" "many-owners 29000" "long-parent-id 1000000" \
  "long-parent-id 10000" "one-line 10000" \
  "long-scalar 300000" "bracket-run 100000" "brace-run 100000"; do
  set -- $shape
  dir=$tmp/$1-$2
  IFS=$'\t' read -r code pattern < <(python3 "$root/bench/hostile_shapes.py" "$1" "$2" "$dir")
  run "$1 $2" "$code" "$pattern" -- check "$dir/plan.yaml" "$dir/actuals.yaml"
done

# The full-id budget fires at the same target whether the plan is read whole or in pieces.
python3 - "$tmp/cut.yaml" <<'EOF'
import sys
lines = ["plantrack: 1", "title: t", "period: {start: 2024-01-01, end: 2024-12-31}", "targets:"]
for top in range(3):
    lines.append(f"  - id: {'p' * 200000}{top}")
    lines.append("    name: n")
    lines.append("    children:")
    lines += [f"      - {{id: c{i}, name: n, unit: 个, target: 1}}" for i in range(60)]
open(sys.argv[1], "w").write("\n".join(lines) + "\n")
EOF
for bytes in 0 1 100000; do
  PLANTRACK_PIECE_BYTES=$bytes "$bin" validate "$tmp/cut.yaml" >"$tmp/out" 2>"$tmp/err-$bytes"
done
if grep -qE "cut\.yaml:[0-9]+:[0-9]+: error: the targets' full ids" "$tmp/err-0" && cmp -s "$tmp/err-0" "$tmp/err-1" &&
  cmp -s "$tmp/err-0" "$tmp/err-100000"; then ok; else bad "full-id budget, whole and cut:"; head -c 300 "$tmp"/err-*; fi

# Numbers: over 10^15 as written or once converted, an error at the number; never inf or nan.
plan() {  # plan FILE TARGETS... (each one flow mapping line)
  local f=$1
  shift
  { printf 'plantrack: 1\ntitle: t\nperiod: {start: 2024-01-01, end: 2024-12-31}\n'
    [ -n "${UNITS:-}" ] && printf 'units: %s\n' "$UNITS"
    printf 'targets:\n'
    for t in "$@"; do printf '  - %s\n' "$t"; done; } >"$f"
}
acts() {  # acts FILE ENTRIES... (list form, each one flow mapping line)
  local f=$1
  shift
  { printf 'plantrack: 1\nactuals:\n'; for e in "$@"; do printf '  - %s\n' "$e"; done; } >"$f"
}
# A key past YAML's 1024 characters (a long id in the map form) is named as such.
plan "$tmp/p.yaml" '{id: a, name: A, unit: 元, target: 10}'
{ printf 'plantrack: 1\nas_of: 2024-06-30\nactuals:\n  '; head -c 3000 /dev/zero | tr '\0' a; printf ': 1\n'; } >"$tmp/a.yaml"
run long-map-key 2 "a\.yaml:4:3003: error: a key longer than 1024 characters \(YAML's limit for a key written without \`\?\`\)" -- \
  check "$tmp/p.yaml" "$tmp/a.yaml"

plan "$tmp/p.yaml" '{id: a, name: A, unit: 元, target: 1e308}'
acts "$tmp/a.yaml" '{id: a, date: 2024-06-30, value: 1}'
run target-1e308 2 'p\.yaml:5:39: error: `target`: `1e308` is too large \(the limit is 10\^15\)' -- \
  check "$tmp/p.yaml" "$tmp/a.yaml"
plan "$tmp/p.yaml" '{id: a, name: A, unit: 元, target: 1000}'
acts "$tmp/a.yaml" '{id: a, date: 2024-06-30, add: 1.7e308}' '{id: a, date: 2024-06-30, add: 1.7e308}'
run add-1.7e308 2 'a\.yaml:4:36: error: `add`: `1.7e308` is too large' -- check "$tmp/p.yaml" "$tmp/a.yaml" --format json
grep -q 'a\.yaml:3:36: error' "$tmp/err" && ok || bad "add-1.7e308: the first add is not reported"
acts "$tmp/a.yaml" '{id: a, date: 2024-06-30, value: 1000000000000001}'
run value-over-1e15 2 'a\.yaml:3:38: error: `value`: `1000000000000001` is too large' -- check "$tmp/p.yaml" "$tmp/a.yaml"
acts "$tmp/a.yaml" '{id: a, date: 2024-06-30, value: 1e15}'
run value-1e15 0 '"actual": 1000000000000000' -- check "$tmp/p.yaml" "$tmp/a.yaml" --format json
acts "$tmp/a.yaml" '{id: a, date: 2024-06-30, value: 1e14, unit: 亿元}'
run converted-over-1e15 2 'a\.yaml:3:5: error: `value` 100,000,000,000,000 亿元 is 1e\+22 元 in the unit of `a`: over 10\^15' -- \
  check "$tmp/p.yaml" "$tmp/a.yaml"
UNITS='{X: 1e15 元, Y: 1e15 X}' plan "$tmp/p.yaml" '{id: a, name: A, unit: Y, target: 1}'
run unit-factor-chain 2 'p\.yaml:4:[0-9]+: error: unit `Y` is 1e\+30 times the base unit' -- check "$tmp/p.yaml" "$tmp/a.yaml"
plan "$tmp/p.yaml" '{id: a, name: A, unit: 元, baseline: 1000, target: {growth: 1e14%}}'
run growth-over-1e15 2 'p\.yaml:5:[0-9]+: error: `growth` gives a target over 10\^15' -- check "$tmp/p.yaml" "$tmp/a.yaml"
# A divisor so small that progress and pace overflow a double: unknown (null), never inf.
plan "$tmp/p.yaml" '{id: a, name: A, unit: 元, target: 1e-300}' '{id: b, name: B, unit: 元, target: 10}'
entries=('{id: a, date: 2024-06-30, value: 1e15}')
for i in $(seq 1 200); do entries+=("{id: b, date: 2024-06-30, add: 1e15}"); done
acts "$tmp/a.yaml" "${entries[@]}"
for format in json table markdown csv junit github html; do
  timeout 60 "$bin" check "$tmp/p.yaml" "$tmp/a.yaml" --format "$format" >"$tmp/out" 2>"$tmp/err"
  code=$?
  if [ "$code" = 0 ] && ! grep -qiwE 'inf|nan|infinity' "$tmp/out"; then ok; else
    bad "no-inf $format: exit $code, or inf/nan in the output:"; grep -m3 -iwE 'inf|nan|infinity' "$tmp/out"; fi
done
"$bin" check "$tmp/p.yaml" "$tmp/a.yaml" --format json >"$tmp/out"
python3 - "$tmp/out" <<'EOF' && ok || bad "no-inf: JSON"
import json, sys
def no_constant(c): raise ValueError(c)
r = json.loads(open(sys.argv[1]).read(), parse_constant=no_constant)
a, b = r["targets"]
assert a["actual"] == 1e15 and a["progress"] is None and a["status"] == "done", a
assert b["actual"] == 2e17 and b["status"] == "done", b  # a sum past 10^15 stays a number
assert any(f["code"] == "suspicious" and f["target"] == "b" for f in r["findings"]), r["findings"]
EOF

# CSV: a cell a spreadsheet would run as a formula gets a leading ', in every column.
plan "$tmp/p.yaml" '{id: -x, name: "=1+1", unit: "+u", owner: "@me", note: "\tTAB", target: 1, children: [{id: c, name: "\rCR", unit: "-u", target: 1}]}'
acts "$tmp/a.yaml" '{id: -x.c, date: 2024-06-30, value: 1}'
"$bin" check "$tmp/p.yaml" "$tmp/a.yaml" --format csv >"$tmp/out"
python3 - "$tmp/out" <<'EOF' && ok || bad "csv formula guard"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
x, c = rows
assert x["id"] == "'-x" and c["id"] == "'-x.c" and c["parent"] == "'-x", (x["id"], c["id"], c["parent"])
assert x["name"] == "'=1+1" and x["unit"] == "'+u" and x["owner"] == "'@me" and x["note"] == "'\tTAB", x
assert c["name"] == "'\rCR" and c["unit"] == "'-u", c
for row in rows:
    for key, cell in row.items():
        if cell and cell[0] in "=+@\t\r" or (cell[:1] == "-" and key not in
                ("min", "max", "baseline", "actual", "expected", "progress", "pace", "remaining", "variance")):
            raise SystemExit(f"unguarded {key}: {cell!r}")
EOF

# A file name holding a newline: no output puts what follows it at the start of a line.
mkdir -p "$tmp/nl"
plan "$tmp/nl/p.yaml" '{id: a, name: A, unit: 元, target: 10}'
evil=$tmp/nl/$'x\n::error file=y::boom\r\n::warning::z.yaml'
acts "$evil" '{id: nope, date: 2024-06-30, value: 1}'
for format in junit github table markdown html; do
  "$bin" check "$tmp/nl/p.yaml" "$evil" --format "$format" >"$tmp/out" 2>"$tmp/err"
  starts='^::(error file=y|warning::z)'  # what the file name would start lines with
  [ "$format" = github ] || starts='^::'  # no other format writes a workflow command at all
  if [ "$(grep -c 'nope' "$tmp/out")" = 0 ] || tr '\r' '\n' <"$tmp/out" | grep -qaE "$starts"; then
    bad "newline in file name, $format:"; tr '\r' '\n' <"$tmp/out" | grep -naE "$starts" | head -5
  else ok; fi
done
"$bin" check "$tmp/nl/p.yaml" "$tmp/nl/missing"$'\n::error::x' >"$tmp/out" 2>"$tmp/err"
if grep -qa '^::' "$tmp/err"; then bad "newline in a missing file's name reaches stderr raw"; else ok; fi

# Bidirectional and invisible controls: escaped in every human-facing format.
plan "$tmp/p.yaml" $'{id: a, name: "L\u200eR\u200fA\u061cE\u202aO\u202eI\u2066P\u2069", unit: 元, target: 10}'
acts "$tmp/a.yaml" '{id: a, date: 2024-06-30, value: 1}'
for format in table markdown html junit github; do
  "$bin" check "$tmp/p.yaml" "$tmp/a.yaml" --format "$format" >"$tmp/out" 2>&1
  if grep -qaP '\x{200E}|\x{200F}|\x{061C}|\x{202A}|\x{202E}|\x{2066}|\x{2069}' "$tmp/out" ||
    ! grep -qaE 'L\\+u200ER\\+u200FA\\+u061CE\\+u202AO' "$tmp/out"; then
    bad "bidi controls in $format:"; grep -a -m2 'L' "$tmp/out"
  else ok; fi
done

echo "hostile-shapes: $pass passed, $fail failed"
[ "$fail" = 0 ]
