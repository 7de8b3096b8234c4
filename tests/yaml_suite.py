#!/usr/bin/env python3
"""Runs plantrack's YAML reading over the official YAML 1.2 conformance suite.

    tests/yaml_suite.py SUITE_DIR [--echo build/tests/yaml_echo] [-v]
    tests/yaml_suite.py SUITE_DIR --plantrack build/plantrack

SUITE_DIR is a checkout of the `data` branch of yaml/yaml-test-suite (one folder per test, some
with numbered sub-folders: `in.yaml`, `in.json` for valid tests, an `error` file for invalid
ones). Each `in.yaml` is read by `yaml_echo` -- plantrack's reading layer exactly as it reads a
plan or an actuals file -- which prints the tree it read; the script resolves plain scalars by
the YAML 1.2 core schema and compares with `in.json`.

Counts: agree (valid and read right, or invalid and rejected), wrong values, valid rejected (by
the by-design class of the message, or `other` when no class explains it), invalid accepted.
Exit status 1 when there is a wrong value, a valid file rejected outside the by-design classes,
or an invalid file accepted. The suite itself is not part of this repository.

With --plantrack, each document is instead embedded (indented) as the `note` of a target in a
plan, and what `plantrack check --format json` echoes is compared, for the documents whose value
is text; invalid documents must be rejected.
"""
import argparse
import json
import math
import os
import re
import subprocess
import sys

# Valid YAML that plantrack rejects on purpose (SPEC §6, README "Decisions"), by message.
BY_DESIGN = [
    ("anchors/aliases", re.compile(r"anchors \(&|aliases \(\*")),
    ("multiple documents", re.compile(r"a second YAML document")),
    ("tags", re.compile(r"YAML tags \(")),
    ("non-text keys", re.compile(r"a mapping key must be plain text")),
    ("duplicate keys", re.compile(r"duplicate key")),
    ("directives", re.compile(r"directive")),
    ("control characters", re.compile(r"control character")),
    ("flow keys over several lines", re.compile(r"write a key inside `(\{ \}|\[ \])`")),
    ("no space after `:` before `[` or `{`", re.compile(r"write a space after this `:`")),
    ("unindented document-level block scalar",
     re.compile(r"document that is one block scalar with unindented lines")),
]

NULLS = {"", "~", "null", "Null", "NULL"}
TRUES = {"true", "True", "TRUE"}
FALSES = {"false", "False", "FALSE"}
INT = re.compile(r"[-+]?[0-9]+\Z")
OCT = re.compile(r"0o[0-7]+\Z")
HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
INF = re.compile(r"[-+]?\.(inf|Inf|INF)\Z")
NAN = re.compile(r"\.(nan|NaN|NAN)\Z")


def resolve(s):
    """A plain scalar by the YAML 1.2 core schema."""
    if s in NULLS:
        return None
    if s in TRUES:
        return True
    if s in FALSES:
        return False
    if INT.match(s):
        return int(s)
    if OCT.match(s):
        return int(s[2:], 8)
    if HEX.match(s):
        return int(s[2:], 16)
    if FLOAT.match(s):
        return float(s)
    if INF.match(s):
        return -math.inf if s.startswith("-") else math.inf
    if NAN.match(s):
        return math.nan
    return s


def to_json(node):
    """yaml_echo's tree as the JSON value in.json holds."""
    if node is None:
        return None
    if isinstance(node, list):
        return [to_json(n) for n in node]
    if "m" in node:
        out = {}
        for k, v in node["m"]:
            key = k["s"] if isinstance(k, dict) and "s" in k else json.dumps(to_json(k))
            out[key] = to_json(v)
        return out
    return node["s"] if node["q"] else resolve(node["s"])


def json_documents(text):
    """in.json may hold several documents one after another (or none)."""
    dec = json.JSONDecoder()
    docs, i = [], 0
    while True:
        while i < len(text) and text[i] in " \t\r\n":
            i += 1
        if i >= len(text):
            return docs
        value, i = dec.raw_decode(text, i)
        docs.append(value)


def same(a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b if isinstance(a, bool) and isinstance(b, bool) else False
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if isinstance(a, float) and math.isnan(a):
            return isinstance(b, float) and math.isnan(b)
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return a == b


def unescape_event(t):
    return (t.replace("\\\\", "\0").replace("\\n", "\n").replace("\\t", "\t")
            .replace("\\b", "\b").replace("\\r", "\r").replace("\0", "\\"))


def event_documents(text):
    """test.event as JSON-like values (for the tests without in.json): keys as their text."""
    docs, stack = [], []

    def add(v):
        if not stack:
            docs.append(v)
            return
        top = stack[-1]
        if isinstance(top, list):
            top.append(v)
        else:
            top[1].append(v)
            if len(top[1]) == 2:
                k, val = top[1]
                top[0][k if isinstance(k, str) else json.dumps(k)] = val
                top[1].clear()

    for line in text.splitlines():
        ev = line.split(" ", 1)
        rest = ev[1] if len(ev) > 1 else ""
        rest = re.sub(r"^(&\S+ )?(<[^>]*> )?", "", rest)
        tagged = "<" in line.split(" ")[1] if len(ev) > 1 and line.split(" ")[1].startswith("<") \
            else False
        if ev[0] in ("+MAP", "+SEQ"):
            stack.append([] if ev[0] == "+SEQ" else ({}, []))
        elif ev[0] in ("-MAP", "-SEQ"):
            v = stack.pop()
            add(v if isinstance(v, list) else v[0])
        elif ev[0] == "=VAL":
            style, val = rest[:1], unescape_event(rest[1:])
            add(resolve(val) if style == ":" and not tagged else val)
        elif ev[0] == "=ALI":
            add(None)
    return docs


def tests(root):
    for name in sorted(os.listdir(root)):
        d = os.path.join(root, name)
        # `name/` and `tags/` hold links to the same tests under other names.
        if not os.path.isdir(d) or name.startswith(".") or name in ("name", "tags"):
            continue
        if os.path.exists(os.path.join(d, "in.yaml")):
            yield name, d
        for sub in sorted(os.listdir(d)):
            sd = os.path.join(d, sub)
            if os.path.isdir(sd) and os.path.exists(os.path.join(sd, "in.yaml")):
                yield f"{name}/{sub}", sd


PLAN_HEAD = ("title: t\nperiod: {start: 2024-01-01, end: 2024-12-31}\ntargets:\n"
             "  - id: a\n    name: a\n    target: done\n    note:\n")
ACTUALS = "as_of: 2024-06-30\nactuals: {}\n"


def embeddable(text):
    """A document that keeps its meaning indented under `note:` (no markers, directives,
    tabs or CRs at the start of a line, no unindented block scalar)."""
    if "\r" in text or "\t" in text:
        return False
    for line in text.split("\n"):
        if line.startswith(("---", "...", "%")):
            return False
    return True


def run_embedded(plantrack, d, tmp, counts, problems, name):
    """The document as the note of a target: what `check --format json` echoes."""
    with open(os.path.join(d, "in.yaml"), encoding="utf-8", errors="replace") as f:
        text = f.read()
    if not embeddable(text):
        counts["not embeddable"] += 1
        return
    invalid = os.path.exists(os.path.join(d, "error"))
    body = "".join("      " + line + "\n" if line else "\n" for line in text.split("\n"))
    plan, actuals = os.path.join(tmp, "plan.yaml"), os.path.join(tmp, "actuals.yaml")
    with open(plan, "w", encoding="utf-8") as f:
        f.write(PLAN_HEAD + body)
    with open(actuals, "w", encoding="utf-8") as f:
        f.write(ACTUALS)
    p = subprocess.run([plantrack, "check", plan, actuals, "--format", "json"],
                       capture_output=True, timeout=10)
    err = p.stderr.decode("utf-8", "replace").strip()
    if invalid:
        if p.returncode == 2:
            counts["agree"] += 1
        else:
            counts["invalid accepted"] += 1
            problems.append((name, "embedded: invalid accepted"))
        return
    want = None
    json_path = os.path.join(d, "in.json")
    if os.path.exists(json_path):
        with open(json_path, encoding="utf-8") as f:
            docs = json_documents(f.read())
        want = docs[0] if len(docs) == 1 else None
    if not isinstance(want, str) or want == "":
        counts["not text"] += 1  # plantrack's note is text; a structure is an input error
        return
    if p.returncode == 2:
        cls = next((c for c, rx in BY_DESIGN if rx.search(err)), "other")
        counts["valid rejected"] += 1
        if cls == "other":
            counts["valid rejected outside the classes"] += 1
            problems.append((name, f"embedded: valid rejected: {err}"))
        return
    note = json.loads(p.stdout)["targets"][0]["note"]
    if note != want:
        counts["wrong values"] += 1
        problems.append((name, f"embedded: read {note!r} want {want!r}"))
    else:
        counts["agree"] += 1


def main_embedded(args):
    import tempfile
    counts = {"agree": 0, "wrong values": 0, "valid rejected": 0,
              "valid rejected outside the classes": 0, "invalid accepted": 0, "not text": 0,
              "not embeddable": 0}
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, d in tests(args.suite):
            run_embedded(args.plantrack, d, tmp, counts, problems, name)
    for name, what in problems:
        print(f"{name}: {what}")
    for k, v in counts.items():
        print(f"{k}: {v}")
    return 1 if counts["wrong values"] or counts["valid rejected outside the classes"] else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("suite")
    ap.add_argument("--echo", default="build/tests/yaml_echo")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every test not agreeing")
    ap.add_argument("--plantrack", metavar="BIN",
                    help="instead: embed each document as a target's note in a plan and "
                         "compare what `BIN check --format json` echoes, for documents whose "
                         "value is text (structures are not notes; invalid ones must be rejected)")
    args = ap.parse_args()
    if args.plantrack:
        return main_embedded(args)

    counts = {"agree": 0, "wrong values": 0, "valid rejected": 0, "invalid accepted": 0}
    by_class = {}
    problems = []
    for name, d in tests(args.suite):
        invalid = os.path.exists(os.path.join(d, "error"))
        try:
            p = subprocess.run([args.echo, os.path.join(d, "in.yaml")], capture_output=True,
                               timeout=10)
        except subprocess.TimeoutExpired:
            problems.append((name, "hang"))
            counts["wrong values"] += 1
            continue
        err = p.stderr.decode("utf-8", "replace").strip()
        if p.returncode not in (0, 2) or (p.returncode == 2 and ": error: " not in err):
            problems.append((name, f"crash (exit {p.returncode}): {err}"))
            counts["wrong values"] += 1
            continue
        if invalid:
            if p.returncode == 2:
                counts["agree"] += 1
            else:
                counts["invalid accepted"] += 1
                problems.append((name, "invalid accepted: " + p.stdout.decode()[:200]))
            continue
        if p.returncode == 2:
            counts["valid rejected"] += 1
            cls = next((c for c, rx in BY_DESIGN if rx.search(err)), "other")
            by_class[cls] = by_class.get(cls, 0) + 1
            if cls == "other" or args.verbose:
                problems.append((name, f"valid rejected ({cls}): {err}"))
            continue
        json_path = os.path.join(d, "in.json")
        got = to_json(json.loads(p.stdout))
        if os.path.exists(json_path):
            with open(json_path, encoding="utf-8") as f:
                docs = json_documents(f.read())
        else:  # no JSON form (complex keys and the like): the expected events
            with open(os.path.join(d, "test.event"), encoding="utf-8") as f:
                docs = event_documents(f.read())
        want = docs[0] if len(docs) == 1 else None
        if len(docs) > 1 or not same(got, want):
            counts["wrong values"] += 1
            problems.append((name, f"wrong value: read {json.dumps(got, ensure_ascii=False)[:300]}"
                                   f" want {json.dumps(docs, ensure_ascii=False)[:300]}"))
            continue
        counts["agree"] += 1

    for name, what in problems:
        print(f"{name}: {what}")
    total = sum(counts.values())
    print(f"tests: {total}")
    for k, v in counts.items():
        extra = ""
        if k == "valid rejected" and by_class:
            extra = " (" + ", ".join(f"{c}: {n}" for c, n in sorted(by_class.items())) + ")"
        print(f"{k}: {v}{extra}")
    bad = counts["wrong values"] + counts["invalid accepted"] + by_class.get("other", 0)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
