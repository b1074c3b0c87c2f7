"""A shown table as a workbook: text stays text, numbers stay numbers, dates stay dates."""

import io
from datetime import date, datetime

import openpyxl
import pandas as pd
import pytest

from dataio.files.spreadsheet import table_xlsx

FORMULAS = ['=HYPERLINK("https://evil.example","x")', "+45 12 34", "-1 dag før", "@SUM(A1)", "\t=1"]


@pytest.mark.parametrize("payload", FORMULAS)
def test_text_that_looks_like_a_formula_is_written_as_text(payload: str) -> None:
    frame = pd.DataFrame({"Titel": [payload], "Antal": [3]})
    sheet = openpyxl.load_workbook(io.BytesIO(table_xlsx(frame, title="Plan"))).active
    assert sheet is not None
    cell = sheet["A2"]
    assert cell.data_type == "s" and cell.value == payload
    assert cell.quotePrefix is True


def test_headings_numbers_dates_and_gaps() -> None:
    frame = pd.DataFrame(
        {
            "Titel": ["Møde", None],
            "Antal": [1450, 2],
            "Andel": [0.173, float("nan")],
            "Frist": [date(2026, 12, 2), None],
            "Ændret": [pd.Timestamp(datetime(2026, 12, 2, 9, 30)), pd.NaT],
        }
    )
    sheet = openpyxl.load_workbook(io.BytesIO(table_xlsx(frame, title="Handlingsplan"))).active
    assert sheet is not None
    assert [c.value for c in sheet[1]] == ["Titel", "Antal", "Andel", "Frist", "Ændret"]
    assert sheet["B2"].value == 1450 and sheet["C2"].value == pytest.approx(0.173)
    assert sheet["D2"].value == datetime(2026, 12, 2) and sheet["D2"].number_format == "DD.MM.YYYY"
    assert sheet["E2"].value == datetime(2026, 12, 2, 9, 30)
    assert sheet["A3"].value is None and sheet["C3"].value is None and sheet["E3"].value is None
    assert sheet.title == "Handlingsplan"
