#!/usr/bin/env python3
"""Deterministic generator of a national-scale plantrack benchmark input.

    bench/gen.py --targets N --out DIR [--seed S] [--style wordy|compact|flow]

writes DIR/plan.yaml and DIR/actuals/<county>-<town>.yaml (one file per town). The same N,
seed and style always give byte-identical files (random.Random(seed), no clock, no hash
order).

Styles:
    wordy    (default) block-style plan with long ids and names (village name + indicator
             name), schedules, tags and notes; list-form actuals, one flow-style entry per
             line, with units, notes and sources (≈ 275 bytes of input per target).
    compact  the same hierarchy written as a lean national plan would be: leaf ids of 4-8
             characters, names of 2-6 Chinese characters, few optional keys; map-form
             actuals (as_of + one `full.id: value` line per target).
    flow     compact, but each plan target written as one flow mapping on one line.

Hierarchy (SPEC §1.1):
    county (group)  c001           e.g. 云岭县
      town (group)  c001.t01       e.g. 珠街镇, owner: 珠街镇
        village     c001.t01.v0001 parent target in 户 (rollup sum of its 户 children)
          ~10 indicators           leaf targets, 8..12 per village

N is the number of leaf indicator targets (exactly N); the plan also holds the village
parents (≈ N/10) and the town and county groups. The actuals hold ≈ 1 entry per leaf.

Target kinds (SPEC §2.3): min numbers in 户/人/万元/亩/公里, {max: ...} with schedule
always, {min: 3, max: 5} ranges, {growth: 15%} with baseline, `target: done` milestones.
Schedules: linear (default, omitted), end, always, {Q1: 10%, Q2: 40%, Q3: 70%, Q4: 100%}.
Actual entries use value / add / done, dated 2024-01-xx .. 2024-09-30.
"""

import argparse
import datetime
import os
import random
import sys
import time

SEED = 20240930
PERIOD_START = datetime.date(2024, 1, 1)
AS_OF = datetime.date(2024, 9, 30)
VILLAGES_PER_TOWN = 20
TOWNS_PER_COUNTY = 15

# Syllables for place names (two characters + 县/镇/乡/村).
SYL = ("云 岭 珠 街 坝 美 底 圩 鳌 溪 大 元 西 松 中 寨 叮 当 那 万 尼 录 汤 白 玉 兰 "
       "石 桥 龙 泉 凤 凰 青 山 河 口 新 安 平 和 兴 隆 长 乐 丰 收 金 沙 红 旗 "
       "东 南 北 林 湾 坪 沟 坡 塘 田 庄 堡 岗 营 铺 关 屯 塆 冲 垭").split()

DATES_Q = ("2024-03-31", "2024-06-30", "2024-09-30")
NOTES = ("含农民夜校培训", "已通过县级验收", "资金已拨付到村", "按月累计", "含整合资金",
         "数据来自乡镇统计站", "部分项目延期至四季度")
SOURCES = ("乡镇统计月报", "村委会台账", "县扶贫办系统")
QSCHED = "{Q1: 10%, Q2: 40%, Q3: 70%, Q4: 100%}"


def place(rng, suffix):
    return rng.choice(SYL) + rng.choice(SYL) + suffix


def rand_date(rng, lo_day=1, hi=AS_OF):
    """A date in 2024 from day-of-year lo_day up to `hi` (inclusive), as text."""
    d = PERIOD_START + datetime.timedelta(days=rng.randint(lo_day - 1, (hi - PERIOD_START).days))
    return d.isoformat()


def frac_of(date_text):
    d = datetime.date.fromisoformat(date_text)
    return ((d - PERIOD_START).days + 1) / 366.0


def num(x, decimals):
    if decimals == 0:
        return str(int(round(x)))
    s = f"{x:.{decimals}f}".rstrip("0").rstrip(".")
    return s or "0"


# Leaf indicator templates: id, name, unit, kind, bound range, decimals.
# kind: min | max | range | growth | done
INDICATORS = (
    ("relocation-households", "易地扶贫搬迁", "户", "min", (8, 80), 0),
    ("housing-renovation", "农村危房改造", "户", "min", (5, 60), 0),
    ("labor-training", "劳动力转移就业培训", "人", "min", (40, 600), 0),
    ("road-hardening", "通村公路硬化", "公里", "min", (1.5, 15.0), 1),
    ("farmland-upgrade", "高标准农田建设", "亩", "min", (200, 3000), 0),
    ("poverty-funds", "财政专项扶贫资金", "万元", "min", (20, 400), 1),
    ("collective-income", "村集体经济收入", "万元", "growth", (3, 40), 1),
    ("safe-drinking-water", "安全饮水巩固提升受益人口", "人", "min", (100, 2000), 0),
    ("poverty-rate", "贫困发生率", "%", "max", (1, 3), 1),
    ("cooperatives", "农民专业合作社", "个", "range", (3, 5), 0),
    ("village-plan", "村级脱贫发展规划编制", "", "done", None, 0),
    ("returned-poverty", "返贫人口", "人", "max", (0, 5), 0),
)
REQUIRED = (0, 1)  # every village has the two 户 indicators its own target sums


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--targets", type=int, required=True, help="number of leaf targets (e.g. 10000, 100000, 1000000)")
    ap.add_argument("--out", required=True, help="output directory (plan.yaml, actuals/)")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--style", choices=("wordy", "compact", "flow"), default="wordy")
    args = ap.parse_args()
    n = args.targets
    if n < 10:
        sys.exit("gen.py: --targets must be at least 10")
    if args.style != "wordy":
        return gen_compact(n, args.seed, args.out, args.style == "flow")
    t0 = time.time()
    rng = random.Random(args.seed)
    os.makedirs(os.path.join(args.out, "actuals"), exist_ok=True)
    # Remove stale actuals files from an earlier, bigger run.
    for f in os.listdir(os.path.join(args.out, "actuals")):
        if f.endswith(".yaml"):
            os.remove(os.path.join(args.out, "actuals", f))

    villages_total = max(1, n // 10)
    towns_total = -(-villages_total // VILLAGES_PER_TOWN)
    counties_total = -(-towns_total // TOWNS_PER_COUNTY)
    cw = max(3, len(str(counties_total + 1)))

    plan_path = os.path.join(args.out, "plan.yaml")
    plan = open(plan_path, "w", encoding="utf-8", newline="\n", buffering=1 << 20)
    P = plan.write
    P("plantrack: 1\n")
    P(f"# Generated by bench/gen.py --targets {n} --seed {args.seed}: synthetic benchmark input.\n")
    P(f"title: 2024年全国扶贫开发年度工作计划(基准测试,{n}个指标)\n")
    P("period: {start: 2024-01-01, end: 2024-12-31}\n")
    P("owner: 国务院扶贫开发领导小组办公室\n")
    P("thresholds: {warn: 90%, fail: 70%}\n")
    P("units: {万亩: 10000 亩}\n")
    P("x-generator: bench/gen.py\n")
    P("targets:\n")

    leaves_left = n
    stats = {"leaves": 0, "villages": 0, "towns": 0, "counties": 0, "entries": 0, "files": 0}
    actuals_bytes = 0
    ci = -1
    while leaves_left > 0:
        ci += 1
        cid = f"c{ci + 1:0{cw}d}"
        v_in_county = 0  # villages are numbered within their county: c001.t03.v0047
        cname = place(rng, "县")
        stats["counties"] += 1
        P(f"  - id: {cid}\n    name: {cname}脱贫攻坚\n    owner: {cname}扶贫办\n    children:\n")
        for ti in range(TOWNS_PER_COUNTY):
            if leaves_left <= 0:
                break
            tid = f"t{ti + 1:02d}"
            tname = place(rng, "镇" if rng.random() < 0.6 else "乡")
            stats["towns"] += 1
            P(f"      - id: {tid}\n        name: {tname}\n        owner: {tname}\n        children:\n")
            # This town's actuals, written as one file.
            out = [f"plantrack: 1\n# {cname}{tname} 2024年1-9月扶贫开发工作进度\nreported_by: {tname}\nactuals:\n"]
            O = out.append
            for vi in range(VILLAGES_PER_TOWN):
                if leaves_left <= 0:
                    break
                v_in_county += 1
                vid = f"v{v_in_county:04d}"
                vname = place(rng, "村")
                stats["villages"] += 1
                if leaves_left <= 12:
                    k = leaves_left
                elif leaves_left < 20:
                    k = leaves_left - 8
                else:
                    k = rng.randint(8, 12)
                picks = sorted(REQUIRED + tuple(rng.sample(range(2, len(INDICATORS)), k - 2)))
                items = [(i, "") for i in picks]
                leaves_left -= len(items)
                # Village parent: 户, target = sum of its 户 min children.
                bounds = []
                for i, sfx in items:
                    spec = INDICATORS[i]
                    lo, hi = spec[4] if spec[4] else (0, 0)
                    if spec[5] == 0:
                        b = rng.randint(int(lo), int(hi))
                    else:
                        b = round(rng.uniform(lo, hi), spec[5])
                    bounds.append(b)
                hh = sum(int(bounds[j]) for j, (i, _) in enumerate(items) if INDICATORS[i][2] == "户" and INDICATORS[i][3] == "min")
                P(f"          - id: {vid}\n            name: {vname} 脱贫攻坚受益户\n            unit: 户\n"
                  f"            target: {hh}\n            rollup: sum\n            children:\n")
                full_v = f"{cid}.{tid}.{vid}"
                for j, (i, sfx) in enumerate(items):
                    iid, iname, unit, kind, _rng, dec = INDICATORS[i]
                    iid += sfx
                    b = bounds[j]
                    ind = "              "
                    P(f"{ind}- id: {iid}\n{ind}  name: {vname} {iname}\n")
                    if unit == "%":
                        P(f'{ind}  unit: "%"\n')
                    elif unit:
                        P(f"{ind}  unit: {unit}\n")
                    sched = "linear"
                    baseline = None
                    due = None
                    if kind == "min":
                        P(f"{ind}  target: {num(b, dec)}\n")
                        r_ = rng.random()
                        if r_ < 0.25:
                            sched = "q"
                            P(f"{ind}  schedule: {QSCHED}\n")
                        elif r_ < 0.40:
                            sched = "end"
                            P(f"{ind}  schedule: end\n")
                        if unit == "亩" and rng.random() < 0.5:
                            baseline = 0
                            P(f"{ind}  baseline: 0\n")
                        T = b
                    elif kind == "growth":
                        baseline = b
                        P(f"{ind}  target: {{growth: 15%}}\n{ind}  baseline: {num(b, dec)}\n")
                        if rng.random() < 0.5:
                            sched = "end"
                            P(f"{ind}  schedule: end\n")
                        T = b * 1.15
                    elif kind == "max":
                        P(f"{ind}  target: {{max: {num(b, dec)}}}\n{ind}  schedule: always\n")
                        sched = "always"
                        if unit == "%" and rng.random() < 0.5:
                            baseline = round(b + rng.uniform(1, 6), 1)
                            P(f"{ind}  baseline: {num(baseline, 1)}\n")
                        T = b
                    elif kind == "range":
                        P(f"{ind}  target: {{min: 3, max: 5}}\n")
                        T = 3
                    else:  # milestone
                        P(f"{ind}  target: done\n")
                        if rng.random() < 0.5:
                            due = rand_date(rng, 60, datetime.date(2024, 12, 31))
                            P(f"{ind}  due: {due}\n")
                        T = None
                    rr = rng.random()
                    if rr < 0.08:
                        P(f"{ind}  tags: [{'整村推进' if rng.random() < 0.5 else '产业扶贫'}, {'省级' if rng.random() < 0.3 else '县级'}]\n")
                    elif rr < 0.14:
                        P(f"{ind}  note: {rng.choice(NOTES)}\n")
                    stats["leaves"] += 1

                    # ---- actuals for this leaf (≈ 1 entry on average) ----
                    fid = f"{full_v}.{iid}"
                    if kind == "done":
                        x = rng.random()
                        if x < 0.45:
                            dd = rand_date(rng, 20)  # done on dd, reported on or after it
                            ed = rand_date(rng, datetime.date.fromisoformat(dd).timetuple().tm_yday)
                            O(f"  - {{id: {fid}, date: {ed}, done: {dd}}}\n")
                        elif x < 0.65:
                            O(f"  - {{id: {fid}, date: {rand_date(rng, 30)}, done: true}}\n")
                        else:
                            continue
                        stats["entries"] += 1
                        continue
                    x = rng.random()
                    if kind == "max":
                        # A level that must always hold: one value, mostly within the bound.
                        if x < 0.08:
                            continue
                        lvl = b * rng.uniform(0.2, 1.3)
                        v = num(lvl, dec)
                        if unit == "%" and rng.random() < 0.4:
                            v = v + "%"
                        O(f"  - {{id: {fid}, date: {rng.choice(DATES_Q)}, value: {v}}}\n")
                        stats["entries"] += 1
                        continue
                    if kind == "range":
                        if x < 0.08:
                            continue
                        O(f"  - {{id: {fid}, date: {rng.choice(DATES_Q)}, value: {rng.randint(1, 6)}}}\n")
                        stats["entries"] += 1
                        continue
                    base = baseline or 0
                    if x < 0.08:
                        continue  # not reported
                    # Latest report: mostly the quarter's end or the last weeks, sometimes stale.
                    w = rng.random()
                    d1 = "2024-09-30" if w < 0.5 else rand_date(rng, 183) if w < 0.85 else rand_date(rng, 15)
                    # Level reached by d1: the linear path at d1 (or most of it) times a spread
                    # that gives a mix of done / on-track / at-risk / behind.
                    f = frac_of(d1) if sched != "end" else frac_of(d1) * 0.8
                    lvl = base + (T - base) * f * rng.uniform(0.6, 1.45)
                    if x < 0.78:
                        v = num(lvl, dec)
                        tail = ""
                        z = rng.random()
                        if unit == "亩" and lvl >= 1000 and z < 0.3:
                            v = f'"{int(round(lvl)):,}"'
                        elif unit == "万元" and z < 0.35:
                            v, tail = str(int(round(lvl * 10000, -2))), ", unit: 元"
                        elif unit == "公里" and z < 0.15:
                            v, tail = str(int(round(lvl * 1000, -1))), ", unit: 米"
                        y = rng.random()
                        if y < 0.03:
                            tail += f", by: {vname}村委会"
                        elif y < 0.45:
                            tail += f", note: {rng.choice(NOTES)}"
                        elif y < 0.65:
                            tail += f", source: {rng.choice(SOURCES)}"
                        O(f"  - {{id: {fid}, date: {d1}, value: {v}{tail}}}\n")
                        stats["entries"] += 1
                    elif x < 0.90 or kind == "growth":
                        # An earlier level then an increment after it.
                        d0 = DATES_Q[0] if d1 > DATES_Q[0] else "2024-01-31"
                        f0 = frac_of(d0)
                        lvl0 = base + (T - base) * f0 * rng.uniform(0.5, 1.2)
                        O(f"  - {{id: {fid}, date: {d0}, value: {num(lvl0, dec)}}}\n")
                        inc = max(lvl - lvl0, 0)
                        O(f"  - {{id: {fid}, date: {d1 if d1 > d0 else DATES_Q[1]}, add: {num(inc, dec)}}}\n")
                        stats["entries"] += 2
                    else:
                        # Increments only (on top of 0).
                        O(f"  - {{id: {fid}, date: {d1}, add: {num(max(lvl - base, 0), dec)}}}\n")
                        stats["entries"] += 1
            data = "".join(out)
            apath = os.path.join(args.out, "actuals", f"{cid}-{tid}.yaml")
            with open(apath, "w", encoding="utf-8", newline="\n") as fa:
                fa.write(data)
            actuals_bytes += len(data.encode("utf-8"))
            stats["files"] += 1
    plan.close()
    plan_bytes = os.path.getsize(plan_path)
    total_targets = stats["leaves"] + stats["villages"] + stats["towns"] + stats["counties"]
    print(f"gen.py: {args.out}: {stats['leaves']} leaf targets, {stats['villages']} villages, "
          f"{stats['towns']} towns, {stats['counties']} counties ({total_targets} targets in all); "
          f"plan {plan_bytes / 1e6:.1f} MB; {stats['entries']} entries in {stats['files']} actuals files, "
          f"{actuals_bytes / 1e6:.1f} MB; {time.time() - t0:.1f} s", file=sys.stderr)


# Compact indicators: short id (4-8 characters), short name (2-6 characters), unit, kind,
# bound range, decimals (the same kinds as INDICATORS).
COMPACT = (
    ("rlhh", "搬迁户", "户", "min", (8, 80), 0),
    ("house", "危房改造", "户", "min", (5, 60), 0),
    ("train", "转移培训", "人", "min", (40, 600), 0),
    ("road", "公路硬化", "公里", "min", (1.5, 15.0), 1),
    ("farm", "农田建设", "亩", "min", (200, 3000), 0),
    ("fund", "扶贫资金", "万元", "min", (20, 400), 1),
    ("coinc", "集体收入", "万元", "growth", (3, 40), 1),
    ("water", "安全饮水", "人", "min", (100, 2000), 0),
    ("prate", "贫困发生率", "%", "max", (1, 3), 1),
    ("coop", "合作社", "个", "range", (3, 5), 0),
    ("vplan", "发展规划", "", "done", None, 0),
    ("repov", "返贫人口", "人", "max", (0, 5), 0),
)


def gen_compact(n, seed, out_dir, flow):
    """The compact and flow styles: the same county/town/village hierarchy and N leaves as the
    wordy style, lean keys, map-form actuals of one line per reported target."""
    t0 = time.time()
    rng = random.Random(seed)
    os.makedirs(os.path.join(out_dir, "actuals"), exist_ok=True)
    for f in os.listdir(os.path.join(out_dir, "actuals")):
        if f.endswith(".yaml"):
            os.remove(os.path.join(out_dir, "actuals", f))
    plan_path = os.path.join(out_dir, "plan.yaml")
    plan = open(plan_path, "w", encoding="utf-8", newline="\n", buffering=1 << 20)
    P = plan.write
    P("plantrack: 1\n")
    P(f"# Generated by bench/gen.py --targets {n} --seed {seed} --style {'flow' if flow else 'compact'}\n")
    P("title: 2024年全国扶贫开发年度计划\nperiod: {start: 2024-01-01, end: 2024-12-31}\ntargets:\n")
    villages_total = max(1, n // 10)
    towns_total = -(-villages_total // VILLAGES_PER_TOWN)
    cw = max(3, len(str(-(-towns_total // TOWNS_PER_COUNTY) + 1)))
    leaves_left, ci = n, -1
    stats = {"leaves": 0, "entries": 0, "files": 0, "targets": 0}
    actuals_bytes = 0

    def leaf(ind, iid, name, unit, target, extra=""):
        u = "" if not unit else f', unit: "%"' if unit == "%" else f", unit: {unit}"
        if flow:
            P(f"{ind}- {{id: {iid}, name: {name}{u}, target: {target}{extra}}}\n")
            return
        P(f"{ind}- id: {iid}\n{ind}  name: {name}\n")
        if unit:
            P(f"{ind}  unit: {unit if unit != '%' else chr(34) + '%' + chr(34)}\n")
        P(f"{ind}  target: {target}\n")
        if extra:
            for kv in extra.lstrip(", ").split(", "):
                P(f"{ind}  {kv}\n")

    def group(ind, gid, name):
        P(f"{ind}- id: {gid}\n{ind}  name: {name}\n{ind}  children:\n")

    while leaves_left > 0:
        ci += 1
        cid = f"c{ci + 1:0{cw}d}"
        group("  ", cid, place(rng, "县"))
        v_in_county = 0
        for ti in range(TOWNS_PER_COUNTY):
            if leaves_left <= 0:
                break
            tid = f"t{ti + 1:02d}"
            tname = place(rng, "镇")
            group("      ", tid, tname)
            out = [f"plantrack: 1\nas_of: 2024-09-30\nreported_by: {tname}\nactuals:\n"]
            for _ in range(VILLAGES_PER_TOWN):
                if leaves_left <= 0:
                    break
                v_in_county += 1
                vid = f"v{v_in_county:04d}"
                k = leaves_left if leaves_left <= 12 else leaves_left - 8 if leaves_left < 20 else rng.randint(8, 12)
                picks = sorted(REQUIRED + tuple(rng.sample(range(2, len(COMPACT)), k - 2)))
                leaves_left -= len(picks)
                group("          ", vid, place(rng, "村"))
                for i in picks:
                    iid, name, unit, kind, (lo, hi), dec = (*COMPACT[i][:4], COMPACT[i][4] or (0, 0), COMPACT[i][5])
                    b = rng.randint(int(lo), int(hi)) if dec == 0 else round(rng.uniform(lo, hi), dec)
                    fid = f"{cid}.{tid}.{vid}.{iid}"
                    ind = "              "
                    if kind == "min":
                        leaf(ind, iid, name, unit, num(b, dec))
                        T, base = b, 0
                    elif kind == "growth":
                        leaf(ind, iid, name, unit, "{growth: 15%}", f", baseline: {num(b, dec)}")
                        T, base = b * 1.15, b
                    elif kind == "max":
                        leaf(ind, iid, name, unit, f"{{max: {num(b, dec)}}}", ", schedule: always")
                        T, base = b, 0
                    elif kind == "range":
                        leaf(ind, iid, name, unit, "{min: 3, max: 5}")
                        T, base = 3, 0
                    else:
                        leaf(ind, iid, name, unit, "done")
                        T = None
                    stats["leaves"] += 1
                    x = rng.random()
                    if x < 0.08:
                        continue  # not reported
                    if T is None:
                        if x < 0.6:
                            out.append(f"  {fid}: {{done: true}}\n")
                            stats["entries"] += 1
                        continue
                    lvl = b * rng.uniform(0.2, 1.3) if kind == "max" else base + (T - base) * 0.75 * rng.uniform(0.6, 1.45)
                    out.append(f"  {fid}: {num(lvl, dec) if kind != 'range' else rng.randint(1, 6)}\n")
                    stats["entries"] += 1
            data = "".join(out)
            with open(os.path.join(out_dir, "actuals", f"{cid}-{tid}.yaml"), "w", encoding="utf-8", newline="\n") as fa:
                fa.write(data)
            actuals_bytes += len(data.encode("utf-8"))
            stats["files"] += 1
    plan.close()
    print(f"gen.py: {out_dir}: {stats['leaves']} leaf targets ({'flow' if flow else 'compact'}); "
          f"plan {os.path.getsize(plan_path) / 1e6:.1f} MB; {stats['entries']} entries in {stats['files']} "
          f"actuals files, {actuals_bytes / 1e6:.1f} MB; {time.time() - t0:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
