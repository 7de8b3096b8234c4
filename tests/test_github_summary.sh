#!/usr/bin/env bash
# --format github also appends the Markdown report to $GITHUB_STEP_SUMMARY when it is set (the
# run's summary page), after what is there; without the variable, or in another format, nothing.
#   tests/test_github_summary.sh PLANTRACK        (run from the repository root)
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
no() { echo "FAIL github-summary: $*"; fail=1; }
args=(check examples/county/plan.yaml examples/county/actuals)
printf '## earlier step\n' >"$tmp/summary.md"
GITHUB_STEP_SUMMARY=$tmp/summary.md LANG=C.UTF-8 "$bin" "${args[@]}" --format github >"$tmp/out"
code=$?
[ $code = 1 ] || no "exit $code, not 1"
LANG=C.UTF-8 "$bin" "${args[@]}" --format github | cmp -s - "$tmp/out" || no "stdout changes with GITHUB_STEP_SUMMARY"
{ printf '## earlier step\n'; LANG=C.UTF-8 "$bin" "${args[@]}" --format markdown; echo; } >"$tmp/want.md"
cmp -s "$tmp/summary.md" "$tmp/want.md" || { diff "$tmp/want.md" "$tmp/summary.md" | head; no "the summary is not the earlier text + the markdown report"; }
GITHUB_STEP_SUMMARY=$tmp/other.md LANG=C.UTF-8 "$bin" "${args[@]}" --format json >/dev/null
[ -e "$tmp/other.md" ] && no "--format json wrote a step summary"
GITHUB_STEP_SUMMARY=$tmp/no/such/dir.md LANG=C.UTF-8 "$bin" "${args[@]}" --format github >/dev/null 2>"$tmp/err"
code=$?
[ $code = 1 ] || no "an unwritable summary changes the exit status to $code"
grep -q 'cannot append the summary' "$tmp/err" || no "no warning for an unwritable summary"
[ $fail = 0 ] && echo "github-summary: all checks passed"
exit $fail
