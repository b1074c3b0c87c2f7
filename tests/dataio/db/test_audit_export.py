"""The change log's Excel export: every row of the selection, in the reader's language."""

import io

import openpyxl
from sqlalchemy import Engine

from dataio.db import audit
from dataio.db.audit import AuditFilter
from dataio.db.audit_export import HEADINGS, audit_workbook
from dataio.db.engine import transaction
from models.change_text import Names
from models.permissions import Actor, Role
from tests.danish_left import danish_left_in

ADMIN = Actor("admin", Role.ADMIN)
COUNCIL = Actor("byraad", Role.COUNCIL, municipality_code=183)
NAMES = Names({183: "Ishøj", 101: "København"}, {}, {})


def test_the_whole_selection_in_danish_and_inert(seeded_engine: Engine) -> None:
    with transaction(seeded_engine) as session:
        for i, code in enumerate([183] * 2500 + [101] * 3):
            audit.record(session, actor=ADMIN, action="helpers.count", entity="helper_count",
                         entity_key=str(i), summary=f"=HYPERLINK(\"x\") {i}",
                         before={"helpers": 1000}, after={"helpers": 1450 + i},
                         municipality_code=code, police_district_number=10 if code == 183 else 11)  # fmt: skip
    data = audit_workbook(seeded_engine, viewer=COUNCIL, filters=AuditFilter(), names=NAMES)
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Ændringslog"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == HEADINGS
    assert len(rows) == 1 + 2500  # more than one chunk; København's rows are out of scope
    newest = rows[1]
    assert newest[1:5] == ("Demo Administrator", "admin", "Nabohjælpertal registreret", "Ishøj")
    assert newest[5:] == ('=HYPERLINK("x") 2.499', "Nabohjælpere: 1.000", "Nabohjælpere: 3.949")
    cells = [c for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert sheet["A2"].number_format == "DD.MM.YYYY HH:MM"
    only = audit_workbook(
        seeded_engine, viewer=ADMIN, filters=AuditFilter(municipality_code=101), names=NAMES
    )
    assert openpyxl.load_workbook(io.BytesIO(only))["Ændringslog"].max_row == 1 + 3


def test_in_english_the_workbook_is_english_and_the_summary_quoted_as_logged(
    seeded_engine: Engine,
) -> None:
    with transaction(seeded_engine) as session:
        audit.record(session, actor=ADMIN, action="helpers.count", entity="helper_count",
                     entity_key="1", summary="Nabohjælpere i Ishøj pr. 2026-12-07: 1450",
                     before={"helpers": 1000}, after={"helpers": 1450},
                     municipality_code=183, police_district_number=10)  # fmt: skip
    data = audit_workbook(
        seeded_engine, viewer=COUNCIL, filters=AuditFilter(), names=NAMES, lang="en"
    )
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["Change log"]
    rows = list(workbook["Change log"].iter_rows(values_only=True))
    assert rows[0] == (
        "Time", "Person", "Username", "Kind of change", "Municipality", "Change", "Before", "After"
    )  # fmt: skip
    assert rows[1][3:] == (
        "Neighbour-helper count recorded",
        "Ishøj",
        "Neighbour-helper count recorded (as logged in Danish: «Nabohjælpere i Ishøj pr. "
        "7. dec. 2026: 1.450»)",
        "Neighbour helpers: 1,000",
        "Neighbour helpers: 1,450",
    )
    everything = "\n".join(str(v) for row in rows for v in row if v)
    # the partnership's own sentence is quoted as logged; every other word is ours, in English
    assert not danish_left_in(
        everything.replace("Nabohjælpere i Ishøj pr. 7. dec. 2026: 1.450", "")
    )
