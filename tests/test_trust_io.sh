#!/usr/bin/env bash
# Issue #11, what golden cases cannot hold: -o never lands on an input of the run (by path,
# ./spelling, symlink, hard link, a file inside an actuals folder, template's plan), -o onto a
# symlink keeps the link, the extension rules write the right format, the temporary file goes
# away on SIGTERM, and the same file named twice is read once.
#   tests/test_trust_io.sh BINARY
set -u
bin=$(realpath "$1")
root=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
cp -r "$root/examples/county" "$tmp/c"
cd "$tmp/c" || exit 2
sum() { cat plan.yaml actuals/*.yaml | md5sum; }
before=$(sum)

# -o naming an input: usage error, exit 2, nothing on stdout, the input untouched.
ln -s plan.yaml link-to-plan.yaml
ln plan.yaml hard-plan.yaml
ln -s actuals link-to-actuals
for args in "check plan.yaml actuals -o plan.yaml" \
            "check plan.yaml actuals --format json -o ./plan.yaml" \
            "check plan.yaml actuals -o actuals/zhujie.yaml" \
            "check plan.yaml actuals/ -o actuals//bameng.yaml" \
            "check plan.yaml actuals/zhujie.yaml -o ./actuals/zhujie.yaml" \
            "check plan.yaml actuals -o link-to-plan.yaml" \
            "check plan.yaml actuals -o hard-plan.yaml" \
            "check plan.yaml link-to-actuals -o actuals/diwei.yaml" \
            "check plan.yaml actuals --format json -o $tmp/c/actuals/fupinban.yaml" \
            "check plan.yaml missing.yaml -o missing.yaml" \
            "template plan.yaml -o plan.yaml" \
            "template plan.yaml -o hard-plan.yaml" \
            "template plan.yaml -o link-to-plan.yaml"; do
  # shellcheck disable=SC2086
  "$bin" $args >out 2>err
  code=$?
  if [ "$code" = 2 ] && [ ! -s out ] && grep -q 'names an input of this run' err; then ok; else
    bad "$args: exit $code: $(head -1 err)"; fi
done
[ "$(sum)" = "$before" ] && ok || bad "an input changed"
[ -L link-to-plan.yaml ] && ok || bad "the link to the plan is no longer a link"
[ ! -e missing.yaml ] && ok || bad "missing.yaml was written"

# stdin redirected from the plan: -o the plan is still an input.
"$bin" check - actuals -o plan.yaml <plan.yaml >out 2>err
[ $? = 2 ] && grep -q 'names an input' err && ok || bad "-o the file standard input reads"

# -o onto a symlink: the target is written (atomically), the link stays a link.
echo old >real.json
ln -s real.json report.json
"$bin" check plan.yaml actuals -o report.json >/dev/null 2>err
[ -L report.json ] && grep -q '"plantrack": 1' real.json && ok || bad "-o symlink: $(cat err)"
mkdir -p sub && echo old >sub/t.md && ln -s sub/t.md rel.md
"$bin" check plan.yaml actuals -o rel.md >/dev/null 2>err
[ -L rel.md ] && grep -q '^# ' sub/t.md && ok || bad "-o relative symlink"

# -o /dev/stdout into a pipe: written straight (its link ends at "pipe:[…]", not a path).
out=$("$bin" check plan.yaml actuals --format json -o /dev/stdout 2>err | head -c 40)
case $out in *'"plantrack": 1'*) ok ;; *) bad "-o /dev/stdout into a pipe: $(cat err)" ;; esac

# Extensions, any letter case; .txt is the table, .XLSX the workbook; unknown ones are usage errors.
"$bin" check plan.yaml actuals -o r.JSON >/dev/null 2>&1; grep -q '"plantrack": 1' r.JSON && ok || bad ".JSON"
"$bin" check plan.yaml actuals -o r.markdown >/dev/null 2>&1; head -1 r.markdown | grep -q '^# ' && ok || bad ".markdown"
"$bin" check plan.yaml actuals -o r.Htm >/dev/null 2>&1; grep -q '<!DOCTYPE html>' r.Htm && ok || bad ".Htm"
"$bin" check plan.yaml actuals -o r.txt >/dev/null 2>&1; grep -q '^ID  ' r.txt && ok || bad ".txt"
"$bin" check plan.yaml actuals -o r.XLSX >/dev/null 2>&1; [ "$(head -c 2 r.XLSX)" = PK ] && ok || bad ".XLSX"
for f in report.pdf noext; do
  "$bin" check plan.yaml actuals -o $f >out 2>err
  [ $? = 2 ] && [ ! -e $f ] && [ ! -s out ] && ok || bad "-o $f: $(cat err)"
done
"$bin" check plan.yaml actuals --format csv -o report.pdf >/dev/null 2>&1 && false; [ -s report.pdf ] && ok || bad "--format with any extension"
rm -f report.pdf

# A hard link to an actuals file given as well: read once (the same add entries not doubled).
ln actuals/zhujie.yaml zhujie-again.yaml
a=$("$bin" check plan.yaml actuals --format json | md5sum)
b=$("$bin" check plan.yaml actuals zhujie-again.yaml ./actuals/zhujie.yaml link-to-actuals --format json | md5sum)
[ "$a" = "$b" ] && ok || bad "the same file through a hard link, ./ and a symlinked folder is read more than once"

# A folder of many filled-in templates of one size: each copy found, the others read once.
mkdir -p same-size
for i in $(seq 1000 1399); do
  printf 'plantrack: 1\nas_of: 2024-06-30\nactuals:\n  houses: %s\n' "$i" >"same-size/t$i.yaml"
done
cp same-size/t1200.yaml same-size/u-copy.yaml
"$bin" check plan.yaml same-size --format json >out 2>err
[ "$(grep -c '"duplicate-input"' out)" = 1 ] && grep -q 'same-size/t1200.yaml' out && ok ||
  bad "400 files of one size and a copy: $(head -c 300 err)"

# SIGTERM while -o is being written: no temporary file left behind.
python3 "$root/bench/gen.py" --targets 200000 --out "$tmp/big" >/dev/null 2>&1
if [ -f "$tmp/big/plan.yaml" ]; then
  mkdir -p "$tmp/out"
  "$bin" check "$tmp/big/plan.yaml" "$tmp/big/actuals" --format json -o "$tmp/out/r.json" 2>/dev/null &
  pid=$!
  seen=0
  for _ in $(seq 1 2000); do
    if ls -A "$tmp/out" | grep -q '\.tmp'; then seen=1; kill -TERM $pid; break; fi
    kill -0 $pid 2>/dev/null || break
    sleep 0.005
  done
  wait $pid 2>/dev/null
  if [ $seen = 1 ]; then
    [ -z "$(ls -A "$tmp/out" | grep '\.tmp')" ] && ok || bad "a temporary file was left after SIGTERM"
  else
    echo "skip sigterm: the write was over before the temporary file was seen"
  fi
fi

echo "trust-io: $pass passed, $fail failed"
[ "$fail" = 0 ]
