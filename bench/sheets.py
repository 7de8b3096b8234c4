#!/usr/bin/env python3
"""Writes the map-form actuals of bench/gen.py's compact and flow styles as spreadsheets.

  sheets.py ACTUALS_DIR OUT_DIR --format csv|xlsx

One spreadsheet per actuals file, one row per entry: id, date, value (or done), by; the header
in English. The xlsx holds the ids and reporters as shared strings and the date as Excel's day
number, as Excel writes them; it is streamed, so a 1M-row set takes little memory here.
Also writes OUT_DIR/../empty.csv (the header only): checking the plan with it alone gives the
plan's own cost, which the bench subtracts to get the actuals' cost per entry.
"""
import argparse
import datetime
import os
import sys
import zipfile

HEADER = ("id", "date", "value", "done", "by")


def read_map_form(path):
    """(as_of, reported_by, [(id, value or None, done)]) of one gen.py map-form file."""
    as_of, by, rows, in_actuals = None, "", [], False
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not in_actuals:
                if line.startswith("as_of:"):
                    as_of = line.split(":", 1)[1].strip()
                elif line.startswith("reported_by:"):
                    by = line.split(":", 1)[1].strip()
                elif line == "actuals:":
                    in_actuals = True
                continue
            key, _, value = line.strip().partition(": ")
            if value == "{done: true}":
                rows.append((key, None, True))
            else:
                rows.append((key, value, False))
    if as_of is None:
        sys.exit(f"sheets.py: {path}: no as_of (not a gen.py map-form file)")
    return as_of, by, rows


def write_csv(path, as_of, by, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(",".join(HEADER) + "\n")
        for key, value, done in rows:
            f.write(f"{key},{as_of},{'' if done else value},{'true' if done else ''},{by}\n")


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>")
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>")
NS = ('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
WORKBOOK = (f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS}><sheets>'
            '<sheet name="actuals" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>")


def write_xlsx(path, as_of, by, rows):
    strings = list(HEADER) + [by] + [key for key, _, _ in rows]
    serial = (datetime.date.fromisoformat(as_of) - datetime.date(1899, 12, 30)).days
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with z.open("xl/sharedStrings.xml", "w") as f:
            f.write(f'<?xml version="1.0" encoding="UTF-8"?><sst {NS} count="{len(strings)}" '
                    f'uniqueCount="{len(strings)}">'.encode())
            f.write("".join(f"<si><t>{s}</t></si>" for s in strings).encode())
            f.write(b"</sst>")
        with z.open("xl/worksheets/sheet1.xml", "w") as f:
            f.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><sheetData>'.encode())
            head = "".join(f'<c r="{c}1" t="s"><v>{i}</v></c>' for i, c in enumerate("ABCDE"))
            f.write(f'<row r="1">{head}</row>'.encode())
            out = []
            for r, (key, value, done) in enumerate(rows, 2):
                v = f'<c r="D{r}" t="b"><v>1</v></c>' if done else f'<c r="C{r}"><v>{value}</v></c>'
                out.append(f'<row r="{r}"><c r="A{r}" t="s"><v>{r + 4}</v></c>'
                           f'<c r="B{r}"><v>{serial}</v></c>{v}<c r="E{r}" t="s"><v>5</v></c></row>')
                if len(out) == 4096:
                    f.write("".join(out).encode())
                    out = []
            f.write("".join(out).encode())
            f.write(b"</sheetData></worksheet>")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("actuals_dir")
    ap.add_argument("out_dir")
    ap.add_argument("--format", choices=("csv", "xlsx"), required=True)
    a = ap.parse_args()
    os.makedirs(a.out_dir, exist_ok=True)
    with open(os.path.join(os.path.dirname(os.path.abspath(a.out_dir)), "empty.csv"), "w") as f:
        f.write("id,date,value\n")
    write = write_csv if a.format == "csv" else write_xlsx
    for name in sorted(os.listdir(a.actuals_dir)):
        if name.endswith(".yaml"):
            as_of, by, rows = read_map_form(os.path.join(a.actuals_dir, name))
            write(os.path.join(a.out_dir, name[:-5] + "." + a.format), as_of, by, rows)


if __name__ == "__main__":
    main()
