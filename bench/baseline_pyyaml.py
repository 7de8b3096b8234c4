#!/usr/bin/python3
"""The alternative plantrack is measured against: what a user would write in Python.

    /usr/bin/python3 bench/baseline_pyyaml.py PLAN ACTUALS_DIR [--as-of DATE] [--full]

Loads the plan and every *.yaml / *.yml file under ACTUALS_DIR with PyYAML's C loader
(yaml.load(f, Loader=yaml.CSafeLoader), libyaml underneath), then evaluates each target
the straightforward way, following SPEC §3:

  - values (§2.1): YAML numbers, "8,428.67", "20万", "1.2亿", "95%";
  - units (§2.2): the built-in table plus the plan's `units:`; unconvertible -> dropped;
  - target forms (§2.3): min, max, range, growth / increase / decrease, milestones;
  - inheritance of owner / thresholds / start / due;
  - expected value (§3.1): linear, end, always, Qn / date checkpoints (shares or values);
  - actual value (§3.2): per (target, reporter) the latest `value` plus later `add`s,
    conflicting values -> unknown, reporters combined by rollup, parents rolled up
    from their children (§3.4);
  - the ten statuses (§3.3) with warn / fail thresholds (default 0.9 / 0.7), groups = worst child;
  - a few findings (unknown-target, unit-mismatch, conflict, wrong-kind, suspicious,
    partial, children-sum, future-entries), counted.

It builds the full per-target JSON document, as plantrack's --format json does, and
prints only the summary (status counts) unless --full is given. It does not try to
handle every corner of the contract (no error positions, no "did you mean", no input
validation beyond what the evaluation needs); it does the same amount of real work.
"""

import argparse
import datetime
import json
import os
import re
import sys

import yaml

if not getattr(yaml, "__with_libyaml__", False):
    sys.exit("baseline_pyyaml.py: PyYAML without libyaml; use /usr/bin/python3 (Debian python3-yaml)")

LOADER = yaml.CSafeLoader

STATUSES = ["done", "late", "above-range", "breached", "overdue", "pending", "missing",
            "on-track", "at-risk", "behind"]
SEVERITY = {"done": "ok", "late": "warn", "above-range": "warn", "breached": "fail",
            "overdue": "fail", "pending": "ok", "missing": "warn", "on-track": "ok",
            "at-risk": "warn", "behind": "fail"}
SEV_RANK = {"ok": 0, "warn": 1, "fail": 2}
ROW = {s: i for i, s in enumerate(STATUSES)}

UNITS = {
    "元": ("money", 1.0), "yuan": ("money", 1.0), "万元": ("money", 1e4), "亿元": ("money", 1e8),
    "人": ("people", 1.0), "万人": ("people", 1e4),
    "人次": ("person-times", 1.0), "万人次": ("person-times", 1e4),
    "户": ("households", 1.0), "万户": ("households", 1e4),
    "平方米": ("area", 1.0), "m²": ("area", 1.0), "亩": ("area", 10000.0 / 15.0),
    "公顷": ("area", 1e4), "ha": ("area", 1e4),
    "米": ("length", 1.0), "m": ("length", 1.0), "公里": ("length", 1000.0),
    "千米": ("length", 1000.0), "km": ("length", 1000.0),
    "立方米": ("volume", 1.0), "m³": ("volume", 1.0),
    "%": ("percent", 1.0),
}

NUM_RE = re.compile(r"^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$")


EPS = 1e-9  # unit conversions (7700 米 -> 7.699999999999999 公里) must still meet 7.7


def ge(a, b):
    return a >= b - EPS * max(1.0, abs(b))


def le(a, b):
    return a <= b + EPS * max(1.0, abs(b))


def same(a, b):
    return ge(a, b) and le(a, b)


class Pct(float):
    """A number that was written with a trailing %."""


def number(v):
    """SPEC §2.1: a YAML number or a numeric string; returns float (Pct when written with %)."""
    if isinstance(v, bool) or v is None:
        raise ValueError(f"not a number: {v!r}")
    if isinstance(v, (int, float)):
        return float(v)
    s = str(v).strip()
    mult = 1.0
    pct = False
    if s.endswith("%"):
        pct, s = True, s[:-1]
    elif s.endswith("万"):
        mult, s = 1e4, s[:-1]
    elif s.endswith("亿"):
        mult, s = 1e8, s[:-1]
    m = NUM_RE.match(s)
    if not m:
        raise ValueError(f"not a number: {v!r}")
    x = float((m.group(1) + m.group(2).replace(",", "") + (m.group(3) or ""))) * mult
    return Pct(x) if pct else x


def ratio(v):
    """Thresholds and growth: 90% == 0.9."""
    x = number(v)
    return x / 100.0 if isinstance(x, Pct) else x


def to_date(v):
    if isinstance(v, datetime.datetime):
        return v.date()
    if isinstance(v, datetime.date):
        return v
    return datetime.date.fromisoformat(str(v))


def add_months(d, months):
    y, m = divmod(d.month - 1 + months, 12)
    return datetime.date(d.year + y, m + 1, 1)


def parse_as_of(s):
    m = re.match(r"^(\d{4})-Q([1-4])$", s)
    if m:
        y, q = int(m.group(1)), int(m.group(2))
        return add_months(datetime.date(y, 1, 1), 3 * q) - datetime.timedelta(days=1)
    if s == "today":
        return datetime.date.today()
    return datetime.date.fromisoformat(s)


def roll(rollup, values):
    """One actual from several (§3.2): reporters' levels or children's actuals; none = sum."""
    if rollup == "mean":
        return sum(values) / len(values)
    if rollup == "min":
        return min(values)
    if rollup == "max":
        return max(values)
    return sum(values)


class Target:
    __slots__ = ("full", "node", "parent", "children", "name", "unit", "kind", "min", "max",
                 "baseline", "start", "due", "schedule", "rollup", "owner", "warn", "fail",
                 "entries", "actual", "own_actual", "reporters", "done_on", "expected",
                 "progress", "pace", "status", "is_pct", "order")


class Evaluator:
    def __init__(self, plan, as_of):
        self.as_of = as_of
        self.units = dict(UNITS)
        for name, spec in (plan.get("units") or {}).items():
            amount, other = str(spec).split(None, 1) if " " in str(spec) else (str(spec), "")
            dim, f = self.units.get(other.strip(), (other.strip(), 1.0))
            self.units[str(name)] = (dim, number(amount) * f)
        period = plan["period"]
        self.pstart, self.pend = to_date(period["start"]), to_date(period["end"])
        th = plan.get("thresholds") or {}
        self.warn = ratio(th.get("warn", 0.9))
        self.fail = ratio(th.get("fail", 0.7))
        self.owner = plan.get("owner")
        self.title = plan.get("title")
        self.targets = []
        self.by_id = {}
        self.findings = {}
        for node in plan["targets"]:
            self.build(node, None, "")

    def finding(self, code):
        self.findings[code] = self.findings.get(code, 0) + 1

    def unit_of(self, u):
        if u is None:
            return None
        return self.units.get(str(u), (str(u), 1.0))

    def build(self, node, parent, prefix):
        t = Target()
        t.full = prefix + str(node["id"])
        t.node = node
        t.parent = parent
        t.children = []
        t.name = node.get("name")
        t.unit = None if node.get("unit") is None else str(node.get("unit"))
        t.is_pct = t.unit == "%"
        t.owner = node.get("owner", parent.owner if parent else self.owner)
        th = node.get("thresholds") or {}
        t.warn = ratio(th["warn"]) if "warn" in th else (parent.warn if parent else self.warn)
        t.fail = ratio(th["fail"]) if "fail" in th else (parent.fail if parent else self.fail)
        t.start = to_date(node["start"]) if "start" in node else (parent.start if parent else self.pstart)
        t.due = to_date(node["due"]) if "due" in node else (parent.due if parent else self.pend)
        t.baseline = number(node["baseline"]) if node.get("baseline") is not None else None
        t.min = t.max = None
        spec = node.get("target")
        if spec is None:
            t.kind = "group"
        elif spec == "done":
            t.kind = "milestone"
        elif isinstance(spec, dict):
            if "growth" in spec:
                t.kind, t.min = "min", t.baseline * (1 + ratio(spec["growth"]))
            elif "increase" in spec:
                t.kind, t.min = "min", t.baseline + number(spec["increase"])
            elif "decrease" in spec:
                t.kind, t.max = "max", t.baseline - number(spec["decrease"])
            else:
                if "min" in spec:
                    t.min = number(spec["min"])
                if "max" in spec:
                    t.max = number(spec["max"])
                t.kind = "range" if (t.min is not None and t.max is not None) else (
                    "min" if t.min is not None else "max")
        else:
            t.kind, t.min = "min", number(spec)
        if t.kind in ("min", "range") and t.baseline is None:
            t.baseline = 0.0
        sched = node.get("schedule")
        if sched is None:
            sched = "end" if (t.kind == "max" and t.baseline is None) else "linear"
        t.schedule = sched
        t.rollup = node.get("rollup", "none" if t.is_pct else "sum")
        t.entries = {}  # reporter -> list of (date, kind, number or date)
        t.actual = None
        t.own_actual = False
        t.reporters = []
        t.done_on = None
        t.expected = t.progress = t.pace = None
        t.status = None
        t.order = len(self.targets)
        self.targets.append(t)
        self.by_id[t.full] = t
        for c in node.get("children") or ():
            t.children.append(self.build(c, t, t.full + "."))
        return t

    # ---- actuals -------------------------------------------------------------------
    def load_actuals(self, path):
        with open(path, "rb") as f:
            doc = yaml.load(f, Loader=LOADER)
        file_as_of = to_date(doc["as_of"]) if doc.get("as_of") is not None else None
        reporter = doc.get("reported_by")
        acts = doc.get("actuals") or []
        future = 0
        if isinstance(acts, dict):
            items = []
            for k, v in acts.items():
                if v is None:
                    continue
                e = dict(v) if isinstance(v, dict) else {"value": v}
                e["id"] = k
                e["date"] = file_as_of
                items.append(e)
        else:
            items = acts
        for e in items:
            if e is None:
                continue
            d = to_date(e["date"]) if e.get("date") is not None else file_as_of
            if d is None:
                d = self.as_of
            tid = str(e["id"])
            t = self.by_id.get(tid)
            if d > self.as_of:
                future += 1
                if t is None:
                    self.finding("unknown-target")
                continue
            if t is None:
                self.finding("unknown-target")
                continue
            who = e.get("by", reporter)
            if "done" in e:
                if e["done"] is None:
                    continue
                if t.kind != "milestone":
                    self.finding("wrong-kind")
                    continue
                dd = d if e["done"] is True else to_date(e["done"])
                t.entries.setdefault(who, []).append((d, "done", dd))
                continue
            kind = "value" if "value" in e else "add"
            raw = e.get(kind)
            if raw is None:
                continue
            if t.kind in ("milestone", "group"):
                self.finding("wrong-kind")
                continue
            x = number(raw)
            if isinstance(x, Pct) and not t.is_pct:
                self.finding("unit-mismatch")
                continue
            if "unit" in e and e["unit"] is not None and str(e["unit"]) != t.unit:
                src, dst = self.unit_of(e["unit"]), self.unit_of(t.unit)
                if dst is None or src[0] != dst[0]:
                    self.finding("unit-mismatch")
                    continue
                x = x * src[1] / dst[1]
            t.entries.setdefault(who, []).append((d, kind, float(x)))
        if future:
            self.finding("future-entries")

    def combine(self, t):
        """§3.2: per reporter, latest value + later adds; reporters combined by rollup."""
        if t.kind == "milestone":
            best = None
            for who, es in t.entries.items():
                for d, _k, dd in es:
                    if dd <= self.as_of and (best is None or dd < best):
                        best = dd
            t.done_on = best
            t.reporters = sorted(str(w) for w in t.entries if w is not None)
            return
        levels = []
        unknown = False
        for who, es in t.entries.items():
            vdate, vval, conflict = None, None, False
            for d, k, x in es:
                if k == "value":
                    if vdate is None or d > vdate:
                        vdate, vval, conflict = d, x, False
                    elif d == vdate and x != vval:
                        conflict = True
            if conflict:
                self.finding("conflict")
                unknown = True
                continue
            level = vval if vval is not None else 0.0
            for d, k, x in es:
                if k == "add" and (vdate is None or d > vdate):
                    level += x
            levels.append(level)
        t.reporters = sorted(str(w) for w in t.entries if w is not None)
        if unknown or not levels:
            t.actual = None
            return
        if len(levels) > 1 and t.rollup == "none":
            self.finding("conflict")
            t.actual = None
            return
        t.actual = roll(t.rollup, levels)
        t.own_actual = True

    def rollup_children(self, t):
        """§3.2 / §3.4: a target without an actual of its own gets its children's."""
        if t.actual is not None or t.entries or t.rollup == "none" or not t.children:
            return
        if t.kind in ("group", "milestone"):
            return
        dst = self.unit_of(t.unit)
        vals, numeric = [], 0
        for c in t.children:
            if c.kind in ("group", "milestone") or c.unit is None:
                continue
            src = self.unit_of(c.unit)
            if src[0] != dst[0]:
                continue
            numeric += 1
            if c.actual is not None:
                vals.append(c.actual * src[1] / dst[1])
        if not vals:
            return
        if len(vals) < numeric:
            self.finding("partial")
        t.actual = roll(t.rollup, vals)

    def children_sum(self, t):
        if t.rollup != "sum" or not t.children or t.kind in ("group", "milestone"):
            return
        dst = self.unit_of(t.unit)
        bound = t.min if t.min is not None else t.max
        total, n = 0.0, 0
        for c in t.children:
            if c.kind in ("group", "milestone") or c.unit is None:
                continue
            src = self.unit_of(c.unit)
            if src[0] != dst[0]:
                return
            cb = c.min if t.min is not None else c.max
            if cb is None:
                return
            total += cb * src[1] / dst[1]
            n += 1
        if n and bound is not None and abs(total - bound) > 1e-9 * max(1.0, abs(bound)):
            self.finding("children-sum")

    # ---- expected and status -------------------------------------------------------
    def expected(self, t):
        b = t.baseline
        T = t.max if t.kind == "max" else t.min
        a = self.as_of
        s = t.schedule
        if s == "always":
            return T
        if s == "end":
            return T if a >= t.due else b
        if s == "linear":
            f = ((a - t.start).days + 1) / ((t.due - t.start).days + 1)
            f = 0.0 if f < 0 else 1.0 if f > 1 else f
            return b + f * (T - b)
        if isinstance(s, dict):
            best_d, best_v = None, None
            for k, v in s.items():
                ks = str(k)
                if ks in ("Q1", "Q2", "Q3", "Q4"):
                    d = add_months(self.pstart, 3 * int(ks[1])) - datetime.timedelta(days=1)
                else:
                    d = to_date(k)
                if d <= a and (best_d is None or d > best_d):
                    best_d, best_v = d, v
            if best_d is None:
                return b
            x = number(best_v)
            if isinstance(x, Pct):
                return (b or 0.0) + x / 100.0 * (T - (b or 0.0))
            return x
        return b

    def status(self, t):
        a = self.as_of
        if t.kind == "milestone":
            t.progress = 1 if t.done_on is not None else 0
            if t.done_on is not None:
                return "done" if t.done_on <= t.due else "late"
            if a > t.due:
                return "overdue"
            return "pending"
        b = t.baseline
        x = t.actual
        E = self.expected(t)
        t.expected = E
        t.progress = t.pace = None
        if x is not None and b is not None:
            if t.kind == "max":
                if not same(b, t.max):
                    t.progress = (b - x) / (b - t.max)
                if E is not None and not same(E, b):
                    t.pace = (b - x) / (b - E)
            else:
                if not same(t.min, b):
                    t.progress = (x - b) / (t.min - b)
                if E is not None and not same(E, b):
                    t.pace = (x - b) / (E - b)
        if x is not None:
            big = max([v for v in (t.min, t.max) if v is not None and v > 0] or [0])
            if x < 0 or (big > 0 and x > 10 * big):
                self.finding("suspicious")
            if t.kind == "min":
                met = ge(x, t.min)
            elif t.kind == "max":
                met = le(x, t.max)
            else:
                met = ge(x, t.min) and le(x, t.max)
            if met:
                return "done"
            if t.kind == "range" and x > t.max:
                return "above-range"
            if t.schedule == "always":
                return "breached"
        if a > t.due:
            return "overdue"
        nothing_expected = E is None or (b is not None and same(E, b))
        if x is None:
            return "pending" if nothing_expected else "missing"
        if nothing_expected:
            return "on-track"
        if t.pace is None:  # a max target without baseline: does the expected bound hold?
            return "on-track" if le(x, E) else "behind"
        if ge(t.pace, t.warn):
            return "on-track"
        if ge(t.pace, t.fail):
            return "at-risk"
        return "behind"

    def run(self, actual_files):
        for p in actual_files:
            self.load_actuals(p)
        for t in self.targets:
            self.combine(t)
        # Post-order (children before parents): plan order reversed.
        for t in reversed(self.targets):
            self.rollup_children(t)
        for t in self.targets:
            self.children_sum(t)
        for t in reversed(self.targets):
            if t.kind == "group":
                worst = None
                for c in t.children:
                    key = (SEV_RANK[SEVERITY[c.status]], ROW[c.status])
                    if worst is None or key > worst[0]:
                        worst = (key, c.status)
                t.status = worst[1] if worst else "pending"
                t.expected = t.progress = t.pace = None
            else:
                t.status = self.status(t)
        counts = {s: 0 for s in STATUSES}
        sev = {"ok": 0, "warn": 0, "fail": 0}
        out = []
        for t in self.targets:
            if t.kind != "group":
                counts[t.status] += 1
                sev[SEVERITY[t.status]] += 1
            rec = {"id": t.full, "name": t.name, "unit": t.unit, "kind": t.kind,
                   "min": t.min, "max": t.max, "baseline": t.baseline, "actual": t.actual,
                   "expected": t.expected, "progress": t.progress, "pace": t.pace,
                   "status": t.status, "severity": SEVERITY[t.status], "due": t.due.isoformat(),
                   "owner": t.owner, "reporters": t.reporters,
                   "children": [c.full for c in t.children]}
            if t.kind == "milestone":
                rec["actual"] = None
                rec["done_on"] = t.done_on.isoformat() if t.done_on else None
            out.append(rec)
        summary = {"targets": sum(counts.values()), **sev, "by_status": counts}
        return {"plantrack": 1, "title": self.title, "as_of": self.as_of.isoformat(),
                "summary": summary, "targets": out,
                "findings": [{"code": k, "count": v} for k, v in sorted(self.findings.items())]}


def main():
    ap = argparse.ArgumentParser(description="PyYAML (CSafeLoader) baseline for plantrack check")
    ap.add_argument("plan")
    ap.add_argument("actuals", help="a folder of *.yaml / *.yml files, or one file")
    ap.add_argument("--as-of", default="2024-09-30")
    ap.add_argument("--full", action="store_true", help="print the whole JSON document")
    args = ap.parse_args()
    with open(args.plan, "rb") as f:
        plan = yaml.load(f, Loader=LOADER)
    ev = Evaluator(plan, parse_as_of(args.as_of))
    if os.path.isdir(args.actuals):
        files = sorted(os.path.join(args.actuals, n) for n in os.listdir(args.actuals)
                       if n.endswith((".yaml", ".yml")))
    else:
        files = [args.actuals]
    doc = ev.run(files)
    text = json.dumps(doc, ensure_ascii=False)  # the full document, as plantrack writes it
    if args.full:
        sys.stdout.write(text + "\n")
    else:
        out = dict(doc["summary"])
        out["findings"] = {f["code"]: f["count"] for f in doc["findings"]}
        out["json_bytes"] = len(text.encode("utf-8"))
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
