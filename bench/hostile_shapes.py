#!/usr/bin/env python3
"""Writes the hostile inputs of SPEC §6 (and their expected located messages) for the tests and
the robustness benchmark. Each shape is a plan and an actuals file in OUT_DIR; SIZE scales it.

  bench/hostile_shapes.py SHAPE SIZE OUT_DIR

prints one line: the expected exit status, then a tab, then an extended regular expression that
the output (stdout for exit 1, stderr for exit 2) must match.

Shapes:
  long-id        an unknown id of SIZE characters, close to a plan id as long ("did you mean"),
                 repeated up to 100 times (at most about 1 MB of actuals)
  many-siblings  SIZE top-level targets with ids of one length and 100 unknown ids close to them
  many-owners    SIZE top-level targets, each with an owner of its own (all of one length)
  long-parent-id a target whose id is SIZE characters, with 1000 children: its full id would be
                 repeated under each of them (quadratic memory); an error once past 4 × the text
  one-line       a plan written as one flow line of SIZE targets; the last one has an error
  long-scalar    a plan whose one target name is SIZE characters on one line
  bracket-run    `targets: ` followed by SIZE `[` (the depth limit must fire, in little memory)
  brace-run      the same with `{`
"""
import os
import sys

PERIOD = "period: {start: 2024-01-01, end: 2024-12-31}\n"
HEAD = "plantrack: 1\ntitle: hostile\n" + PERIOD


def write(out, name, text):
    with open(os.path.join(out, name), "w", encoding="utf-8") as f:
        f.write(text)


def actuals(lines):
    return "plantrack: 1\nas_of: 2024-06-30\nactuals:\n" + "".join(lines)


def long_id(n, out):
    plan_id = "a" * n
    write(out, "plan.yaml", HEAD + f"targets:\n  - {{id: {plan_id}, name: n, unit: 个, target: 10}}\n")
    count = max(1, min(100, 1_000_000 // n))
    unknown = "a" * (n - 1) + "b"
    write(out, "actuals.yaml", actuals(f"  - {{id: {unknown}, date: 2024-06-30, value: {i}}}\n"
                                       for i in range(count)))
    # The first entry is on line 4, column 5.
    return 1, r"actuals\.yaml:4:5: fail: no target `a+b` in the plan \[unknown-target\]"


def many_siblings(n, out):
    ids = [f"t{i:07d}" for i in range(n)]
    write(out, "plan.yaml", HEAD + "targets:\n" +
          "".join(f"  - {{id: {i}, name: n, unit: 个, target: 10}}\n" for i in ids))
    write(out, "actuals.yaml", actuals(f"  {ids[i * 7919 % n]}x: 1\n" for i in range(100)))
    return 1, r"actuals\.yaml:4:3: fail: no target `t[0-9]{7}x` in the plan \(did you mean `t[0-9]{7}`\?\)"


def many_owners(n, out):
    write(out, "plan.yaml", HEAD + "targets:\n" + "".join(
        f"  - {{id: t{i:07d}, name: n, unit: 个, target: 10, owner: 乡{i:07d}}}\n" for i in range(n)))
    write(out, "actuals.yaml", actuals(["  t0000000: 10\n"]))
    return 0, r"t0000001 .* missing"


def long_parent_id(n, out):
    kids = ", ".join(f"{{id: c{i}, name: n, unit: 个, target: 1}}" for i in range(1000))
    write(out, "plan.yaml", HEAD + f"targets:\n  - {{id: {'a' * n}, name: n, children: [{kids}]}}\n")
    write(out, "actuals.yaml", actuals([f"  {'a' * n}.c0: 1\n" if n < 1000 else "  x: 1\n"]))
    if n * 1000 <= 4 * n + (16 << 20):  # under the limit: an ordinary plan
        return 1, r"\[unknown-target\]"
    return 2, r"plan\.yaml:5:[0-9]+: error: the targets' full ids \(each with its parents' ids\) take more than 4 times"


def one_line(n, out):
    items = [f"{{id: t{i}, name: 名称{i}, unit: 个, target: {i + 1}}}" for i in range(n - 1)]
    items.append(f"{{id: t{n - 1}, name: 名称, unit: 个, target: 十}}")
    line = "targets: [" + ", ".join(items) + "]"
    write(out, "plan.yaml", HEAD + line + "\n")
    write(out, "actuals.yaml", actuals(["  t0: 1\n"]))
    column = len(line) - len("十}]") + 1  # in characters
    return 2, rf"plan\.yaml:4:{column}: error: `target`: `十` is not a number"


def long_scalar(n, out):
    write(out, "plan.yaml", HEAD + f"targets:\n  - {{id: x, name: {'名' * n}, unit: 个, target: oops}}\n")
    write(out, "actuals.yaml", actuals(["  x: 1\n"]))
    column = len(f"  - {{id: x, name: {'名' * n}, unit: 个, target: ") + 1
    return 2, rf"plan\.yaml:5:{column}: error: `target`: `oops` is not a number"


def bracket_run(n, out, opener="["):
    write(out, "plan.yaml", "targets: " + opener * n + "\n")
    write(out, "actuals.yaml", actuals(["  x: 1\n"]))
    return 2, r"plan\.yaml:1:[0-9]+: error: nesting deeper than 64 levels"


SHAPES = {
    "long-id": long_id,
    "many-siblings": many_siblings,
    "many-owners": many_owners,
    "long-parent-id": long_parent_id,
    "one-line": one_line,
    "long-scalar": long_scalar,
    "bracket-run": bracket_run,
    "brace-run": lambda n, out: bracket_run(n, out, "{"),
}

if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in SHAPES:
        sys.exit(__doc__)
    shape, size, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    os.makedirs(out, exist_ok=True)
    code, pattern = SHAPES[shape](size, out)
    print(f"{code}\t{pattern}")
