"""Workbooks for the readers' tests, built on the spot: a valid .xlsx whose sheet unpacks to far
more than the file's size, as a zip bomb would."""

import io
import zipfile

import openpyxl


def sheet_bomb(header: list[str], row: list[object], *, unpacked: int) -> bytes:
    """A real workbook (header, then `row` repeated) whose sheet XML is about `unpacked` bytes;
    deflate makes the repetition small on disk (some 20-30 KB per 10 MB of XML)."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header)
    sheet.append(row)
    small = io.BytesIO()
    book.save(small)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(small) as original,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for member in original.infolist():
            content = original.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":
                content = _repeat_second_row(content, unpacked)
            bomb.writestr(member.filename, content)
    return out.getvalue()


def _repeat_second_row(xml: bytes, unpacked: int) -> bytes:
    start = xml.index(b'<row r="2"')
    end = xml.index(b"</row>", start) + len(b"</row>")
    row = xml[start:end]
    copies = unpacked // len(row) + 1
    # the same row number again and again: openpyxl reads it all the same (the cost is the XML)
    return xml[:start] + row * copies + xml[end:]
