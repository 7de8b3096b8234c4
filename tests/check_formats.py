#!/usr/bin/env python3
"""Checks plantrack's machine-read outputs with real parsers (run by ctest).

  check_formats.py junit PLANTRACK   JUnit parses as XML 1.0, counts agree with the JSON output
  check_formats.py csv PLANTRACK     CSV round-trips through the csv module to the JSON output
  check_formats.py html PLANTRACK    HTML tags balance; nothing is fetched, nothing runs

The working directory is the repository root. Each check runs on several reports: examples,
the escaping case (markup, quotes, commas, newlines, ESC) and an empty filtered result.
"""
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

REPORTS = [
    ["examples/county/plan.yaml", "examples/county/actuals"],
    ["examples/school/plan.yaml", "examples/school/actuals.yaml"],
    ["examples/city/plan.yaml", "examples/city/actuals.yaml"],
    ["tests/cases/format-escaping/plan.yaml", "tests/cases/format-escaping/actuals.yaml"],
    ["tests/cases/findings-all/plan.yaml", "tests/cases/findings-all/a.yaml",
     "tests/cases/findings-all/b.yaml", "--as-of", "2024-09-30"],
    ["examples/county/plan.yaml", "examples/county/actuals", "--tag", "革命老区", "--only-problems"],
    ["examples/county/plan.yaml", "examples/county/actuals", "--only-problems", "--lang", "zh"],
    ["examples/county/plan.yaml", "examples/county/actuals", "examples/county/earlier",
     "--compare", "2024-Q2"],
    ["tests/cases/revisions-table/plan.yaml", "tests/cases/revisions-table/actuals.yaml"],
]

failures = []


def fail(what):
    failures.append(what)
    print("FAIL:", what, file=sys.stderr)


def run(binary, args, *extra):
    p = subprocess.run([binary, "check", *args, *extra], capture_output=True,
                       env={"LANG": "C.UTF-8", "TZ": "UTC", "PATH": "/usr/bin:/bin"})
    if p.returncode not in (0, 1):
        raise SystemExit(f"plantrack {' '.join(args)} {' '.join(extra)}: exit {p.returncode}\n"
                         + p.stderr.decode(errors="replace"))
    return p.stdout


def as_json(binary, args):
    return json.loads(run(binary, args, "--format", "json"))


def counted(report):
    """Non-group targets; JSON has no `context` flag, so count by the summary instead."""
    return [t for t in report["targets"] if t["kind"] != "group"]


def check_junit(binary, args):
    name = " ".join(args)
    raw = run(binary, args, "--format", "junit")
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as e:
        return fail(f"{name}: junit is not XML: {e}")
    report = as_json(binary, args)
    if root.tag != "testsuites":
        return fail(f"{name}: root is <{root.tag}>")
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    if set(suites) != {"targets", "findings"}:
        return fail(f"{name}: testsuites {sorted(suites)}")
    targets, findings = suites["targets"], suites["findings"]
    cases = targets.findall("testcase")
    summary = report["summary"]
    if len(cases) != summary["targets"] or int(targets.get("tests")) != summary["targets"]:
        fail(f"{name}: {len(cases)} target testcases, summary has {summary['targets']}")
    failed = [c for c in cases if c.find("failure") is not None]
    if len(failed) != summary["fail"] or int(targets.get("failures")) != summary["fail"]:
        fail(f"{name}: {len(failed)} target failures, summary has fail {summary['fail']}")
    by_id = {t["id"]: t for t in counted(report)}
    # Jenkins' junit-10.xsd forbids file/line on a testcase: the suite's properties map the
    # testcase name of each problem to FILE:LINE, and its messages start with that.
    locations = {p.get("name"): p.get("value") for p in targets.iter("property")}
    for c in cases:
        if set(c.keys()) - {"name", "classname", "time"}:
            fail(f"{name}: testcase attributes {sorted(c.keys())} (junit-10.xsd)")
        if (c.find("failure") is not None or c.find("system-out") is not None) and \
                not (locations.get(c.get("name")) or "").startswith(report_plan(args) + ":"):
            fail(f"{name}: no location property for the problem {c.get('name')!r}")
    for c in cases:
        target_id = c.get("name").split(" ", 1)[0]
        t = by_id.get(target_id)
        if t is None:
            fail(f"{name}: testcase {c.get('name')!r} names no target")
            continue
        if c.get("classname") != (target_id.rsplit(".", 1)[0] if "." in target_id else target_id):
            fail(f"{name}: classname {c.get('classname')} for {target_id}")
        if "\\" not in c.get("name") and c.get("name") != target_id + " " + t["name"]:
            fail(f"{name}: testcase name {c.get('name')!r} is not id and name {t['name']!r}")
        f = c.find("failure")
        out = c.find("system-out")
        for text in ([f.get("message"), f.text] if f is not None else []) + (
                [out.text] if out is not None else []):
            if not text.startswith(locations.get(c.get("name"), "?") + ": "):
                fail(f"{name}: {target_id}: {text!r} does not start with its plan location "
                     f"{locations.get(c.get('name'))!r} (from the suite's properties)")
        if (f is not None) != (t["severity"] == "fail"):
            fail(f"{name}: {target_id} severity {t['severity']} but failure={f is not None}")
        if f is not None and f.get("type") != t["status"]:
            fail(f"{name}: {target_id} failure type {f.get('type')} != {t['status']}")
    fcases = findings.findall("testcase")
    finding_locations = {p.get("name"): p.get("value") for p in findings.iter("property")}
    if len(fcases) != len(report["findings"]):
        fail(f"{name}: {len(fcases)} finding testcases for {len(report['findings'])} findings")
    for c, f in zip(fcases, report["findings"]):
        if c.get("classname") != "findings." + f["code"]:
            fail(f"{name}: finding classname {c.get('classname')} for {f['code']}")
        if (c.find("failure") is not None) != (f["severity"] == "fail"):
            fail(f"{name}: finding {f['code']} severity {f['severity']}")
        where = f"{f['file']}:{f['line']}:{f['column']}"
        if finding_locations.get(c.get("name")) != where:
            fail(f"{name}: finding {c.get('name')!r}: property {finding_locations.get(c.get('name'))!r}"
                 f" is not {where!r}")
        failure = c.find("failure")
        if failure is not None and failure.get("message") != where + ": " + f["message"]:
            # JSON keeps control characters (as \u escapes); XML shows them as visible text.
            if "\\x" not in failure.get("message"):
                fail(f"{name}: finding message {failure.get('message')!r} != {f['message']!r}")


def report_plan(args):
    return args[0]


def same_number(text, value):
    if value is None:
        return text == ""
    return text != "" and float(text) == value


def check_csv(binary, args):
    name = " ".join(args)
    raw = run(binary, args, "--format", "csv")
    with_bom = run(binary, args, "--format", "csv", "--bom")
    if with_bom != b"\xef\xbb\xbf" + raw:
        fail(f"{name}: --bom does not just add a BOM")
    if raw.startswith(b"\xef\xbb\xbf"):
        fail(f"{name}: a BOM without --bom")
    # A file for Excel (-o *.csv) gets the BOM unless --no-bom; standard output does not.
    with tempfile.TemporaryDirectory() as tmp:
        for extra, want in [([], with_bom), (["--no-bom"], raw), (["--format", "csv"], with_bom)]:
            path = os.path.join(tmp, "report.csv")
            run(binary, args, "-o", path, *extra)
            with open(path, "rb") as f:
                if f.read() != want:
                    fail(f"{name}: -o report.csv {' '.join(extra)}: "
                         f"{'no BOM' if want == with_bom else 'a BOM'} expected")
    report = as_json(binary, args)
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    bom_rows = list(csv.DictReader(io.StringIO(with_bom.decode("utf-8-sig"), newline="")))
    if rows != bom_rows:
        fail(f"{name}: the BOM changes what a CSV reader sees")
    header = raw.split(b"\r\n", 1)[0].decode()
    expected = ("id,name,unit,kind,min,max,baseline,actual,expected,progress,pace,remaining,"
                "variance,status,severity,due,owner")
    if not header.startswith(expected):
        fail(f"{name}: header {header}")
    # Every record ends with CRLF: outside quoted fields, no bare LF.
    quoted = False
    prev = b""
    for b in raw:
        ch = bytes([b])
        if ch == b'"':
            quoted = not quoted
        elif ch == b"\n" and not quoted and prev != b"\r":
            fail(f"{name}: a bare LF ends a record")
            break
        prev = ch
    targets = report["targets"]
    if [r["id"] for r in rows] != [t["id"] for t in targets]:
        return fail(f"{name}: ids {[r['id'] for r in rows]} != {[t['id'] for t in targets]}")
    for r, t in zip(rows, targets):
        for key in ("kind", "status", "severity", "due"):
            if r[key] != t[key]:
                fail(f"{name}: {t['id']} {key} {r[key]!r} != {t[key]!r}")
        for key in ("min", "max", "baseline", "actual", "expected", "progress", "pace",
                    "remaining", "variance"):
            if not same_number(r[key], t[key]):
                fail(f"{name}: {t['id']} {key} {r[key]!r} != {t[key]!r}")
        if "\\" not in r["name"] and r["name"].lstrip("'") != t["name"]:
            fail(f"{name}: {t['id']} name {r['name']!r} != {t['name']!r}")


class Balance(HTMLParser):
    VOID = {"meta", "br", "hr", "img", "input", "link", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack, self.problems = [], []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed", "link", "img"):
            self.problems.append(f"<{tag}>")
        for k, v in attrs:
            if k in ("src", "href") or k.startswith("on") or (v and "url(" in v):
                self.problems.append(f"{tag} {k}={v!r}")
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else ''}>")
        else:
            self.stack.pop()


def check_html(binary, args):
    name = " ".join(args)
    text = run(binary, args, "--format", "html").decode("utf-8")
    p = Balance()
    p.feed(text)
    p.close()
    if p.stack:
        p.problems.append(f"unclosed {p.stack}")
    if "@import" in text or "url(" in text or "http://" in text or "https://" in text:
        p.problems.append("refers to something outside the page")
    if "\x1b" in text:
        p.problems.append("a raw ESC")
    for problem in p.problems:
        fail(f"{name}: html: {problem}")


def main():
    mode, binary = sys.argv[1], sys.argv[2]
    check = {"junit": check_junit, "csv": check_csv, "html": check_html}[mode]
    for args in REPORTS:
        check(binary, args)
    print(f"{mode}: {len(REPORTS)} reports checked, {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
