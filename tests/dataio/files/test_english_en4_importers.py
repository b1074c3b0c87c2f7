"""The importers' refusals as Messages (issue 18): `str()` and the command line stay Danish,
byte for byte; `error.text("en")` is English, the row and the column named as before."""

from datetime import date

import pytest

from dataio.errors import ValidationFailed
from dataio.files.cells import open_workbook
from dataio.files.incidents import parse_incidents
from dataio.files.neighbour_help import DATO, HELPERS, KILDE, KOMMUNE, NABOVENNER
from dataio.files.tabular import parse_count, parse_date, parse_year, read_rows

COLUMNS = (KOMMUNE, DATO, HELPERS, NABOVENNER, KILDE)
TODAY = date(2026, 12, 7)


def refusal(call: object) -> ValidationFailed:
    with pytest.raises(ValidationFailed) as caught:
        call()  # type: ignore[operator]
    return caught.value


@pytest.mark.parametrize(
    ("call", "danish", "english"),
    [
        (
            lambda: parse_date("2026-02-30", row=4, column=DATO, today=TODAY),
            "Række 4, kolonne «dato»: «2026-02-30» er ikke en dato (skriv fx 2026-11-01 eller "
            "01-11-2026)",
            "Row 4, column «date»: «2026-02-30» is not a date (write e.g. 2026-11-01 or 01-11-2026)",
        ),
        (
            lambda: parse_count(None, row=2, column=HELPERS),
            "Række 2, kolonne «nabohjælpere»: mangler (skriv et helt tal, 0 eller mere)",
            "Row 2, column «helpers»: missing (write a whole number, 0 or more)",
        ),
        (
            lambda: parse_year("1999", row=3, column=DATO, today=TODAY),
            "Række 3, kolonne «dato»: 1999 ligger uden for 2000-2026",
            "Row 3, column «date»: 1999 is outside 2000-2026",
        ),
        (
            lambda: read_rows(b"", COLUMNS),
            "Filen er tom.",
            "The file is empty.",
        ),
        (
            lambda: read_rows(b"kommune;dato\n183;2026-01-01\n", COLUMNS),
            "Række 1: kolonnen «nabohjælpere» mangler (overskriftsrækken skal være "
            "kommune;dato;nabohjælpere;nabovenner;kilde)",
            "Row 1: missing column(s) «helpers» (the header row must be "
            "municipality;date;helpers;nabovenner;source)",
        ),
        (
            lambda: open_workbook(b"no zip", read_only=True, max_unpacked=1, not_xlsx="x"),
            "x",
            "x",
        ),
    ],
)
def test_refusals_in_danish_and_english(call: object, danish: str, english: str) -> None:
    error = refusal(call)
    assert str(error) == danish
    assert error.text("da") == danish
    assert error.text("en") == english


def test_an_incident_file_lists_every_row_in_english() -> None:
    bad = b"dato;lat;lon\n01-11-2099;55,6155;12,3497\n02-11-2026;704146;6169491\n"
    error = refusal(lambda: parse_incidents(bad, rings=(), place="Ishøj", today=TODAY))
    assert str(error) == (
        "Filen er ikke indlæst (2 fejl; intet er skrevet):\n"
        "Række 2, kolonne «dato»: 1. nov. 2099 ligger i fremtiden (i dag er 7. dec. 2026)\n"
        "Række 3, kolonne «lat/lon»: (704146; 6169491) ligner UTM-koordinater (meter) i "
        "kolonnerne lat/lon; skriv UTM32-koordinater (EPSG:25832) i kolonnerne x og y"
    )
    assert error.text("en").splitlines() == [
        "The file was not imported (2 errors; nothing was written):",
        "Row 2, column «date»: 1 Nov 2099 is in the future (today is 7 Dec 2026)",
        "Row 3, column «lat/lon»: (704146; 6169491) looks like UTM coordinates (metres) in the "
        "columns lat/lon; write UTM32 coordinates (EPSG:25832) in the columns x and y",
    ]


def test_an_incident_file_in_utf16_in_english() -> None:
    error = refusal(
        lambda: parse_incidents("dato".encode("utf-16"), rings=(), place="Ishøj", today=TODAY)
    )
    assert str(error) == (
        "Filen er gemt som UTF-16 (Unicode-tekst); gem den som «CSV UTF-8» eller "
        "«Excel-projektmappe (.xlsx)» og prøv igen."
    )
    assert error.text("en") == (
        "The file is saved as UTF-16 (Unicode text); save it as «CSV UTF-8» or «Excel Workbook "
        "(.xlsx)» and try again."
    )
