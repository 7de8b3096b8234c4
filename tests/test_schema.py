#!/usr/bin/env python3
"""The JSON Schemas (`plantrack schema plan|actuals`) against the examples and the tool itself.

    tests/test_schema.py BINARY        (run from the repository root)

Checks that the printed schemas are schema/*.json byte for byte and valid draft-07; that every
example plan and actuals file validates; that a printed template validates, empty and filled
in; and, for a table of small files, that the schema and `plantrack validate` agree on what is
accepted (a misspelt key such as `tagret` is rejected by both).
Needs python3-yaml and python3-jsonschema (scripts/deps.sh installs them).
"""
import glob
import json
import os
import subprocess
import sys
import tempfile

import jsonschema
import yaml


class Loader(yaml.SafeLoader):
    """YAML as editors read it: dates stay text (YAML 1.2 has no timestamp type)."""


Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

BIN = os.path.abspath(sys.argv[1])
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL", what)


def schema(kind):
    out = subprocess.run([BIN, "schema", kind], capture_output=True, check=True).stdout
    with open(f"schema/{kind}.schema.json", "rb") as f:
        check(out == f.read(), f"`plantrack schema {kind}` differs from schema/{kind}.schema.json")
    s = json.loads(out)
    jsonschema.Draft7Validator.check_schema(s)
    return jsonschema.Draft7Validator(s)


def errors(validator, text):
    return [e.message for e in validator.iter_errors(yaml.load(text, Loader=Loader))]


def tool_accepts(kind, text):
    with tempfile.TemporaryDirectory() as d:
        plan = os.path.join(d, "plan.yaml")
        with open(plan, "w", encoding="utf-8") as f:
            f.write(text if kind == "plan" else BASE_PLAN)
        args = [BIN, "validate", plan]
        if kind == "actuals":
            actuals = os.path.join(d, "actuals.yaml")
            with open(actuals, "w", encoding="utf-8") as f:
                f.write(text)
            args += [actuals, "--as-of", "2024-06-30"]
        return subprocess.run(args, capture_output=True).returncode == 0


BASE_PLAN = """\
title: t
period: {start: 2024-01-01, end: 2024-12-31}
owner: o
targets:
  - {id: a, name: A, unit: 个, target: 10}
  - {id: m, name: M, target: done}
"""

# (kind, YAML, accepted?) -- the schema and `plantrack validate` must both agree.
CASES = [
    ("plan", BASE_PLAN, True),
    ("plan", BASE_PLAN.replace("target: 10", "tagret: 10"), False),
    ("plan", BASE_PLAN.replace("title: t", "titel: t"), False),
    ("plan", BASE_PLAN.replace("owner: o", "x-owner-phone: 123"), True),
    ("plan", BASE_PLAN.replace("target: 10", 'target: "8,428.67"'), True),
    ("plan", BASE_PLAN.replace("target: 10", "target: 20万"), True),
    ("plan", BASE_PLAN.replace("target: 10", "target: 1.2亿"), True),
    ("plan", BASE_PLAN.replace("target: 10", "target: 12abc"), False),
    ("plan", BASE_PLAN.replace("target: 10", 'target: "1,23"'), False),
    ("plan", BASE_PLAN.replace("unit: 个, ", ""), False),
    ("plan", BASE_PLAN.replace("target: done", "target: done, unit: 个"), False),
    ("plan", BASE_PLAN.replace("target: 10", "target: {min: 3, max: 5}"), True),
    ("plan", BASE_PLAN.replace("target: 10", "target: {growth: 15%}"), False),
    ("plan", BASE_PLAN.replace("target: 10", "target: {growth: 15%}, baseline: 10"), True),
    ("plan", BASE_PLAN.replace("target: 10", "target: {min: 3, growth: 15%}, baseline: 1"), False),
    ("plan", BASE_PLAN.replace("target: 10", "target: 10, schedule: {Q1: 10%, 2024-09-30: 70%}"), True),
    ("plan", BASE_PLAN.replace("target: 10", "target: 10, schedule: weekly"), False),
    ("plan", BASE_PLAN.replace("target: 10", "target: 10, rollup: avg"), False),
    ("plan", BASE_PLAN.replace("target: 10", "target: 10, tags: 省级"), True),
    ("plan", BASE_PLAN.replace("owner: o", "thresholds: {warn: 95%, fail: 0.5}"), True),
    ("plan", BASE_PLAN.replace("owner: o", "thresholds: {warning: 95%}"), False),
    # As strict as plantrack where JSON Schema can say it: real dates, ratios, quarters.
    ("plan", BASE_PLAN.replace("target: 10", "target: 10, due: 2024-13-45"), False),
    ("plan", BASE_PLAN.replace("target: 10", "target: 10, due: 2024-04-31"), False),
    ("plan", BASE_PLAN.replace("target: 10", "target: 10, due: 2024-02-29"), True),
    ("plan", BASE_PLAN.replace("2024-12-31", "2023-12-31").replace("2024-01-01", "2023-01-01")
     .replace("target: 10", "target: 10, due: 2023-02-29"), False),
    ("plan", BASE_PLAN.replace("owner: o", "thresholds: {warn: 90}"), False),
    ("plan", BASE_PLAN.replace("owner: o", "thresholds: {warn: 0.9, fail: 70%}"), True),
    ("plan", BASE_PLAN.replace("owner: o", "thresholds: {fail: 1.6}"), False),
    ("plan", BASE_PLAN.replace("target: 10", "target: {growth: 2}, baseline: 10"), False),
    ("plan", BASE_PLAN.replace("target: 10", "target: {growth: 0.15}, baseline: 10"), True),
    ("plan", BASE_PLAN.replace("target: 10", "target: 10, schedule: {Q5: 100%}"), False),
    ("plan", BASE_PLAN.replace("target: 10", "target: 10, schedule: {Q0: 10%}"), False),
    ("plan", BASE_PLAN.replace("target: 10", "target: 10, schedule: {Q4: 100%}"), True),
    ("plan", BASE_PLAN.replace("target: 10", "target: 10, schedule: {2024-06-31: 50%}"), False),
    ("actuals", "as_of: 2024-06-31\nactuals:\n  a: 5\n", False),
    ("actuals", "actuals:\n  - {id: a, date: 2024-02-30, value: 1}\n", False),
    ("plan", BASE_PLAN.replace("owner: o", "units: {万亩: 10000 亩}"), True),
    ("plan", BASE_PLAN.replace("id: a,", "id: a.b,"), False),
    ("plan", BASE_PLAN.replace("targets:", "plantrack: 2\ntargets:"), False),
    ("plan", BASE_PLAN.replace("period: {start: 2024-01-01, end: 2024-12-31}", "period: 2024"), False),
    ("plan", BASE_PLAN.replace("- {id: m, name: M, target: done}",
                                "- {id: g, name: G, children: [{id: c, name: C, target: done}]}"), True),
    ("plan", BASE_PLAN.replace("- {id: m, name: M, target: done}", "- {id: g, name: G}"), False),
    ("actuals", "as_of: 2024-06-30\nactuals:\n  a: 5\n  m: {done: 2024-05-01}\n", True),
    ("actuals", "as_of: 2024-06-30\nactuals:\n  a:\n  m: {done: }\n", True),
    ("actuals", "asof: 2024-06-30\nactuals:\n  a: 5\n", False),
    ("actuals", "as_of: 2024-06-30\nactuals:\n  a: {value: 5, add: 1}\n", False),
    ("actuals", "as_of: 2024-06-30\nactuals:\n  a: {valeu: 5}\n", False),
    ("actuals", "as_of: 2024-06-30\nactuals:\n  a: {value: 5, unit: 个, note: n, source: s, by: b, x-k: 1}\n", True),
    ("actuals", "as_of: 2024-06-30\nactuals:\n  a: \"1,000\"\n  m: {done: true}\n", True),
    ("actuals", "as_of: 2024-06-30\nactuals:\n  a: lots\n", False),
    ("actuals", "reported_by: 乡\nactuals:\n  - {id: a, date: 2024-03-31, value: 1}\n"
                "  - {id: a, date: 2024-04-30, add: 2, by: 村}\n  - {id: m, date: 2024-05-01, done: }\n", True),
    ("actuals", "actuals:\n  - {id: a, value: 1}\n", False),
    ("actuals", "actuals:\n  - {id: a, date: 2024-03-31, value: 1, dated: 2024-03-31}\n", False),
    ("actuals", "as_of: 2024-06-30\nactuals:\n", True),
]


def main():
    plan_schema = schema("plan")
    actuals_schema = schema("actuals")

    for path in sorted(glob.glob("examples/*/plan.yaml")):
        with open(path, encoding="utf-8") as f:
            errs = errors(plan_schema, f.read())
        check(not errs, f"{path}: {errs[:3]}")
    actuals = sorted(glob.glob("examples/*/actuals.yaml") + glob.glob("examples/*/actuals/*.yaml"))
    check(len(actuals) >= 6, "examples: fewer actuals files than expected")
    for path in actuals:
        with open(path, encoding="utf-8") as f:
            errs = errors(actuals_schema, f.read())
        check(not errs, f"{path}: {errs[:3]}")

    for ex in sorted(glob.glob("examples/*/plan.yaml")):
        for form in ("map", "list"):
            out = subprocess.run([BIN, "template", ex, "--form", form, "--by", "某乡"],
                                 capture_output=True, check=True, text=True).stdout
            errs = errors(actuals_schema, out)
            check(not errs, f"template {ex} --form {form}: {errs[:3]}")

    for kind, text, accepted in CASES:
        validator = plan_schema if kind == "plan" else actuals_schema
        by_schema = not errors(validator, text)
        by_tool = tool_accepts(kind, text)
        label = f"{kind} case {text!r}"
        check(by_schema == accepted, f"{label}: the schema {'rejects' if accepted else 'accepts'} it")
        check(by_tool == accepted, f"{label}: plantrack validate {'rejects' if accepted else 'accepts'} it")

    misspelt = errors(plan_schema, BASE_PLAN.replace("target: 10", "tagret: 10"))
    check(any("tagret" in m for m in misspelt), f"`tagret` is not named in the errors: {misspelt}")

    print(f"schema: {'FAILED ' + str(len(failures)) if failures else 'all'} checks"
          f"{'' if failures else ' passed'} ({len(CASES)} cases, the examples, the templates)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
