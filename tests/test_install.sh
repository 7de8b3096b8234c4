#!/usr/bin/env bash
# `cmake --install` into a temporary prefix: every file in its conventional place, and the
# installed binary runs the county example (exit 1: it has a target that is behind).
#   tests/test_install.sh BUILD_DIR VERSION        (run from the repository root)
set -u
build=$1
version=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
no() { echo "FAIL install: $*"; fail=1; }

cmake --install "$build" --prefix "$tmp" >"$tmp.log" 2>&1 || { cat "$tmp.log"; no "cmake --install failed"; }
rm -f "$tmp.log"
for f in bin/plantrack share/man/man1/plantrack.1.gz share/bash-completion/completions/plantrack \
  share/zsh/vendor-completions/_plantrack share/plantrack/schema/plan.schema.json \
  share/plantrack/schema/actuals.schema.json share/doc/plantrack/examples/README.md \
  share/doc/plantrack/examples/county/plan.yaml share/doc/plantrack/examples/county/actuals/zhujie.yaml \
  share/doc/plantrack/examples/village/actuals.yaml share/doc/plantrack/copyright \
  share/doc/plantrack/changelog.gz; do
  [ -f "$tmp/$f" ] || no "$f is not installed"
done
[ -x "$tmp/bin/plantrack" ] || no "bin/plantrack is not executable"
gzip -t "$tmp/share/man/man1/plantrack.1.gz" 2>/dev/null || no "the man page is not gzipped"
cmp -s <(gzip -dc "$tmp/share/man/man1/plantrack.1.gz") man/plantrack.1 || no "the installed man page differs"
zh_page=$tmp/share/man/zh_CN/man1/plantrack.1.gz
gzip -t "$zh_page" 2>/dev/null || no "the Chinese man page is not installed (gzipped) in zh_CN/man1"
cmp -s <(gzip -dc "$zh_page") <(scripts/man_zh.sh man/plantrack.zh_CN.1 -) ||
  no "the installed Chinese man page differs"
gzip -t "$tmp/share/doc/plantrack/changelog.gz" 2>/dev/null || no "the changelog is not gzipped"
cmp -s <(gzip -dc "$tmp/share/doc/plantrack/changelog.gz") packaging/changelog || no "the installed changelog differs"
head -n 1 "$tmp/share/doc/plantrack/copyright" |
  grep -qx 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/' ||
  no "the copyright file is not machine-readable (DEP-5)"
grep -qx "plantrack ($version) .*" <(gzip -dc "$tmp/share/doc/plantrack/changelog.gz" | head -n 1) ||
  no "the changelog's first entry is not version $version"
# Modes: directories 0755, files 0644, the binary 0755, whatever the umask or checkout.
bad_modes=$(find "$tmp" -mindepth 1 \( -type d ! -perm 0755 \) -o \( -type f ! -path "$tmp/bin/*" ! -perm 0644 \) \
  -o \( -type f -path "$tmp/bin/*" ! -perm 0755 \))
[ -z "$bad_modes" ] || no "wrong modes: $bad_modes"
cmp -s "$tmp/share/bash-completion/completions/plantrack" completions/plantrack.bash || no "bash completion differs"

bin=$tmp/bin/plantrack
[ "$("$bin" --version)" = "plantrack $version" ] || no "--version says '$("$bin" --version)', not 'plantrack $version'"
for kind in plan actuals; do
  cmp -s <("$bin" schema $kind) "$tmp/share/plantrack/schema/$kind.schema.json" ||
    no "the installed $kind schema differs from \`plantrack schema $kind\`"
done
"$bin" check examples/county/plan.yaml examples/county/actuals >"$tmp/out" 2>&1
code=$?
[ $code = 1 ] || { cat "$tmp/out"; no "check on the county example exits $code, not 1"; }
grep -q behind "$tmp/out" || no "the county report has no behind target"
ex=$tmp/share/doc/plantrack/examples
"$bin" validate "$ex/county/plan.yaml" "$ex/county/actuals" >/dev/null 2>&1 || no "validate on the installed example failed"
# The installed binary's template points editors at the installed actuals schema.
first=$("$bin" template examples/county/plan.yaml | head -n 1)
[ "$first" = "# yaml-language-server: \$schema=$tmp/share/plantrack/schema/actuals.schema.json" ] ||
  no "the installed template's first line is '$first'"
if command -v man >/dev/null; then
  MANPATH=$tmp/share/man man -w plantrack 2>/dev/null | grep -q "$tmp" || no "man -w does not find the installed page"
  MANPATH=$tmp/share/man man -L zh_CN -w plantrack 2>/dev/null | grep -q "$tmp/share/man/zh_CN/" ||
    no "man -L zh_CN -w does not find the installed Chinese page"
fi

[ $fail = 0 ] && echo "install: all checks passed"
exit $fail
