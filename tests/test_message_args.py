#!/usr/bin/env python3
"""Every call of the message catalogue passes exactly the placeholders its message holds.

    tests/test_message_args.py        (run from the repository root)

Reads src/messages.def and every `tr(Msg::NAME, fmt::arg("x", ...), ...)` /
`tr_in(LANG, Msg::NAME, ...)` in src/: a placeholder without its argument would make fmt throw
at run time (in one language or both), an argument without its placeholder is a mistake.
Calls that choose between messages (`cond ? Msg::a : Msg::b`, `one_or_many(n, Msg::a, Msg::b)`)
are checked against each of them.
"""
import glob
import re
import sys

messages = {}
for line in open("src/messages.def", encoding="utf-8"):
    m = re.match(r'M\((\w+), "((?:[^"\\]|\\.)*)", "((?:[^"\\]|\\.)*)"\)', line)
    if m:
        messages[m.group(1)] = m.group(2)


def placeholders(text):
    text = text.replace("{{", "").replace("}}", "")
    return set(re.findall(r"\{(\w+)(?::[^}]*)?\}", text))


def call_text(src, start):
    """The text of the call whose opening parenthesis is at `start`."""
    depth = 0
    i = start
    in_str = False
    while i < len(src):
        c = src[i]
        if in_str:
            if c == "\\":
                i += 1
            elif c == '"':
                in_str = False
        elif c == '"':
            in_str = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return src[start:i + 1]
        i += 1
    return src[start:]


def top_level_args(call):
    """The call's arguments at its own level (nested calls' arguments left out)."""
    inner = call[1:-1]
    depth, in_str, out, cur = 0, False, [], ""
    i = 0
    while i < len(inner):
        c = inner[i]
        if in_str:
            cur += c
            if c == "\\":
                cur += inner[i + 1]
                i += 1
            elif c == '"':
                in_str = False
        elif c == '"':
            in_str = True
            cur += c
        elif c in "([{":
            depth += 1
            cur += c
        elif c in ")]}":
            depth -= 1
            cur += c
        elif c == "," and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += c
        i += 1
    out.append(cur)
    return [a.strip() for a in out]


failures = []
calls = 0
for path in sorted(glob.glob("src/*.cpp")):
    src = open(path, encoding="utf-8").read()
    for m in re.finditer(r"\btr(_in)?\(", src):
        call = call_text(src, m.end() - 1)
        args = top_level_args(call)
        if m.group(1):
            args = args[1:]  # the language
        if not args or "Msg::" not in args[0]:
            continue
        names = re.findall(r"Msg::(\w+)", args[0])
        given = set()
        for a in args[1:]:
            g = re.match(r'fmt::arg\(\s*"(\w+)"', a)
            if g:
                given.add(g.group(1))
            else:
                failures.append(f"{path}: {call[:60]}…: an argument that is not fmt::arg: {a[:40]}")
        line = src.count("\n", 0, m.start()) + 1
        for name in names:
            calls += 1
            if name not in messages:
                failures.append(f"{path}:{line}: no message {name}")
            elif placeholders(messages[name]) != given:
                failures.append(f"{path}:{line}: {name} holds {sorted(placeholders(messages[name]))}, "
                                f"the call gives {sorted(given)}")

unused = set(messages) - set(re.findall(r"Msg::(\w+)", "".join(
    open(p, encoding="utf-8").read() for p in glob.glob("src/*.cpp"))))
for name in sorted(unused):
    failures.append(f"message {name} is never used")

print(f"message args: {calls} calls checked, {len(failures)} problems")
for f in failures:
    print("  " + f)
sys.exit(1 if failures else 0)
