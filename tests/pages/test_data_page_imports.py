"""The Data page's helper and survey uploads: who sees them, and the previews they show."""

import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from streamlit.testing.v1 import AppTest

from dataio.db.engine import data_version, make_engine
from tests.factories import ADMIN, COUNCIL, LEADER, POLICE
from tests.pages.apptest import run_page
from ui.data_view import HELPERS, SURVEY, TableImport, build_preview, may_import

PAGE = "pages/5_Data.py"
FILES = Path(__file__).resolve().parents[1] / "data" / "imports"


def uploader_labels(at: AppTest) -> list[str]:
    return [element.proto.label for element in at.get("file_uploader")]


def test_admin_sees_both_new_sections(app_env: str) -> None:
    at = run_page(PAGE, user="admin")
    assert not at.exception and not at.error
    headings = [s.value for s in at.subheader]
    assert "Nabohjælpere" in headings and "Tryghedsmålinger" in headings
    labels = uploader_labels(at)
    assert "Nabohjælpere: CSV eller Excel" in labels
    assert "Tryghedsmålinger: CSV eller Excel" in labels
    assert any("kommune;dato;nabohjælpere;nabovenner;kilde" in c.value for c in at.caption)


def test_project_leader_gets_surveys_only(app_env: str) -> None:
    at = run_page(PAGE, user="projektleder")
    assert not at.exception and not at.error
    assert "Tryghedsmålinger: CSV eller Excel" in uploader_labels(at)
    assert "Nabohjælpere: CSV eller Excel" not in uploader_labels(at)


def test_who_may_import_what() -> None:
    assert [may_import(a, HELPERS.action) for a in (ADMIN, POLICE, LEADER, COUNCIL)] == [
        True,
        True,
        False,
        False,
    ]
    assert [may_import(a, SURVEY.action) for a in (ADMIN, POLICE, LEADER, COUNCIL)] == [
        True,
        False,
        True,
        False,
    ]


@pytest.fixture
def engine(demo_db_url: str, tmp_path: Path) -> Engine:
    """A private copy of the demo database."""
    copy = tmp_path / "data.sqlite"
    shutil.copy(demo_db_url.removeprefix("sqlite:///"), copy)
    return make_engine(f"sqlite:///{copy}")


def test_helper_preview_shows_the_rows_and_writes_nothing(engine: Engine) -> None:
    version = data_version(engine)
    preview = build_preview(
        HELPERS,
        engine,
        actor=ADMIN,
        data=(FILES / "helpers_good_semicolon_utf8bom.csv").read_bytes(),
        file_name="h.csv",
    )
    assert preview.ok and preview.message.startswith("Forhåndsvisning: Nabohjælpere: 3 rækker")
    assert preview.table is not None
    assert preview.table.to_dict("records")[0] == {
        "Række": 2,
        "Kommune": "Ishøj (183)",
        "Dato": "1. nov. 2026",
        "Nabohjælpere": "1.275",
        "Nabovenner": "12",
        "Kilde": "Nabohjælp",
        "Ændring": "ny",
    }
    assert data_version(engine) == version


def test_survey_preview_groups_the_rounds(engine: Engine) -> None:
    preview = build_preview(
        SURVEY,
        engine,
        actor=ADMIN,
        data=(FILES / "survey_good.xlsx").read_bytes(),
        file_name="s.xlsx",
    )
    assert preview.ok and preview.table is not None
    assert preview.table.to_dict("records") == [
        {
            "Rækker": "2-3",
            "Kommune": "Ishøj (183)",
            "År": "2025",
            "Måling": "utryg_indbrud",
            "Besvarelser": "300",
            "Svar": "tryg 250, utryg 50",
            "Ændring": "ny",
        }
    ]
    with engine.connect() as connection:
        assert (
            connection.execute(text("SELECT count(*) FROM survey_round WHERE NOT is_demo")).scalar()
            == 0
        )


@pytest.mark.parametrize(
    ("kind", "name", "message"),
    [
        (HELPERS, "helpers_bad_negative.csv", "Række 3, kolonne «nabohjælpere»: -3 er negativ"),
        (HELPERS, "helpers_bad_utf16.csv", "hverken tekst i UTF-8 eller Windows-1252"),
        (SURVEY, "survey_bad_year_late.csv", "Række 2, kolonne «år»: 2100"),
    ],
)
def test_a_refused_file_says_why_and_that_nothing_was_imported(
    engine: Engine, kind: TableImport, name: str, message: str
) -> None:
    preview = build_preview(
        kind, engine, actor=ADMIN, data=(FILES / name).read_bytes(), file_name=name
    )
    assert not preview.ok and preview.table is None
    assert message in preview.message and preview.message.endswith("Intet er indlæst.")


def test_a_refusal_by_role_is_a_message_too(engine: Engine) -> None:
    data = "kommune;år;måling;kategori;antal\n101;2025;utryg_indbrud;tryg;5\n".encode()
    preview = build_preview(SURVEY, engine, actor=LEADER, data=data, file_name="k.csv")
    assert not preview.ok and "Række 2: Ingen adgang" in preview.message
