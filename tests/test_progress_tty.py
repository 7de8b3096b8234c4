#!/usr/bin/env python3
"""Progress on stderr: shown on a terminal, never in a pipe unless asked, and never on stdout.

    tests/test_progress_tty.py BINARY        (run from the repository root)

Runs check and trend with stderr a pipe and with stderr a pseudo-terminal (stdout a pipe
always), and compares: stdout and the exit status are byte for byte those of a run without
progress; without a terminal (and without --progress) stderr is empty; on a terminal a quick run
shows nothing (the meter waits a second), PLANTRACK_PROGRESS_DELAY_MS=0 shows it at once, and the
line is erased ("\\r\\x1b[K") before the run ends or an error is printed; CI=… and --no-progress
keep it off; --progress into a pipe writes one line per step.
"""
import os
import pty
import subprocess
import sys
import tempfile
import threading

BIN = sys.argv[1]
COUNTY = ["examples/county/plan.yaml", "examples/county/actuals"]
HISTORY = COUNTY + ["examples/county/earlier"]
CLEAR = "\r\x1b[K"
failures = []


def fail(message):
    failures.append(message)
    print("FAIL", message)


def environment(extra):
    env = {k: v for k, v in os.environ.items()
           if k not in ("CI", "NO_COLOR", "PLANTRACK_PROGRESS_DELAY_MS")}
    env.update({"LANG": "C.UTF-8", "LC_ALL": "", "TERM": "xterm", "TZ": "UTC"})
    env.update(extra)
    return env


def run_pipe(args, env=None):
    r = subprocess.run([BIN, *args], capture_output=True, env=environment(env or {}))
    return r.returncode, r.stdout, r.stderr.decode("utf-8")


def run_tty(args, env=None):
    """stderr on a pseudo-terminal, stdout a pipe."""
    master, slave = pty.openpty()
    got = bytearray()

    def read():
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # EIO: the terminal's other side is closed
                return
            if not chunk:
                return
            got.extend(chunk)

    reader = threading.Thread(target=read)
    reader.start()
    p = subprocess.Popen([BIN, *args], stdout=subprocess.PIPE, stderr=slave, stdin=subprocess.DEVNULL,
                         env=environment(env or {}))
    os.close(slave)
    out, _ = p.communicate(timeout=300)
    reader.join(timeout=30)
    os.close(master)
    return p.returncode, out, got.decode("utf-8", "replace")


def expect_same(name, base, run):
    if run[0] != base[0]:
        fail(f"{name}: exit {run[0]}, without progress {base[0]}")
    if run[1] != base[1]:
        fail(f"{name}: stdout differs from the run without progress")


def main():
    cases = [
        ("check", ["check", *COUNTY]),
        ("check json", ["check", *COUNTY, "--format", "json"]),
        ("check html history", ["check", *HISTORY, "--format", "html", "--compare", "2024-Q2"]),
        ("trend", ["trend", *HISTORY, "--at", "2024-Q1,2024-Q2,2024-Q3"]),
    ]
    for name, args in cases:
        base = run_pipe(args)
        if base[2]:
            fail(f"{name}: stderr without a terminal: {base[2]!r}")
        # A pipe, asked: a line per step, nothing on stdout.
        asked = run_pipe(args + ["--progress"])
        expect_same(f"{name} --progress (pipe)", base, asked)
        lines = asked[2].splitlines()
        if not lines or not lines[0].startswith("plantrack: reading examples/county/plan.yaml and "):
            fail(f"{name} --progress (pipe): stderr {asked[2]!r}")
        if not any(line.startswith("plantrack: evaluating 26 targets at ") for line in lines):
            fail(f"{name} --progress (pipe): no evaluating line in {asked[2]!r}")
        if CLEAR in asked[2] or "\x1b" in asked[2]:
            fail(f"{name} --progress (pipe): terminal codes in a pipe: {asked[2]!r}")
        # A terminal: a quick run shows nothing.
        quick = run_tty(args)
        expect_same(f"{name} (terminal)", base, quick)
        if quick[2]:
            fail(f"{name} (terminal): a quick run shows {quick[2]!r}")
        # A terminal, shown at once: redrawn in place, erased before the end.
        shown = run_tty(args, {"PLANTRACK_PROGRESS_DELAY_MS": "0"})
        expect_same(f"{name} (terminal, no delay)", base, shown)
        if not shown[2].startswith(CLEAR + "plantrack: reading ") or not shown[2].endswith(CLEAR):
            fail(f"{name} (terminal, no delay): stderr {shown[2]!r}")
        if "\n" in shown[2]:
            fail(f"{name} (terminal, no delay): a newline in the meter's line: {shown[2]!r}")
        for extra, env in [(["--no-progress"], {"PLANTRACK_PROGRESS_DELAY_MS": "0"}),
                           ([], {"PLANTRACK_PROGRESS_DELAY_MS": "0", "CI": "true"}),
                           ([], {"PLANTRACK_PROGRESS_DELAY_MS": "0", "TERM": "dumb"})]:
            off = run_tty(args + extra, env)
            expect_same(f"{name} {extra} {env} (terminal)", base, off)
            if off[2]:
                fail(f"{name} {extra} {env} (terminal): stderr {off[2]!r}")
        forced = run_tty(args + ["--progress", "--lang", "zh"])
        if "正在读取examples/county/plan.yaml和" not in forced[2] or not forced[2].endswith(CLEAR):
            fail(f"{name} --progress --lang zh (terminal): stderr {forced[2]!r}")

    # -o FILE: the meter says it is writing; the file is the same as without progress.
    with tempfile.TemporaryDirectory() as tmp:
        plain, shown = os.path.join(tmp, "a.json"), os.path.join(tmp, "b.json")
        run_pipe(["check", *COUNTY, "-o", plain])
        r = run_pipe(["check", *COUNTY, "-o", shown, "--progress"])
        if f"plantrack: writing {shown}" not in r[2]:
            fail(f"-o --progress: no writing line in {r[2]!r}")
        with open(plain, "rb") as a, open(shown, "rb") as b:
            if a.read() != b.read():
                fail("-o --progress: the file differs from the one written without progress")

    # -o /dev/stdout (a pipe here) is standard output: erased before, no "writing".
    r = run_tty(["check", *COUNTY, "--format", "json", "-o", "/dev/stdout"],
                {"PLANTRACK_PROGRESS_DELAY_MS": "0"})
    if "writing" in r[2] or not r[2].endswith(CLEAR) or not r[1].startswith(b"{"):
        fail(f"-o /dev/stdout (terminal): stderr {r[2]!r}")

    # An input error: the line is erased before the message, which stays as it is.
    bad = ["check", "examples/county/plan.yaml", "tests/data/no-such-file.yaml"]
    base = run_pipe(bad)
    r = run_tty(bad, {"PLANTRACK_PROGRESS_DELAY_MS": "0"})
    message = base[2].replace("\n", "\r\n")  # the terminal turns LF into CRLF
    if r[0] != 2 or not r[2].endswith(CLEAR + message):
        fail(f"input error (terminal): exit {r[0]}, stderr {r[2]!r}, want ...{CLEAR + message!r}")

    # A bigger run shows how far it has got.
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "bench/gen.py", "--targets", "3000", "--out", tmp],
                       check=True, capture_output=True)
        args = ["check", f"{tmp}/plan.yaml", f"{tmp}/actuals", "--format", "json"]
        base = run_pipe(args)
        r = run_tty(args, {"PLANTRACK_PROGRESS_DELAY_MS": "0"})
        expect_same("3000 targets (terminal)", base, r)
        if "%" not in r[2] or "actuals files" not in r[2] or not r[2].endswith(CLEAR):
            fail(f"3000 targets (terminal): stderr {r[2][:300]!r}")

    print(f"progress: {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
