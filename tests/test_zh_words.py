#!/usr/bin/env python3
"""Chinese golden cases say nothing in English.

    tests/test_zh_words.py CASES_DIR        (run from the repository root)

For every Chinese case (zh-*, lang-zh-*, *-zh), the human text of expected.out and
expected.err may hold no English word except: text quoted in backticks (keys, ids, codes as
the message quotes them), the location prefix FILE:LINE:COLUMN: error:/warning:, finding and
lint codes in [brackets], file names and options, user text (any word of the case's input
files), and the words of the allow-list below (keys, codes, format and encoding names). What
is not human text is skipped: JSON keys (only "message" values are read), CSV files, XML tags
and attribute names, GitHub workflow-command syntax, HTML markup.
"""
import html
import json
import os
import re
import shlex
import sys
import urllib.parse

CASES = sys.argv[1] if len(sys.argv) > 1 else "tests/cases"

# Words that stay as they are in Chinese text: file keys, status/finding/lint codes, enum
# values of options and keys, names of formats, encodings and standards, metavariables.
ALLOWED = set("""
plantrack title period start end owner thresholds warn fail units stale_after targets id name
unit target baseline due schedule rollup tags note revisions children ratio numerator
denominator min max growth increase decrease done value add date as_of reported_by actuals by
source linear always sum none mean true false yes no null
done late above-range breached overdue pending missing on-track at-risk behind ok info
unknown-target unit-mismatch conflict wrong-kind suspicious partial children-sum future-entries
before-period duplicate-input stale outside-period child-unit no-owner checkpoint-outside
checkpoint-share duplicate-name percent-linear worsened
table markdown json csv junit github html xlsx yaml yml auto never en zh utf-8 gb18030 gbk map
list quarter month plan check validate template schema trend diff txt md htm xml pdf docx
YAML UTF-8 UTF-16 UTF-32 GB18030 GBK CSV XML JSON HTML JUnit XLSX xlsx zip MiB GiB BOM NUL FIFO
DOCTYPE iconv Excel WPS Unicode Schema JSON-Schema U+ 0x
YYYY-MM-DD YYYY-Qn YYYY today PLAN ACTUALS KIND FILE LINE COLUMN DAYS DATE D1 D2 D1,D2
OLD_PLAN NEW_PLAN SUBCOMMAND CODE NAME error warning notice ID CI
Q1 Q2 Q3 Q4 Qn e.g m m2 km ha yuan HEAD git show diff(1) LC_ALL LC_MESSAGES LANG NO_COLOR
x- it's it''s stdin key value id: value: done: nan inf yaml-language-server ASCII ja ko
""".split())

HELP_WORDS = {"-h", "--help", "--version"}
# Escaped characters (\x1B, \u202E) and byte values (0xFF) as messages show them.
ESCAPES = re.compile(
    r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})|\b0x[0-9A-Fa-f]+|\bU\+[0-9A-Fa-f]{4,6}")


def input_words(case_dir, args):
    """Every ASCII word of the files the case reads: its user text (ids, names, notes)."""
    words = set()
    paths = [case_dir]
    try:
        paths += [a for a in shlex.split(args) if os.path.exists(a)]
    except ValueError:
        pass
    for p in paths:
        files = []
        if os.path.isdir(p):
            for root, _, names in os.walk(p):
                files += [os.path.join(root, n) for n in names if not n.startswith("expected.")]
        else:
            files.append(p)
        for f in files:
            try:
                with open(f, "rb") as fh:
                    text = fh.read(1 << 20).decode("utf-8", "replace")
            except OSError:
                continue
            text = ESCAPES.sub(" ", text)
            words.update(re.findall(r"[A-Za-z][A-Za-z0-9_.\-]*", text))
    return words


def human_text(text):
    """The human-readable parts of an output, whatever its format."""
    stripped = text.lstrip("\ufeff")
    if stripped.startswith("{"):
        try:
            data = json.loads(stripped)
        except ValueError:
            return text
        found = []

        def walk(v):
            if isinstance(v, dict):
                for k, x in v.items():
                    if k == "message" and isinstance(x, str):
                        found.append(x)
                    walk(x)
            elif isinstance(v, list):
                for x in v:
                    walk(x)

        walk(data)
        return "\n".join(found)
    if stripped.startswith("<?xml"):
        values = re.findall(r'\b(?:message|value)="([^"]*)"', text)
        texts = re.sub(r"<[^>]*>", "\n", text)
        return html.unescape("\n".join(values) + "\n" + texts)
    if stripped.lower().startswith("<!doctype html") or stripped.startswith("<html"):
        body = re.sub(r"(?s)<(style|script)\b.*?</\1>", " ", text)
        body = re.sub(r"(?s)<[^>]*>", " ", body)
        return html.unescape(body)
    lines = []
    for line in text.splitlines():
        m = re.match(r"^::(?:error|warning|notice)( [^:]*)?::(.*)$", line)
        if m:  # GitHub workflow commands: the title and the message are read
            props = m.group(1) or ""
            title = re.search(r"title=([^,]*)", props)
            line = (urllib.parse.unquote(title.group(1)) if title else "") + " " + \
                urllib.parse.unquote(m.group(2))
        lines.append(line)
    return "\n".join(lines)


def english_words(text, allowed):
    text = re.sub(r"`[^`\n]*`", " ", text)  # quoted keys, ids, codes
    text = re.sub(r"^\S*:\d+:\d+: (?:error|warning): ", "", text, flags=re.M)
    text = re.sub(r"^\S*: (?:error|warning): ", "", text, flags=re.M)
    text = re.sub(r"\[[a-z-]+\]", " ", text)  # [code]
    text = re.sub(r"\$schema=\S+", " ", text)
    text = re.sub(r"&[a-z]+;", " ", text)  # markdown's &emsp;
    text = ESCAPES.sub(" ", text)
    bad = []
    for token in re.findall(r"[^\s,;:()（）：；，、。？！\"'=|*<>\[\]{}]+", text):
        for word in re.findall(r"[A-Za-z][A-Za-z0-9_.\-+]*", token):
            w = word.rstrip(".-")
            if "/" in token or token.startswith("-") or re.match(r"^[\w.-]+\.(ya?ml|csv|xlsx|json)$", token):
                continue  # a path, a file name or an option
            if len(re.sub(r"[^A-Za-z]", "", w)) < 2:
                continue
            if w in allowed or w.lower() in allowed or w in HELP_WORDS:
                continue
            if all(part in allowed for part in w.split(".")):  # a full id: villages.key.model
                continue
            bad.append(w)
    return bad


def chinese_case(name, args, env):
    """Whether the case runs in Chinese: --lang zh, or the locale variables as plantrack reads them."""
    if re.search(r"--lang[ =]en\b", args):
        return False
    if re.search(r"--lang[ =]zh\b", args):
        return True
    values = dict(line.split("=", 1) for line in env.splitlines() if "=" in line)
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if values.get(var):
            return values[var].startswith("zh")
    return name.startswith("zh-") or name.startswith("lang-zh-") or name.endswith("-zh")


failures = []
checked = 0
for name in sorted(os.listdir(CASES)):
    case = os.path.join(CASES, name)
    if not os.path.isfile(os.path.join(case, "args")):
        continue
    with open(os.path.join(case, "args"), encoding="utf-8", errors="replace") as f:
        args = f.read()
    env = ""
    if os.path.isfile(os.path.join(case, "env")):
        with open(os.path.join(case, "env"), encoding="utf-8", errors="replace") as f:
            env = f.read()
    if not chinese_case(name, args, env):
        continue
    # CSV output: keys and codes by design (SPEC §8), not read.
    csv_output = re.search(r"--format[ =](csv|xlsx)\b", args) is not None
    allowed = ALLOWED | input_words(case, args)
    for part in ("expected.out", "expected.err"):
        path = os.path.join(case, part)
        if not os.path.exists(path) or (part == "expected.out" and csv_output):
            continue
        with open(path, "rb") as f:
            text = f.read().decode("utf-8", "replace")
        checked += 1
        bad = english_words(human_text(text), allowed)
        if bad:
            failures.append(f"{name}/{part}: {', '.join(sorted(set(bad)))}")

print(f"zh words: {checked} outputs checked, {len(failures)} with English words")
for f in failures:
    print("  " + f)
sys.exit(1 if failures or checked == 0 else 0)
