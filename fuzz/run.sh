#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for SECONDS (default 60), seeded with the
# examples (fuzz_shapes: with fuzz/shapes/, templates of SPEC §6's hostile shapes). Findings land
# in fuzz/findings/; turn each into a regression test under tests/cases/ (or
# tests/test_hostile_shapes.sh) before fixing it.
#   fuzz/run.sh [SECONDS [TARGET...]]     TARGET: loader, check, shapes, sheets (default: all four)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(loader check shapes sheets)
scripts/deps.sh clang libclang-rt-14-dev
cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DPLANTRACK_FUZZ=ON -DPLANTRACK_TESTS=OFF >/dev/null
cmake --build build-fuzz -j2 $(printf -- '--target fuzz_%s ' "${targets[@]}")
mkdir -p build-fuzz/corpus-loader build-fuzz/corpus-check build-fuzz/corpus-shapes \
  build-fuzz/corpus-sheets fuzz/findings
# CSV seeds start with the byte that picks the encoding (0 detect, 1 UTF-8, 2 GB18030); xlsx
# seeds are whole workbooks (they start with PK).
for f in tests/cases/sheets-*/*.csv tests/cases/sheets-*/*.xlsx; do
  name=build-fuzz/corpus-sheets/$(echo "$f" | tr / _)
  case $f in *.csv) { printf '\0'; cat "$f"; } >"$name" ;; *) cp "$f" "$name" ;; esac
done
for f in examples/*/plan.yaml examples/*/actuals.yaml examples/*/actuals/*.yaml tests/cases/*/*.yaml; do
  cp "$f" "build-fuzz/corpus-loader/$(echo "$f" | tr / _)"
done
for plan in examples/*/plan.yaml; do
  dir=$(dirname "$plan")
  for act in "$dir"/actuals.yaml "$dir"/actuals/*.yaml; do
    [ -f "$act" ] || continue
    { cat "$plan"; printf '\n---8<---\n'; cat "$act"; } >"build-fuzz/corpus-check/$(echo "$act" | tr / _)"
  done
done
cp fuzz/shapes/* build-fuzz/corpus-shapes/
for target in "${targets[@]}"; do
  # A shape is blown up to 1 MiB: 60 s (wall clock) is ample for linear work even on a busy machine,
  # while quadratic work on 1 MiB takes minutes to hours.
  timeout=10 max_len=65536
  [ "$target" = shapes ] && timeout=60 max_len=4096
  echo "== fuzz_$target for ${seconds}s"
  build-fuzz/fuzz/fuzz_$target -max_total_time="$seconds" -timeout=$timeout -rss_limit_mb=4096 \
    -max_len=$max_len -dict=fuzz/plantrack.dict -artifact_prefix=fuzz/findings/ \
    -print_final_stats=1 "build-fuzz/corpus-$target" 2>&1 | grep -E '^(Done|==|SUMMARY|stat::number|stat::new|artifact_prefix|Test unit written)' || true
done
ls fuzz/findings
