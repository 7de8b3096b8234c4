#!/usr/bin/env python3
"""Writes small xlsx files by hand (zipfile + XML text), good and hostile, for the tests.

  make_xlsx.py KIND OUT.xlsx

Not openpyxl: a hostile file must be exactly as bad as the test wants it.
"""
import sys
import zipfile

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def workbook(sheets, date1904=False):
    pr = '<workbookPr date1904="1"/>' if date1904 else ''
    items = ''.join(f'<sheet name="{n}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i, n in enumerate(sheets))
    return f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS}>{pr}<sheets>{items}</sheets></workbook>'


def workbook_rels(count):
    items = ''.join(f'<Relationship Id="rId{i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i + 1}.xml"/>' for i in range(count))
    return f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{items}</Relationships>'


def cell(ref, value):
    """A cell from a Python value: str -> inline string, ('s', i) shared, ('d', n) date serial
    with style 1, ('p', x) percent style 2, bool, number."""
    if isinstance(value, tuple):
        kind, v = value
        if kind == 's':
            return f'<c r="{ref}" t="s"><v>{v}</v></c>'
        if kind == 'd':
            return f'<c r="{ref}" s="1"><v>{v}</v></c>'
        if kind == 'p':
            return f'<c r="{ref}" s="2"><v>{v}</v></c>'
        if kind == 'e':
            return f'<c r="{ref}" t="e"><v>{v}</v></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'


def sheet(rows):
    out = []
    for r, row in enumerate(rows, 1):
        cells = ''.join(cell(f'{chr(65 + c)}{r}', v) for c, v in enumerate(row) if v is not None)
        out.append(f'<row r="{r}">{cells}</row>')
    return f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><sheetData>{"".join(out)}</sheetData></worksheet>'


STYLES = f"""<?xml version="1.0" encoding="UTF-8"?><styleSheet {NS}>
<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>
<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="10"/></cellXfs></styleSheet>"""


def shared(strings):
    items = ''.join(f'<si><t>{s}</t></si>' for s in strings)
    return f'<?xml version="1.0" encoding="UTF-8"?><sst {NS} count="{len(strings)}">{items}</sst>'


def write(path, parts, deflate=True):
    method = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
    with zipfile.ZipFile(path, 'w', method) as z:
        for name, text in parts.items():
            z.writestr(name, text)


def book(path, sheets, strings=None, date1904=False, drop=()):
    """sheets: list of (name, rows)."""
    parts = {
        '[Content_Types].xml': CONTENT_TYPES,
        '_rels/.rels': RELS,
        'xl/workbook.xml': workbook([n for n, _ in sheets], date1904),
        'xl/_rels/workbook.xml.rels': workbook_rels(len(sheets)),
        'xl/styles.xml': STYLES,
    }
    for i, (_, rows) in enumerate(sheets):
        parts[f'xl/worksheets/sheet{i + 1}.xml'] = sheet(rows)
    if strings is not None:
        parts['xl/sharedStrings.xml'] = shared(strings)
    for d in drop:
        del parts[d]
    write(path, parts)


HEADER = ['id', 'date', 'value', 'done', 'unit']
GOOD = [HEADER,
        [('s', 0), ('d', 45565), 4100, None, None],
        ['loans.recovery', '2024-09-30', ('p', 0.962), None, None],
        ['planning-report', '2024/9/30', None, ('d', 45646), None]]


def main():
    kind, out = sys.argv[1], sys.argv[2]
    if kind == 'good':
        book(out, [('notes', [['x-note'], ['not this one']]), ('Actuals', GOOD)], strings=['training.basic'])
    elif kind == 'first-sheet':
        book(out, [('Sheet1', GOOD), ('other', [['x']])], strings=['training.basic'])
    elif kind == 'date1904':
        book(out, [('actuals', [HEADER, ['training.basic', ('d', 45565 - 1462), 4100]])], date1904=True)
    elif kind == 'cell-errors':
        book(out, [('actuals', [
            ['id', 'date', 'value', 'vlaue'],
        ])])
    elif kind == 'row-errors':
        book(out, [('actuals', [
            HEADER,
            ['training.basic', 'yesterday', 1],
            ['training.basic', ('d', 45565), 'lots'],
            ['training.basic', ('d', 45565), True],
            [('s', 7), ('d', 45565), 1],
            ['planning-report', ('d', 45565), None, 'soon'],
            ['training.basic', ('d', 45565), ('e', '#N/A')],
        ])], strings=['training.basic'])
    elif kind == 'no-shared-strings':
        book(out, [('actuals', [HEADER, [('s', 0), ('d', 45565), 1]])])
    elif kind == 'missing-workbook':
        book(out, [('actuals', GOOD)], strings=['training.basic'], drop=['xl/workbook.xml'])
    elif kind == 'missing-sheet':
        book(out, [('actuals', GOOD)], strings=['training.basic'], drop=['xl/worksheets/sheet1.xml'])
    elif kind == 'empty-sheet':
        book(out, [('actuals', [])])
    elif kind == 'not-zip':
        with open(out, 'w') as f:
            f.write('id,date,value\n')
    elif kind == 'truncated':
        book(out, [('actuals', GOOD)], strings=['training.basic'])
        data = open(out, 'rb').read()
        open(out, 'wb').write(data[:len(data) // 2])
    elif kind == 'zip-bomb':
        # A sheet of 200 MB of spaces inside the row: deflates to about 200 KB.
        body = sheet([HEADER]).replace('</sheetData>', '<row r="2">' + ' ' * (200 << 20) + '</row></sheetData>')
        parts = {'[Content_Types].xml': CONTENT_TYPES, '_rels/.rels': RELS,
                 'xl/workbook.xml': workbook(['actuals']), 'xl/_rels/workbook.xml.rels': workbook_rels(1),
                 'xl/worksheets/sheet1.xml': body}
        write(out, parts)
    elif kind == 'huge-shared-strings':
        # Ten million empty shared strings: 50 MB of XML, a few hundred KB zipped.
        sst = f'<?xml version="1.0"?><sst {NS}>' + '<si/>' * 10_000_000 + '</sst>'
        parts = {'[Content_Types].xml': CONTENT_TYPES, '_rels/.rels': RELS,
                 'xl/workbook.xml': workbook(['actuals']), 'xl/_rels/workbook.xml.rels': workbook_rels(1),
                 'xl/worksheets/sheet1.xml': sheet([HEADER]), 'xl/sharedStrings.xml': sst}
        write(out, parts)
    elif kind == 'deep-xml':
        body = sheet([HEADER]).replace('<sheetData>', '<sheetData>' + '<x>' * 100000 + '</x>' * 100000)
        parts = {'[Content_Types].xml': CONTENT_TYPES, '_rels/.rels': RELS,
                 'xl/workbook.xml': workbook(['actuals']), 'xl/_rels/workbook.xml.rels': workbook_rels(1),
                 'xl/worksheets/sheet1.xml': body}
        write(out, parts)
    elif kind == 'entities':
        # The billion laughs: a DOCTYPE with nested entities.
        dtd = '<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">' + ''.join(
            f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)) + ']>'
        body = sheet([HEADER]).replace('<worksheet', dtd + '<worksheet', 1).replace('?>', '?>', 1)
        body = body.replace('<sheetData>', '<sheetData><row r="2"><c r="A2" t="inlineStr"><is><t>&j;</t></is></c></row>')
        body = body.replace('<row r="1">', '<row r="1">', 1)
        parts = {'[Content_Types].xml': CONTENT_TYPES, '_rels/.rels': RELS,
                 'xl/workbook.xml': workbook(['actuals']), 'xl/_rels/workbook.xml.rels': workbook_rels(1),
                 'xl/worksheets/sheet1.xml': body}
        write(out, parts)
    elif kind == 'bad-xml':
        parts = {'[Content_Types].xml': CONTENT_TYPES, '_rels/.rels': RELS,
                 'xl/workbook.xml': workbook(['actuals']), 'xl/_rels/workbook.xml.rels': workbook_rels(1),
                 'xl/worksheets/sheet1.xml': sheet([HEADER]).replace('</sheetData>', '<row>')}
        write(out, parts)
    else:
        sys.exit(f'unknown kind {kind}')


if __name__ == '__main__':
    main()
