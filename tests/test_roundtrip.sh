#!/usr/bin/env bash
# template -> fill in -> validate -> check, for every example, in both forms:
# the printed template validates as it is (no entries), and again once filled in (sed);
# check then uses every value, and the map and list forms give the same report.
#   tests/test_roundtrip.sh BINARY        (run from the repository root)
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
no() { echo "FAIL roundtrip: $*"; fail=1; }

for plan in examples/*/plan.yaml; do
  ex=$(basename "$(dirname "$plan")")
  for form in map list; do
    t=$tmp/$ex-$form.yaml
    "$bin" template "$plan" --by 填报单位 --as-of 2024-Q3 --form $form -o "$t" || no "$ex $form: template failed"
    out=$("$bin" validate "$plan" "$t" 2>&1) || no "$ex $form: the empty template does not validate: $out"
    [[ $out == *"ok, 0 entries"* ]] || no "$ex $form: the empty template has entries: $out"
    [[ $out == *", 0 warnings"* ]] || no "$ex $form: the empty template has warnings: $out"
    if [ $form = map ]; then
      sed -E -e 's/^(  [^ #][^ ]*:)$/\1 1/' -e 's/\{done: \}/{done: 2024-09-01}/' "$t" >"$t.filled"
    else
      sed -E -e 's/value: \}/value: 1}/' -e 's/done: \}/done: 2024-09-01}/' "$t" >"$t.filled"
    fi
    want=$(grep -cE '^  ([^ #]|- )' "$t")
    out=$("$bin" validate "$plan" "$t.filled" 2>&1) || no "$ex $form: the filled template does not validate: $out"
    [[ $out == *"ok, $want entries"* ]] || no "$ex $form: want $want entries: $out"
    "$bin" check "$plan" "$t.filled" --format json >"$t.json"
    code=$?
    [ $code = 0 ] || [ $code = 1 ] || no "$ex $form: check exits $code"
  done
  cmp -s "$tmp/$ex-map.yaml.json" "$tmp/$ex-list.yaml.json" || no "$ex: map and list forms give different reports"
  python3 - "$tmp/$ex-map.yaml.json" "$tmp/$ex-map.yaml" <<'PY' || no "$ex: not every filled-in value was used"
import json, re, sys
report = json.load(open(sys.argv[1]))
asked = {m.group(1).strip('"') for m in re.finditer(r"^  ([^ #][^ ]*):", open(sys.argv[2]).read(), re.M)}
asked.discard("actuals")
targets = {t["id"]: t for t in report["targets"]}
bad = [i for i in asked if targets[i]["kind"] != "milestone" and targets[i]["actual"] != 1]
bad += [i for i in asked if targets[i]["kind"] == "milestone" and targets[i]["done_on"] != "2024-09-01"]
bad += [f["code"] for f in report["findings"] if f["code"] in ("unknown-target", "wrong-kind", "unit-mismatch", "conflict")]
if bad: print("not used:", bad); sys.exit(1)
PY
done

[ $fail = 0 ] && echo "roundtrip: all checks passed"
exit $fail
