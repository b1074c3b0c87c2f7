"""The Data page's helper and survey uploads: who sees them, and the previews they show."""

import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text
from streamlit.testing.v1 import AppTest

from dataio.db.engine import data_version, make_engine
from dataio.files.statistikbanken.importer import import_dst
from dataio.files.undo import undo_last_import
from models.periods import quarter_range
from tests.factories import ADMIN, COUNCIL, LEADER, POLICE
from tests.pages.apptest import plotly_specs, run_page
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


# ------------------------------------------------------------- Statistikbanken: the honest preview

FIVE_QUARTERS = "OMRÅDE;OVERTRÆD;TID;INDHOLD\n" + "".join(
    f"183;1320;{p};{50 + i}\n"
    for i, p in enumerate(["2025K2", "2025K3", "2025K4", "2026K1", "2026K2"])
)
ISHOJ_SERIES = "SELECT period, count, is_demo FROM burglary_quarter WHERE municipality_code = 183 ORDER BY period"


def import_button(at: AppTest) -> Any:
    return next(b for b in at.button if b.label == "Importér")


def test_statistikbanken_preview_names_the_removed_quarters_and_needs_the_tick(
    private_db: str,
) -> None:
    engine = make_engine(private_db)
    with engine.connect() as connection:
        before = list(connection.execute(text(ISHOJ_SERIES)))
    assert before and all(demo for _, _, demo in before)
    removed = len(before) - 5  # the demo quarters outside 2025K2-2026K2
    at = run_page(PAGE, user="admin")
    at.file_uploader(key="dst_upload_0").upload("five.csv", FIVE_QUARTERS.encode(), "text/csv")
    at.run()
    assert not at.exception and not at.error
    assert at.info[0].value.startswith("Forhåndsvisning: STRAF11: 5 rækker for 1 kommune")
    assert f"{removed} kvartaler eksempeldata uden for filen fjernes" in at.info[0].value
    [summary] = [d.value for d in at.dataframe if "Erstatter eksempeldata" in d.value.columns]
    row = summary.to_dict("records")[0]
    assert (row["Kommune"], row["Erstatter eksempeldata"], row["Tilføjes"]) == (
        "Ishøj (183)",
        "5 (2025K2–2026K2)",
        "–",
    )
    assert row["Fjernes: eksempeldata"].startswith(f"{removed} (2007K1–2025K1")
    assert "2007K1–2025K1" in at.warning[0].value
    [figure] = plotly_specs(at)
    names = [trace["name"] for trace in figure["data"]]
    assert names == ["Før: eksempeldata", "Efter indlæsningen", "Fjernes"]
    assert figure["data"][1]["x"] == ["2025K2", "2025K3", "2025K4", "2026K1", "2026K2"]
    [tick] = at.checkbox
    assert tick.label == f"Jeg har set, at {removed} kvartaler fjernes"
    assert import_button(at).disabled
    tick.check().run()
    assert not import_button(at).disabled
    import_button(at).click().run()
    assert not at.exception and not at.error
    assert at.success[0].value.startswith("Indlæst: STRAF11: 5 rækker")
    with engine.connect() as connection:
        after = list(connection.execute(text(ISHOJ_SERIES)))
    assert [(p, c, d) for p, c, d in after] == [
        (p, 50 + i, False) for i, p in enumerate(["2025K2", "2025K3", "2025K4", "2026K1", "2026K2"])
    ]


def test_a_file_that_removes_nothing_needs_no_tick(private_db: str) -> None:
    engine = make_engine(private_db)
    import_dst(engine, actor=ADMIN, data=FIVE_QUARTERS.encode(), file_name="first.csv")
    newer = FIVE_QUARTERS.replace("2026K2;54", "2026K2;60") + "183;1320;2026K3;61\n"
    at = run_page(PAGE, user="admin")
    at.file_uploader(key="dst_upload_0").upload("newer.csv", newer.encode(), "text/csv")
    at.run()
    assert not at.exception and not at.error
    [summary] = [d.value for d in at.dataframe if "Erstatter eksempeldata" in d.value.columns]
    row = summary.to_dict("records")[0]
    assert (row["Tilføjes"], row["Ny værdi"], row["Uændret"], row["Fjernes: eksempeldata"]) == (
        "1 (2026K3)",
        "1 (2026K2)",
        "4 (2025K2–2026K1)",
        "–",
    )
    assert not at.checkbox and not import_button(at).disabled


def test_a_click_on_a_preview_gone_stale_removes_nothing_unticked(private_db: str) -> None:
    """The preview showed no removal; before the click the demo series came back (an undo
    elsewhere): the click is not taken, and the new preview asks for the tick."""
    engine = make_engine(private_db)
    whole = "OMRÅDE;OVERTRÆD;TID;INDHOLD\n" + "".join(
        f"183;1320;{p};30\n" for p in quarter_range(first="2007K1", last="2025K1")
    )
    import_dst(engine, actor=ADMIN, data=whole.encode(), file_name="whole.csv")
    at = run_page(PAGE, user="admin")
    at.file_uploader(key="dst_upload_0").upload("five.csv", FIVE_QUARTERS.encode(), "text/csv")
    at.run()
    assert not at.checkbox and not import_button(at).disabled
    undo_last_import(engine, actor=ADMIN)  # the demo series is back
    with engine.connect() as connection:
        before = list(connection.execute(text(ISHOJ_SERIES)))
    assert all(demo for _, _, demo in before)
    import_button(at).click().run()
    assert not at.exception and not at.error and not at.success
    assert [c.label for c in at.checkbox] == [
        f"Jeg har set, at {len(before) - 5} kvartaler fjernes"
    ]
    with engine.connect() as connection:
        assert list(connection.execute(text(ISHOJ_SERIES))) == before
