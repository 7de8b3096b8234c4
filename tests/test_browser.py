#!/usr/bin/env python3
"""The HTML reports in a real browser: Debian's headless Chromium, at 1024 px and printed.

    tests/test_browser.py BINARY [--screenshots DIR]     (run from the repository root)

For each report (the county example, and tests/data/wide: long names and ids, large numbers,
--compare, --by-reporter and a history; `check` and `trend`; English and Chinese) a copy of the
page gets a small script that writes measurements into it, and Chromium loads it in a
1024 × 768 window (`--dump-dom`). The test fails when
- the page scrolls sideways: document.documentElement.scrollWidth > its clientWidth (which is
  window.innerWidth less a vertical scroll bar);
- a status or pace cell lies outside the window or outside the table's box (at the start, before
  anything is scrolled);
- with the page's print rules applied, any text is smaller than 9 pt (12 px), in SVG charts as
  scaled, or a table or trend card is wider than the printed page (277 mm: wider, Chromium would
  shrink the whole page and its text to fit).
Printed (`--print-to-pdf`, read back with pdftotext from poppler-utils), every page of a report
must name the title, the as-of date and "Page N of M" (第N页，共M页), on A4 landscape.
Screenshots at 1024 px go to build/browser/; with --screenshots DIR the county report's, in
English and Chinese, also to DIR (docs/ holds the README's pictures). Test tools: chromium,
poppler-utils, fonts-wqy-microhei (scripts/deps.sh).
"""
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

BIN = sys.argv[1]
SHOTS = sys.argv[sys.argv.index("--screenshots") + 1] if "--screenshots" in sys.argv else None
OUT = os.path.join(os.path.dirname(os.path.abspath(BIN)), "browser")
COUNTY = ["examples/county/plan.yaml", "examples/county/actuals"]
HISTORY = COUNTY + ["examples/county/earlier"]
WIDE = ["tests/data/wide/plan.yaml", "tests/data/wide/actuals.yaml"]
failures = []

# Measures the page as loaded, then again under its print rules, into <pre id=measure>.
MEASURE = r"""
<script>
addEventListener('load', () => {
  const de = document.documentElement, view = de.clientWidth;
  const m = {scrollWidth: de.scrollWidth, clientWidth: view, innerWidth: innerWidth,
             outside: [], checked: 0};
  const wrap = document.querySelector('.wrap');
  m.tableScroll = wrap ? wrap.scrollWidth - wrap.clientWidth : 0;
  for (const el of document.querySelectorAll('td .status, td.pace, section .status')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0) continue;
    m.checked++;
    // Within the window, and within the box that scrolls it (the table's, a trend card's).
    const inner = el.closest('.wrap, .series');
    const box = inner ? inner.getBoundingClientRect() : {left: 0, right: view};
    const right = Math.min(view, box.right), left = Math.max(0, box.left);
    if (r.right > right + 0.5 || r.left < left - 0.5)
      m.outside.push(el.getAttribute('class') + ' "' + el.textContent + '" at ' + Math.round(r.left) +
                     '..' + Math.round(r.right));
  }
  // The print rules, applied to the screen, to read the font sizes they give.
  const rules = [];
  for (const sheet of document.styleSheets)
    for (const rule of sheet.cssRules)
      if (rule.media && rule.media.mediaText === 'print')
        for (const inner of rule.cssRules) rules.push(inner.cssText);
  const style = document.createElement('style');
  style.textContent = rules.join('\n');
  document.head.appendChild(style);
  // On paper the page is 277 mm wide (A4 landscape less the margins): nothing may be wider, or
  // Chromium shrinks the whole page to fit and the text with it.
  document.body.style.width = '277mm';
  m.printWidth = document.body.clientWidth;
  m.printOverflow = [];
  for (const el of document.querySelectorAll('.wrap > table, .series > table, section.target')) {
    const w = Math.ceil(el.getBoundingClientRect().width);
    if (w > m.printWidth) m.printOverflow.push(el.tagName.toLowerCase() + ' ' + w + ' px');
  }
  m.minFont = 1e9;
  m.minFontAt = '';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || el.closest('#measure, title, style')) continue;
    let size = parseFloat(getComputedStyle(el).fontSize);
    const svg = el.closest('svg');
    if (svg && svg.viewBox.baseVal && svg.viewBox.baseVal.width)
      size *= svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    if (size < m.minFont) {
      m.minFont = size;
      m.minFontAt = el.tagName.toLowerCase() + '.' + (el.getAttribute('class') || '') + ' "' +
                    n.textContent.trim().slice(0, 30) + '"';
    }
  }
  const pre = document.createElement('pre');
  pre.id = 'measure';
  pre.textContent = JSON.stringify(m);
  document.body.appendChild(pre);
});
</script>
"""


def fail(message):
    failures.append(message)
    print("FAIL", message)


def chromium(*args, timeout=120):
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        sys.exit("test_browser: chromium is not installed (scripts/deps.sh installs it)")
    with tempfile.TemporaryDirectory() as profile:
        # --no-sandbox: CI runs as root in a container, where Chromium's sandbox cannot start.
        cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
               "--no-first-run", f"--user-data-dir={profile}",
               "--force-device-scale-factor=1", *args]
        return subprocess.run(cmd, capture_output=True, timeout=timeout)


def render(args, path):
    with open(path, "wb") as f:
        r = subprocess.run([BIN, *args], stdout=f, stderr=subprocess.PIPE)
    if r.returncode not in (0, 1):
        sys.exit(f"test_browser: plantrack {' '.join(args)} exited {r.returncode}: "
                 f"{r.stderr.decode()}")


def measure(name, page, tmp):
    with open(page, encoding="utf-8") as f:
        text = f.read()
    probe = os.path.join(tmp, "probe-" + os.path.basename(page))
    with open(probe, "w", encoding="utf-8") as f:
        f.write(text.replace("</body>", MEASURE + "</body>"))
    r = chromium("--window-size=1024,768", "--virtual-time-budget=3000", "--dump-dom",
                 "file://" + probe)
    found = re.search(r'<pre id="measure">(.*?)</pre>', r.stdout.decode("utf-8", "replace"), re.S)
    if not found:
        return fail(f"{name}: no measurement (chromium exit {r.returncode}): "
                    f"{r.stderr.decode(errors='replace')[-600:]}")
    m = json.loads(html.unescape(found.group(1)))
    print(f"{name}: scrollWidth {m['scrollWidth']}, clientWidth {m['clientWidth']}, "
          f"innerWidth {m['innerWidth']}, table scrolls {m['tableScroll']} px in its box, "
          f"{m['checked']} status/pace cells, smallest print text {m['minFont'] * 0.75:.2f} pt "
          f"({m['minFontAt']})")
    if m["scrollWidth"] > m["clientWidth"]:
        fail(f"{name}: the page scrolls sideways at 1024 px: scrollWidth {m['scrollWidth']} > "
             f"{m['clientWidth']}")
    if m["checked"] == 0:
        fail(f"{name}: no status or pace cell found")
    for where in m["outside"]:
        fail(f"{name}: outside the window at 1024 px: {where}")
    for what in m["printOverflow"]:
        fail(f"{name}: printed, wider than the page ({m['printWidth']} px): {what}")
    if m["minFont"] < 12 - 0.01:
        fail(f"{name}: printed text smaller than 9 pt: {m['minFont'] * 0.75:.2f} pt at "
             f"{m['minFontAt']}")


def print_pdf(name, page, tmp, title, as_of, lang):
    pdf = os.path.join(tmp, name + ".pdf")
    chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", "--virtual-time-budget=3000",
             "file://" + os.path.abspath(page))
    if not os.path.exists(pdf):
        return fail(f"{name}: chromium printed no PDF")
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    if not size or not (841 < float(size.group(1)) < 843 and 594 < float(size.group(2)) < 596):
        fail(f"{name}: not A4 landscape: {size.group(0) if size else info}")
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True,
                          text=True).stdout
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    n = len(pages)
    before = len(failures)
    squeeze = lambda s: re.sub(r"\s+", "", s)
    for i, p in enumerate(pages, 1):
        flat = squeeze(p)
        number = f"第{i}页，共{n}页" if lang == "zh" else f"Page{i}of{n}"
        for what, want in [("title", squeeze(title)[:40]), ("as-of", squeeze(as_of)),
                           ("page number", number)]:
            if want not in flat:
                fail(f"{name}: printed page {i} of {n} lacks the {what} ({want})")
    if len(failures) == before:
        print(f"{name}: printed {n} pages, A4 landscape, each with title, as-of and page number")
    return pdf


def main():
    os.makedirs(OUT, exist_ok=True)
    gen = os.path.join(OUT, "long")
    subprocess.run([sys.executable, "bench/gen.py", "--targets", "160", "--out", gen],
                   check=True, capture_output=True)
    long_args = [os.path.join(gen, "plan.yaml"), os.path.join(gen, "actuals")]
    reports = [
        ("county-en", ["check", *COUNTY, "--format", "html", "--lang", "en"]),
        ("county-zh", ["check", *COUNTY, "--format", "html", "--lang", "zh"]),
        ("county-compare-en", ["check", *HISTORY, "--compare", "2024-Q2", "--by-reporter",
                               "--format", "html", "--lang", "en"]),
        ("wide-en", ["check", *WIDE, "--compare", "2024-Q2", "--by-reporter", "--format", "html",
                     "--lang", "en"]),
        ("wide-zh", ["check", *WIDE, "--compare", "2024-Q2", "--by-reporter", "--format", "html",
                     "--lang", "zh"]),
        ("trend-en", ["trend", *HISTORY, "--at", "2024-Q1,2024-Q2,2024-Q3", "--format", "html",
                      "--lang", "en"]),
        ("trend-wide-zh", ["trend", *WIDE, "--format", "html", "--lang", "zh"]),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        pages = {}
        for name, args in reports:
            pages[name] = os.path.join(tmp, name + ".html")
            render(args, pages[name])
            measure(name, pages[name], tmp)
        county_title = "2024年县扶贫开发年度工作计划"
        prints = [
            ("county-en", county_title, "as of 2024-09-30", "en"),
            ("county-zh", county_title, "截至2024-09-30", "zh"),
            ("wide-en", "2024 Provincial Rural Revitalisation", "as of 2024-09-30", "en"),
            ("trend-en", county_title, "Trend 2024-03-31 to 2024-09-30", "en"),
        ]
        for name, title, as_of, lang in prints:
            print_pdf(name, pages[name], tmp, title, as_of, lang)
        long_page = os.path.join(tmp, "long-zh.html")
        render(["check", *long_args, "--as-of", "2024-09-30", "--format", "html", "--lang",
                "zh"], long_page)
        title = subprocess.run([BIN, "check", *long_args, "--format", "json"],
                               capture_output=True, text=True).stdout
        title = json.loads(title)["title"]
        pdf = print_pdf("long-zh", long_page, tmp, title, "截至2024-09-30", "zh")
        if pdf:
            shutil.copy(pdf, os.path.join(OUT, "long-zh.pdf"))
            n = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
            pages_n = int(re.search(r"Pages:\s+(\d+)", n).group(1))
            if pages_n < 3:
                fail(f"long-zh: {pages_n} printed pages; the long case should take several")
        for name in ("county-en", "county-zh", "wide-en"):
            shot = os.path.join(OUT, f"{name}-1024.png")
            chromium("--window-size=1024,1100", f"--screenshot={shot}",
                     "--virtual-time-budget=3000", "file://" + os.path.abspath(pages[name]))
            if not os.path.exists(shot):
                fail(f"{name}: no screenshot")
            elif SHOTS and name.startswith("county"):
                shutil.copy(shot, os.path.join(SHOTS, f"html-{name}-1024.png"))
    print(f"browser: {len(reports)} reports checked at 1024 px, {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
