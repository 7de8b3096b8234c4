#!/usr/bin/env bash
# JUnit output against an XML Schema with xmllint: tests/data/junit-plantrack.xsd (as strict as
# Jenkins' xUnit plugin's junit-10.xsd: no extra attributes on a testcase, no `skipped` on
# testsuites), and also against PLANTRACK_JUNIT_XSD when it names another schema (junit-10.xsd).
#   tests/test_junit_schema.sh PLANTRACK        (run from the repository root)
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
schemas=(tests/data/junit-plantrack.xsd)
[ -n "${PLANTRACK_JUNIT_XSD:-}" ] && schemas+=("$PLANTRACK_JUNIT_XSD")
fail=0
n=0
check() {
  n=$((n + 1))
  LANG=C.UTF-8 "$bin" check "$@" --format junit >"$tmp/$n.xml" 2>"$tmp/err"
  code=$?
  if [ $code -gt 1 ]; then
    echo "FAIL junit-schema: plantrack check $* exits $code: $(cat "$tmp/err")"
    fail=1
    return
  fi
  for xsd in "${schemas[@]}"; do
    if ! xmllint --noout --schema "$xsd" "$tmp/$n.xml" 2>"$tmp/lint"; then
      echo "FAIL junit-schema: check $* is not valid against $xsd:"
      cat "$tmp/lint"
      fail=1
    fi
  done
}
check examples/county/plan.yaml examples/county/actuals
check examples/county/plan.yaml examples/county/actuals --lang zh
check examples/school/plan.yaml examples/school/actuals.yaml
check examples/city/plan.yaml examples/city/actuals.yaml
check tests/cases/format-escaping/plan.yaml tests/cases/format-escaping/actuals.yaml
check tests/cases/findings-all/plan.yaml tests/cases/findings-all/a.yaml \
  tests/cases/findings-all/b.yaml --as-of 2024-09-30
check examples/county/plan.yaml examples/county/actuals --only-problems
[ $fail = 0 ] && echo "junit-schema: $n reports valid against ${schemas[*]}"
exit $fail
