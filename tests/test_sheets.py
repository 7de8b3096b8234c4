#!/usr/bin/env python3
"""Spreadsheets end to end (SPEC §9), with a program that is not ours filling them in.

  test_sheets.py BINARY        (run from the repository root; needs python3-openpyxl)

1. Round trip: the YAML template filled in with some values, the xlsx template filled in by
   openpyxl with the same values, and the CSV template filled in the same way and saved as
   UTF-8, UTF-8 with a BOM and GBK (iconv) all give the same JSON report; so does a folder
   holding the CSV file.
2. The report xlsx (check --format xlsx) opens in openpyxl: two sheets, numbers as numbers,
   percentages formatted, rows filled by severity, a frozen header.
3. Hostile xlsx files (tests/make_xlsx.py): each gets its located error, exit 2, nothing on
   stdout, within a second of CPU time and a bounded peak memory (not measured when
   PLANTRACK_SLOW_BUILD is set: sanitizer and -O0 builds).
"""
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile

import openpyxl

BIN = os.path.abspath(sys.argv[1])
PLAN = 'examples/town/plan.yaml'
AS_OF = '2024-09-30'
# What a reporter writes: numbers for numeric targets, a date for the milestone; the rest
# stays empty (not reported yet).
VALUES = {
    'keyvillage.roads.count': 3,
    'keyvillage.roads.area': 2000.5,
    'keyvillage.reservoir.volume': 45,
    'keyvillage.walnut': 120,
    'keyvillage.funds': 9.5,
    'relapse': 2.5,
}
DONE = {'keyvillage.acceptance': '2024-09-01'}
failures = []


def run(*args, check_exit=(0, 1), env=None):
    p = subprocess.run([BIN, *args], capture_output=True, env=env)
    if p.returncode not in check_exit:
        failures.append(f'{args}: exit {p.returncode}: {p.stderr.decode()[:300]}')
    return p


def report(*actuals):
    p = run('check', PLAN, *actuals, '--format', 'json')
    data = json.loads(p.stdout or b'{}')
    for f in data.get('findings', []):  # files and rows differ by kind; the meaning must not
        f.pop('file', None), f.pop('line', None), f.pop('column', None)
    return data


def fill_yaml(tmp):
    path = os.path.join(tmp, 'filled.yaml')
    run('template', PLAN, '--as-of', AS_OF, '-o', path)
    text = open(path, encoding='utf-8').read()
    for i, v in VALUES.items():
        text, n = re.subn(rf'^  {re.escape(i)}:$', f'  {i}: {v}', text, flags=re.M)
        assert n == 1, i
    for i, d in DONE.items():
        text, n = re.subn(rf'^  {re.escape(i)}: \{{done: \}}$', f'  {i}: {{done: {d}}}', text, flags=re.M)
        assert n == 1, i
    open(path, 'w', encoding='utf-8').write(text)
    return path


def fill_xlsx(tmp, lang):
    path = os.path.join(tmp, f'template-{lang}.xlsx')
    run('template', PLAN, '--as-of', AS_OF, '--lang', lang, '-o', path)
    wb = openpyxl.load_workbook(path)
    ws = wb['actuals']
    head = [c.value for c in ws[1]]
    value_col = head.index('value' if lang == 'en' else '数值')
    done_col = head.index('done' if lang == 'en' else '完成')
    for row in ws.iter_rows(min_row=2):
        i = row[0].value
        if i in VALUES:
            row[value_col].value = VALUES[i]
            if i == 'relapse':  # typed as 2.5% in Excel: stored 0.025, shown as a percentage
                row[value_col].value = VALUES[i] / 100
                row[value_col].number_format = '0.0%'
        if i in DONE:
            row[done_col].value = datetime.datetime.fromisoformat(DONE[i])
    out = os.path.join(tmp, f'filled-{lang}.xlsx')
    wb.save(out)
    return out


def fill_csv(tmp, lang):
    path = os.path.join(tmp, f'template-{lang}.csv')
    run('template', PLAN, '--as-of', AS_OF, '--format', 'csv', '--lang', lang, '-o', path)
    raw = open(path, 'rb').read()
    if not raw.startswith(b'\xef\xbb\xbf'):
        failures.append('the CSV template has no BOM')
    lines = raw[3:].decode('utf-8').split('\r\n')
    head = lines[0].split(',')
    value_col = head.index('value' if lang == 'en' else '数值')
    done_col = head.index('done' if lang == 'en' else '完成')
    out = [lines[0]]
    import csv
    import io
    for line in lines[1:]:
        if not line:
            continue
        cells = next(csv.reader(io.StringIO(line)))
        if cells[0] in VALUES:
            cells[value_col] = str(VALUES[cells[0]])
        if cells[0] in DONE:
            cells[done_col] = DONE[cells[0]]
        buf = io.StringIO()
        csv.writer(buf, lineterminator='').writerow(cells)
        out.append(buf.getvalue())
    text = '\r\n'.join(out) + '\r\n'
    files = {}
    for name, data in [('utf8', text.encode('utf-8')), ('bom', b'\xef\xbb\xbf' + text.encode('utf-8')),
                       ('gbk', subprocess.run(['iconv', '-f', 'UTF-8', '-t', 'GBK'], input=text.encode('utf-8'),
                                              capture_output=True, check=True).stdout)]:
        p = os.path.join(tmp, f'filled-{lang}-{name}.csv')
        open(p, 'wb').write(data)
        files[name] = p
    return files


def round_trip(tmp):
    want = report(fill_yaml(tmp))
    used = {t['id'] for t in want['targets'] if t['actual'] is not None or t.get('done_on')}
    if used != set(VALUES) | set(DONE):
        failures.append(f'the YAML template did not use every value: {sorted(used)}')
    for lang in ('en', 'zh'):
        got = report(fill_xlsx(tmp, lang))
        if got != want:
            failures.append(f'xlsx ({lang}) filled by openpyxl differs from YAML:\n{json.dumps(got)[:600]}')
        for kind, path in fill_csv(tmp, lang).items():
            got = report(path)
            if got != want:
                failures.append(f'csv {kind} ({lang}) differs from YAML:\n{json.dumps(got)[:600]}')
    folder = os.path.join(tmp, 'folder')
    os.mkdir(folder)
    os.rename(os.path.join(tmp, 'filled-zh-gbk.csv'), os.path.join(folder, 'TOWN.CSV'))
    if report(folder) != want:
        failures.append('a folder holding the GBK CSV file gives another report')
    # GBK forced to be read as UTF-8 is a located error.
    p = run('check', PLAN, os.path.join(tmp, 'filled-en-gbk.csv'), '--encoding', 'utf-8', check_exit=(2,))
    if b'filled-en-gbk.csv:2:2: error: this cell is not UTF-8 text' not in p.stderr:
        failures.append(f'--encoding utf-8 on GBK: {p.stderr[:200]}')


def report_xlsx(tmp):
    path = os.path.join(tmp, 'report.xlsx')
    run('check', 'examples/county/plan.yaml', 'examples/county/actuals', '-o', path, '--lang', 'zh')
    wb = openpyxl.load_workbook(path)
    if wb.sheetnames != ['目标', '发现的问题']:
        failures.append(f'report sheets: {wb.sheetnames}')
        return
    ws = wb['目标']
    head = [c.value for c in ws[1]]
    if ws.freeze_panes != 'C2':
        failures.append(f'report: frozen at {ws.freeze_panes}')
    progress = head.index('完成率')
    fills = set()
    numbers = 0
    for row in ws.iter_rows(min_row=2):
        if isinstance(row[progress].value, float):
            numbers += 1
            if row[progress].number_format != '0.0%':
                failures.append(f'progress formatted {row[progress].number_format}')
        fills.add(row[0].fill.fgColor.rgb)
    if numbers == 0 or len(fills) < 2:
        failures.append(f'report: {numbers} progress numbers, fills {fills}')
    if wb['发现的问题']['A1'].value != '代码':
        failures.append('report: the findings sheet has no header')
    # Without -o: to a terminal a usage error (not testable here), to a pipe the bytes.
    p = run('check', 'examples/county/plan.yaml', 'examples/county/actuals', '--format', 'xlsx')
    if not p.stdout.startswith(b'PK'):
        failures.append('check --format xlsx to a pipe wrote no xlsx')


HOSTILE = {
    'not-zip': ':1:1: error: not an xlsx workbook: it is not a whole zip archive',
    'truncated': ':1:1: error: not an xlsx workbook',
    'missing-workbook': ':1:1: error: the workbook has no part `xl/workbook.xml`',
    'missing-sheet': ':1:1: error: the workbook has no part `xl/worksheets/sheet1.xml`',
    'zip-bomb': ':1:1: error: the workbook unpacks to more than',
    'huge-shared-strings': ':1:1: error: the workbook unpacks to more than',
    'deep-xml': ':1:1: error: `xl/worksheets/sheet1.xml`: XML nested deeper than 64 levels',
    'entities': ':1:1: error: `xl/worksheets/sheet1.xml`: a DOCTYPE has no place in a workbook',
    'bad-xml': ':1:1: error: `xl/worksheets/sheet1.xml` line 1 column',
    'no-shared-strings': ':2:1: error: sheet `actuals`: the cell is a shared string but the workbook has no',
}

# CSV files under 2 MiB written to cost the most.
CSV_BYTES = {
    'commas': b'id,date,value' + b',' * (2 << 20) + b'\n',
    'quotes': b'"' * ((2 << 20) + 1),
    'line-ends': b'id,date,value\n' + b'\r\n' * (1 << 20),
    'bad-rows': b'id,date,value\n' + b'a,2024-09-30,x\n' * 100000,
}
HOSTILE_CSV = {
    'commas': ':1:16385: error: a row of more than 16384 cells',
    'quotes': ':1:1: error: a quoted cell is never closed',
    'line-ends': ':1:1: error: no date to check at',
    'bad-rows': ':2:3: error: `value`: `x` is not a number',
}


def hostile(tmp):
    plan = os.path.join(tmp, 'plan.yaml')
    open(plan, 'w', encoding='utf-8').write(
        'plantrack: 1\ntitle: t\nperiod: {start: 2024-01-01, end: 2024-12-31}\n'
        'targets:\n  - {id: training, name: 培训, unit: 人次, target: 5000}\n')
    for kind, want in {**HOSTILE, **HOSTILE_CSV}.items():
        if kind in HOSTILE_CSV:
            path = os.path.join(tmp, kind + '.csv')
            open(path, 'wb').write(CSV_BYTES[kind])
        else:
            path = os.path.join(tmp, kind + '.xlsx')
            subprocess.run([sys.executable, 'tests/make_xlsx.py', kind, path], check=True)
        size = os.path.getsize(path)
        usage = os.path.join(tmp, 'usage')
        p = subprocess.run(['/usr/bin/time', '-f', '%M %U %S', '-o', usage, BIN, 'check', plan, path],
                           capture_output=True, timeout=30)
        peak_kib, user, system = open(usage).read().split()[-3:]
        peak_kib, cpu = int(peak_kib), float(user) + float(system)
        err = p.stderr.decode()
        if p.returncode != 2 or p.stdout or not err.startswith(path + want):
            failures.append(f'hostile {kind}: exit {p.returncode}, stderr {err[:300]!r}')
        if os.environ.get('PLANTRACK_SLOW_BUILD'):  # a sanitizer or -O0 build
            continue
        # Up to the unpack limit (16 x the file + 32 MiB of XML) takes about a second on this
        # project's machine; a bomb unpacking without bound would take minutes.
        if cpu > 2.0:
            failures.append(f'hostile {kind}: {cpu:.2f} s of CPU for a {size}-byte file')
        if peak_kib > (4 * size + (64 << 20)) // 1024 + 16384:  # + the program's own 16 MiB
            failures.append(f'hostile {kind}: peak {peak_kib} KiB for a {size}-byte file')


def main():
    with tempfile.TemporaryDirectory() as tmp:
        round_trip(tmp)
        report_xlsx(tmp)
        hostile(tmp)
    for f in failures:
        print('FAIL', f)
    print('sheets:', 'FAILED' if failures else 'all checks passed')
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
