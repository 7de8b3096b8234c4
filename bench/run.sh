#!/usr/bin/env bash
# bench/run.sh — plantrack performance benchmark, one command.
#
#   bench/run.sh [SIZES...]          # default sizes: 10000 100000 1000000 (leaf targets)
#   BENCH_STYLES="wordy compact flow" bench/run.sh ...   # input styles (default: all three)
#   make bench                       # same thing
#
# What it does:
#   1. builds plantrack in Release:
#        cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release && cmake --build build-release -j2
#      If that fails (project not ready), it says so and goes on with the baselines only.
#   2. builds the yaml-cpp floor:  g++ -O2 -std=c++20 bench/yaml_floor.cpp -lyaml-cpp
#      and, for information, the libyaml one: gcc -O2 bench/libyaml_floor.c -lyaml
#      (into $BENCH_DIR/bin/);
#   3. generates the inputs with bench/gen.py --style S into $BENCH_DIR/<S>-n<N>/ (plan.yaml +
#      actuals/), only when missing or when gen.py changed since (stamp file .gen-stamp); the
#      styles (gen.py's docstring): wordy (long names, list-form actuals), compact (short ids
#      and names, map-form actuals) and flow (compact, one flow mapping per plan target);
#   4. runs, for every size, each tool BENCH_RUNS times:
#        plantrack check PLAN ACTUALS_DIR --as-of 2024-09-30 --format json > /dev/null
#        plantrack trend PLAN ACTUALS_DIR --at 2024-03-31,2024-06-30,2024-08-31,2024-09-30
#                        --format json > /dev/null    (4 dates; BENCH_TREND_AT to change them)
#        yaml_floor PLAN ACTUALS_DIR/*.yaml                  (bare yaml-cpp event parse)
#        libyaml_floor PLAN ACTUALS_DIR/*.yaml               (for information: bare libyaml parse)
#        /usr/bin/python3 bench/baseline_pyyaml.py PLAN ACTUALS_DIR --as-of 2024-09-30
#      under GNU time (/usr/bin/time -f '%e %U %M': user CPU seconds and peak RSS); the wall
#      time is taken around it with bash's EPOCHREALTIME (µs resolution);
#      and, for the compact style (BENCH_SHEETS=1, the default), the same check with the
#      actuals as CSV and as XLSX files (bench/sheets.py: one spreadsheet per actuals file, one
#      row per entry) and with the plan alone (an empty CSV): the actuals' cost per entry of
#      each format is its check's user time less the plan-alone one's;
#   5. times the county example (plantrack check examples/county/plan.yaml
#      examples/county/actuals --format json; goal ≤ 20 ms), when both exist;
#   6. prints a Markdown table (median [min–max] wall, median user, peak RSS, MB/s),
#      the ratios (plantrack/yaml_floor, pyyaml/plantrack, RSS/input, time(N)/time(N/10)),
#      the goals from the issue with pass/FAIL, and a cross-check of plantrack's status
#      counts against the PyYAML baseline's. The report is also saved to
#      bench/out/results-<N...>.md (bench/out/ is git-ignored).
#
# Environment:
#   BENCH_DIR               scratch dir for inputs and raw timings (default /tmp/plantrack-bench)
#   BENCH_STYLES            input styles to measure (default "wordy compact flow")
#   BENCH_RUNS              runs per tool and size (default 3). When BENCH_RUNS is NOT set,
#                           the PyYAML baseline runs only once at sizes >= 1000000 (it takes
#                           minutes and ~10 GB there); set BENCH_RUNS to force it everywhere.
#   BENCH_SKIP_PYYAML_ABOVE skip the PyYAML baseline for sizes > N (default: never skip)
#   BENCH_AS_OF             --as-of passed to plantrack and the baseline (default 2024-09-30)
#   BENCH_CROSSCHECK        1 (default): one extra untimed plantrack run per size whose JSON
#                           summary is compared with the baseline's; 0 to skip
#   BENCH_SHEETS            1 (default): also time CSV and XLSX actuals on the compact style; 0 to skip
#   BENCH_LIBYAML           1 (default): also time libyaml_floor (information only); 0 to skip
#   PLANTRACK               use this plantrack binary and skip the CMake build
#   BENCH_PYTHON            python with PyYAML + libyaml (default /usr/bin/python3)
#
# Exit status: 0 when everything ran (goals not met are reported, not fatal); 1 when a tool
# failed on a generated input (exit status other than 0/1 for plantrack, non-zero otherwise).

set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 2

if [ $# -gt 0 ]; then SIZES=("$@"); else SIZES=(10000 100000 1000000); fi
read -r -a STYLES <<<"${BENCH_STYLES:-wordy compact flow}"
for s in "${STYLES[@]}"; do
  case $s in wordy | compact | flow) ;; *) printf 'bench: error: style %s is not wordy, compact or flow\n' "$s" >&2; exit 2 ;; esac
done
BENCH_DIR=${BENCH_DIR:-/tmp/plantrack-bench}
RUNS_SET=${BENCH_RUNS+x}
RUNS=${BENCH_RUNS:-3}
SKIP_PYYAML_ABOVE=${BENCH_SKIP_PYYAML_ABOVE:-}
AS_OF=${BENCH_AS_OF:-2024-09-30}
CROSSCHECK=${BENCH_CROSSCHECK:-1}
PY=${BENCH_PYTHON:-/usr/bin/python3}
LIBYAML=${BENCH_LIBYAML:-1}
SHEETS=${BENCH_SHEETS:-1}
TIME=/usr/bin/time

log() { printf '%s\n' "bench: $*" >&2; }
die() { printf '%s\n' "bench: error: $*" >&2; exit 2; }

for n in "${SIZES[@]}"; do
  if ! [[ "$n" =~ ^[0-9]+$ ]] || [ "$n" -lt 10 ]; then die "size '$n' is not a whole number >= 10"; fi
done
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "BENCH_RUNS must be a positive whole number"

mkdir -p "$BENCH_DIR/bin" || die "cannot create $BENCH_DIR"
RAW="$BENCH_DIR/runs.tsv"
: >"$RAW"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)

# ---- tools ------------------------------------------------------------------------------
if ! "$TIME" --version 2>&1 | grep -q GNU; then
  if [ "$(id -u)" -eq 0 ]; then
    log "installing GNU time (apt-get install time)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null 2>&1 ||
      { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null 2>&1; }
  fi
  "$TIME" --version 2>&1 | grep -q GNU || die "GNU time is needed at /usr/bin/time (apt-get install time)"
fi
"$PY" -c 'import yaml, sys; sys.exit(0 if yaml.__with_libyaml__ else 1)' 2>/dev/null ||
  die "$PY has no PyYAML with libyaml (Debian: apt-get install python3-yaml; or set BENCH_PYTHON)"

PT=""
BUILD_NOTE=""
if [ -n "${PLANTRACK:-}" ]; then
  [ -x "$PLANTRACK" ] || die "PLANTRACK=$PLANTRACK is not an executable"
  PT=$PLANTRACK
  BUILD_NOTE="plantrack: $PT (PLANTRACK, not rebuilt)"
else
  log "building plantrack (Release) in build-release/ ..."
  BUILD_LOG="$BENCH_DIR/build.log"
  if { cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release && cmake --build build-release -j2; } \
      >"$BUILD_LOG" 2>&1 && [ -x build-release/plantrack ]; then
    PT="$ROOT/build-release/plantrack"
    BUILD_NOTE="plantrack: build-release/plantrack (CMake Release, $(git rev-parse --short HEAD 2>/dev/null || echo 'no commit')$(git diff --quiet HEAD -- src 2>/dev/null || echo ', src/ modified'))"
  else
    echo "**plantrack could not be built — the project is not ready (see $BUILD_LOG).**" >&2
    echo "**Continuing with the baselines only (yaml_floor, PyYAML).**" >&2
    tail -n 15 "$BUILD_LOG" | sed 's/^/    /' >&2
    BUILD_NOTE="plantrack: NOT BUILT (cmake failed, see $BUILD_LOG) — baselines only"
  fi
fi

FLOOR="$BENCH_DIR/bin/yaml_floor"
if [ ! -x "$FLOOR" ] || [ bench/yaml_floor.cpp -nt "$FLOOR" ]; then
  log "building yaml_floor ..."
  g++ -O2 -std=c++20 bench/yaml_floor.cpp -lyaml-cpp -o "$FLOOR" || die "cannot build bench/yaml_floor.cpp"
fi

LFLOOR="$BENCH_DIR/bin/libyaml_floor"
if [ "$LIBYAML" = 1 ] && { [ ! -x "$LFLOOR" ] || [ bench/libyaml_floor.c -nt "$LFLOOR" ]; }; then
  log "building libyaml_floor ..."
  gcc -O2 bench/libyaml_floor.c -lyaml -o "$LFLOOR" ||
    { log "cannot build bench/libyaml_floor.c (libyaml-dev missing?): skipping it"; LIBYAML=0; }
fi

# ---- inputs -----------------------------------------------------------------------------
GEN_HASH=$(sha256sum bench/gen.py | cut -c1-16)
gen_input() {  # $1 = style, $2 = N
  local d="$BENCH_DIR/$1-n$2"
  if [ "$(cat "$d/.gen-stamp" 2>/dev/null)" != "$GEN_HASH $1 $2" ] || [ ! -f "$d/plan.yaml" ]; then
    log "generating $2 targets ($1) into $d ..."
    rm -rf "$d"
    "$PY" bench/gen.py --targets "$2" --style "$1" --out "$d" || die "gen.py failed for $1 $2"
    echo "$GEN_HASH $1 $2" >"$d/.gen-stamp"
  fi
  if [ "$SHEETS" = 1 ] && [ "$1" = compact ]; then
    local f
    for f in csv xlsx; do
      if [ ! -d "$d/actuals-$f" ] || [ bench/sheets.py -nt "$d/actuals-$f" ] || [ "$d/.gen-stamp" -nt "$d/actuals-$f" ]; then
        log "writing the $2 targets' actuals as $f into $d/actuals-$f ..."
        rm -rf "$d/actuals-$f"
        "$PY" bench/sheets.py "$d/actuals" "$d/actuals-$f" --format "$f" || die "sheets.py failed for $f $2"
      fi
    done
  fi
}

# ---- measuring --------------------------------------------------------------------------
# run_one N TOOL RUN INPUT_BYTES OK_CODES CMD... : one timed run appended to $RAW.
FAILED=0
run_one() {
  local n=$1 tool=$2 run=$3 bytes=$4 ok=$5
  shift 5
  local tf="$BENCH_DIR/time.out" ef="$BENCH_DIR/stderr.$tool" of="$BENCH_DIR/stdout.$tool"
  local out=/dev/null
  case $tool in plantrack | trend | csv | xlsx | plan_only) ;; *) out=$of ;; esac
  local t0=$EPOCHREALTIME
  "$TIME" -f '%e %U %M %S' -o "$tf" "$@" >"$out" 2>"$ef"
  local rc=$?
  local t1=$EPOCHREALTIME
  local wall
  wall=$(awk -v a="${t0/,/.}" -v b="${t1/,/.}" 'BEGIN { printf "%.4f", b - a }')
  local last user rss sys
  last=$(tail -n 1 "$tf")
  user=$(echo "$last" | awk '{print $2}')
  rss=$(echo "$last" | awk '{print $3}')
  sys=$(echo "$last" | awk '{print $4}')
  local status=ok
  if ! [[ " $ok " == *" $rc "* ]]; then
    status="exit$rc"
    FAILED=1
    log "$tool failed at N=$n (exit $rc):"
    head -n 5 "$ef" | sed 's/^/    /' >&2
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$tool" "$run" "$wall" "$user" "$rss" "$bytes" "$status" "$sys" >>"$RAW"
  log "  $tool N=$n run $run: wall ${wall}s user ${user}s sys ${sys}s rss $((rss / 1024)) MB ($status)"
  [ "$status" = ok ]
}

CROSS="$BENCH_DIR/crosscheck.tsv"
: >"$CROSS"

for style in "${STYLES[@]}"; do
for size in "${SIZES[@]}"; do
  n="$style:$size"  # the row key of the report: style:N
  gen_input "$style" "$size"
  d="$BENCH_DIR/$style-n$size"
  plan="$d/plan.yaml"
  acts="$d/actuals"
  files=("$acts"/*.yaml)
  bytes=$(cat "$plan" "${files[@]}" | wc -c)
  log "N=$n: $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB input, ${#files[@]} actuals files"

  if [ -n "$PT" ]; then
    for ((r = 1; r <= RUNS; r++)); do
      run_one "$n" plantrack "$r" "$bytes" "0 1" "$PT" check "$plan" "$acts" --as-of "$AS_OF" --format json || break
    done
    # trend at 4 dates up to the as-of (the issue's budget: 1.3x the time, 1.2x the memory of
    # one check), the inputs read once.
    for ((r = 1; r <= RUNS; r++)); do
      run_one "$n" trend "$r" "$bytes" "0 1" "$PT" trend "$plan" "$acts" \
        --at "${BENCH_TREND_AT:-2024-03-31,2024-06-30,2024-08-31,$AS_OF}" --format json || break
    done
    if [ "$SHEETS" = 1 ] && [ "$style" = compact ]; then
      # The same check with spreadsheet actuals, and with the plan alone (SPEC: a header-only
      # CSV is a valid, empty actuals file): what each format's entries cost.
      for tool in plan_only csv xlsx; do
        case $tool in plan_only) a="$d/empty.csv" ;; *) a="$d/actuals-$tool" ;; esac
        for ((r = 1; r <= RUNS; r++)); do
          run_one "$n" "$tool" "$r" "$bytes" "0 1" "$PT" check "$plan" "$a" --as-of "$AS_OF" --format json || break
        done
      done
    fi
    if [ "$CROSSCHECK" = 1 ]; then
      "$PT" check "$plan" "$acts" --as-of "$AS_OF" --format json 2>/dev/null | head -c 200000 >"$BENCH_DIR/pt-head.json"
      printf '%s\tplantrack\t%s\n' "$n" "$(tr -d '\n' <"$BENCH_DIR/pt-head.json" | grep -o '"by_status"[^}]*}' | head -n 1)" >>"$CROSS"
    fi
  fi

  for ((r = 1; r <= RUNS; r++)); do
    run_one "$n" yaml_floor "$r" "$bytes" "0" "$FLOOR" "$plan" "${files[@]}" || break
  done

  if [ "$LIBYAML" = 1 ]; then
    for ((r = 1; r <= RUNS; r++)); do
      run_one "$n" libyaml_floor "$r" "$bytes" "0" "$LFLOOR" "$plan" "${files[@]}" || break
    done
  fi

  if [ -n "$SKIP_PYYAML_ABOVE" ] && [ "$size" -gt "$SKIP_PYYAML_ABOVE" ]; then
    log "  pyyaml skipped at N=$n (BENCH_SKIP_PYYAML_ABOVE=$SKIP_PYYAML_ABOVE)"
  else
    pruns=$RUNS
    [ -z "$RUNS_SET" ] && [ "$size" -ge 1000000 ] && pruns=1
    for ((r = 1; r <= pruns; r++)); do
      run_one "$n" pyyaml "$r" "$bytes" "0" "$PY" bench/baseline_pyyaml.py "$plan" "$acts" --as-of "$AS_OF" || break
    done
    printf '%s\tpyyaml\t%s\n' "$n" "$(grep -o '"by_status"[^}]*}' "$BENCH_DIR/stdout.pyyaml" | head -n 1)" >>"$CROSS"
  fi
done
done

# The county example (small-input latency; goal <= 20 ms).
COUNTY_RUNS=$((RUNS < 10 ? 10 : RUNS))
if [ -n "$PT" ] && [ -f examples/county/plan.yaml ] && [ -d examples/county/actuals ]; then
  cbytes=$(cat examples/county/plan.yaml examples/county/actuals/*.y*ml | wc -c)
  for ((r = 1; r <= COUNTY_RUNS; r++)); do
    run_one county plantrack "$r" "$cbytes" "0 1" "$PT" check examples/county/plan.yaml examples/county/actuals --format json || break
  done
fi

# ---- report -----------------------------------------------------------------------------
mkdir -p bench/out
REPORT="bench/out/results-$(IFS=-; echo "${STYLES[*]}-${SIZES[*]}").md"
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)
"$PY" - "$RAW" "$CROSS" "$BUILD_NOTE" "$RUNS" "$AS_OF" "$LOAD_START" "$LOAD_END" <<'PYEOF' | tee "$REPORT"
import statistics, sys, platform, os, datetime
raw, cross, note, runs, as_of, load0, load1 = sys.argv[1:8]
rows = [l.rstrip("\n").split("\t") for l in open(raw) if l.strip()]
data = {}
for n, tool, run, wall, user, rss, nbytes, status, sys_s in rows:
    d = data.setdefault((n, tool), {"wall": [], "user": [], "sys": [], "rss": [], "bytes": int(nbytes), "bad": []})
    if status != "ok":
        d["bad"].append(status)
        continue
    d["wall"].append(float(wall)); d["user"].append(float(user)); d["rss"].append(int(rss))
    d["sys"].append(float(sys_s))

def med(x): return statistics.median(x) if x else None
# Row keys are "style:N" (bench/gen.py --style), and "county" for the example.
STYLE_ORDER = {"wordy": 0, "compact": 1, "flow": 2}
def style_of(k): return k.split(":")[0]
def size_of(k): return int(k.split(":")[1])
def label(k): return f"{size_of(k)} {style_of(k)}"
sizes = []
for n, _ in data:
    if n != "county" and n not in sizes: sizes.append(n)
sizes.sort(key=lambda k: (STYLE_ORDER.get(style_of(k), 9), size_of(k)))
tools = ["plantrack", "trend", "plan_only", "csv", "xlsx", "yaml_floor", "libyaml_floor", "pyyaml"]

print(f"## plantrack benchmark — {datetime.date.today().isoformat()}\n")
print(f"- {note}")
cpu = ""
try:
    for l in open("/proc/cpuinfo"):
        if l.startswith("model name"): cpu = l.split(":", 1)[1].strip(); break
except OSError: pass
print(f"- machine: {os.cpu_count()} cores {cpu}, {platform.system()} {platform.release()}")
print(f"- runs per tool and size: {runs} (median [min–max]); --as-of {as_of}; input MB = plan + actuals bytes / 10^6")
print(f"- wall: EPOCHREALTIME around GNU time; user: GNU time %U; peak RSS: GNU time %M (max over runs)")
print(f"- load average (1/5/15 min) at start: {load0}; at end: {load1}")
busy = [n for (n, t), d in data.items() if t == "yaml_floor" and d["wall"] and med(d["user"]) > 0.2
        and med(d["wall"]) > 1.25 * (med(d["user"]) + med(d["sys"]))]
if busy:
    print(f"- **the machine looks busy**: the single-threaded yaml_floor's wall time is > 1.25× its "
          f"CPU time (user + sys) (N={', '.join(label(k) for k in busy)}); wall times and wall ratios are inflated, "
          f"compare user s instead or rerun on a quiet machine")
print()
print("| N | style | tool | input MB | wall s (median [min–max]) | user s | peak RSS MB | MB/s |")
print("|---:|---|---|---:|---|---:|---:|---:|")
def fmt_t(x):
    return f"{x:.3f}" if x < 10 else f"{x:.2f}" if x < 100 else f"{x:.1f}"
for n in sizes:
    for t in tools:
        d = data.get((n, t))
        if not d: continue
        mb = d["bytes"] / 1e6
        if not d["wall"]:
            print(f"| {size_of(n)} | {style_of(n)} | {t} | {mb:.1f} | failed ({', '.join(d['bad'])}) | | | |")
            continue
        w = med(d["wall"])
        print(f"| {size_of(n)} | {style_of(n)} | {t} | {mb:.1f} | {fmt_t(w)} [{fmt_t(min(d['wall']))}–{fmt_t(max(d['wall']))}] | "
              f"{fmt_t(med(d['user']))} | {max(d['rss']) / 1024:.0f} | {mb / w:.1f} |")
c = data.get(("county", "plantrack"))
if c and c["wall"]:
    print(f"| county example | | plantrack | {c['bytes'] / 1e6:.3f} | {med(c['wall']) * 1000:.1f} ms "
          f"[{min(c['wall']) * 1000:.1f}–{max(c['wall']) * 1000:.1f}] | {fmt_t(med(c['user']))} | "
          f"{max(c['rss']) / 1024:.0f} | |")

def w(n, t):
    d = data.get((n, t)); return med(d["wall"]) if d and d["wall"] else None
def r(d):
    return d and d["rss"] and max(d["rss"]) * 1024
print("\n### Ratios\n")
print("| N | style | plantrack / yaml_floor wall | plantrack / yaml_floor user | plantrack / libyaml_floor wall | pyyaml / plantrack wall | plantrack RSS / input | yaml_floor RSS / input | pyyaml RSS / input |")
print("|---:|---|---:|---:|---:|---:|---:|---:|---:|")
def u(n, t):
    d = data.get((n, t)); return med(d["user"]) if d and d["user"] else None
def f2(x, suf="×"): return "–" if x is None else f"{x:.2f}{suf}"
for n in sizes:
    pt, fl, py, lf = w(n, "plantrack"), w(n, "yaml_floor"), w(n, "pyyaml"), w(n, "libyaml_floor")
    nb = data[next(k for k in data if k[0] == n)]["bytes"]
    rr = lambda t: (r(data.get((n, t))) / nb) if r(data.get((n, t))) else None
    ptu, flu = u(n, "plantrack"), u(n, "yaml_floor")
    print(f"| {size_of(n)} | {style_of(n)} | {f2(pt / fl if pt and fl else None)} | {f2(ptu / flu if ptu and flu else None)} | {f2(pt / lf if pt and lf else None)} | {f2(py / pt if py and pt else None)} | "
          f"{f2(rr('plantrack'))} | {f2(rr('yaml_floor'))} | {f2(rr('pyyaml'))} |")
def prev_of(k): return f"{style_of(k)}:{size_of(k) // 10}"
pairs = [n for n in sizes if prev_of(n) in sizes]
if pairs:
    print("\n### Scaling: wall(N) / wall(N/10)\n")
    print("| N | style | " + " | ".join(tools) + " |")
    print("|---:|---|" + "---:|" * len(tools))
for n in pairs:
    prev = prev_of(n)
    cells = []
    for t in tools:
        a, b = w(n, t), w(prev, t)
        cells.append(f2(a / b if a and b else None))
    print(f"| {size_of(n)} | {style_of(n)} | " + " | ".join(cells) + " |")

print("\n### Goals (the performance issues: a national-scale plan in seconds, in under 2× the input's memory)\n")
def goal(label, val, ok):
    print(f"- {'pass' if ok else '**FAIL**'}: {label} — {val}")
anypt = any(w(n, "plantrack") for n in sizes)
if not anypt:
    print("- plantrack was not measured: goals not evaluated.")
else:
    for style in sorted({style_of(k) for k in sizes}, key=lambda x: STYLE_ORDER.get(x, 9)):
        big = max((k for k in sizes if style_of(k) == style), key=size_of)
        at = f" ({label(big)})" + ("" if size_of(big) == 1000000 else "; the goal is for N=1000000")
        pt, fl, py = w(big, "plantrack"), w(big, "yaml_floor"), w(big, "pyyaml")
        nb = data[(big, "plantrack")]["bytes"] if (big, "plantrack") in data else None
        if pt is None:
            continue
        if style == "wordy":
            goal("end-to-end ≤ 20 s wall" + at, f"{pt:.2f} s", pt <= 20)
        if fl: goal("wall ≤ 0.6× the single-threaded yaml_floor" + at, f"{pt / fl:.2f}×", pt / fl <= 0.6)
        if py: goal("≥ 10× faster than PyYAML" + at, f"{py / pt:.1f}×", py / pt >= 10)
        rss = r(data[(big, "plantrack")])
        if rss and nb: goal("peak RSS ≤ 2× input bytes" + at, f"{rss / nb:.2f}×", rss / nb <= 2)
        tr = w(big, "trend")
        if tr: goal("trend over 4 dates ≤ 1.3× the time of one check" + at, f"{tr / pt:.2f}×", tr / pt <= 1.3)
        trss = r(data.get((big, "trend")))
        if trss and rss: goal("trend over 4 dates ≤ 1.2× the peak RSS of one check" + at, f"{trss / rss:.2f}×", trss / rss <= 1.2)
    # Spreadsheet actuals: each format's entries cost its check's user time less the plan
    # alone's (user time: steadier than wall on a shared machine).
    for n in sizes:
        base, yml = u(n, "plan_only"), u(n, "plantrack")
        if base is None or yml is None:
            continue
        for t in ("csv", "xlsx"):
            x = u(n, t)
            if x is not None and yml - base > 0:
                goal(f"{t.upper()} actuals ≤ 2× the YAML actuals' user time per entry ({label(n)})",
                     f"{(x - base) / (yml - base):.2f}× (actuals alone: {t} {x - base:.2f} s, yaml {yml - base:.2f} s)",
                     (x - base) / (yml - base) <= 2)
    for n in pairs:
        for t in ("csv", "xlsx"):
            a, b = w(n, t), w(prev_of(n), t)
            if a and b: goal(f"{t.upper()} actuals: 10× targets ≤ 11× time ({label(prev_of(n))} → {label(n)})", f"{a / b:.2f}×", a / b <= 11)
    for n in pairs:
        a, b = w(n, "plantrack"), w(prev_of(n), "plantrack")
        if a and b: goal(f"10× targets ≤ 11× time ({label(prev_of(n))} → {label(n)})", f"{a / b:.2f}×", a / b <= 11)
    if c and c["wall"]:
        goal("county example ≤ 20 ms", f"{med(c['wall']) * 1000:.1f} ms", med(c["wall"]) <= 0.020)

cr = [l.rstrip("\n").split("\t") for l in open(cross) if l.strip()]
bys = {}
for n, tool, s in cr: bys.setdefault(n, {})[tool] = s
if any(len(b) == 2 for b in bys.values()):
    print("\n### Cross-check: status counts, plantrack vs the PyYAML baseline\n")
    import json
    def counts(x):
        try:
            return {k: v for k, v in json.loads(x.split(":", 1)[1]).items() if v}
        except Exception:
            return None
    for n in sizes:
        b = bys.get(n, {})
        if "plantrack" in b and "pyyaml" in b:
            p, q = counts(b["plantrack"]), counts(b["pyyaml"])
            print(f"- N={label(n)}: {'same' if p is not None and p == q else '**differ**'}")
            if p is None or p != q:
                print(f"  - plantrack: `{b['plantrack'] or '(no by_status found)'}`")
                print(f"  - pyyaml:    `{b['pyyaml']}`")
PYEOF
log "report saved to $REPORT; raw timings in $RAW"
exit $FAILED
