"""Importing survey answers: rounds and answers, replacement, demo removal, all or nothing, rights."""

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session, select

from cli import main
from dataio.db.engine import data_version, transaction
from dataio.errors import PermissionDenied, ValidationFailed
from dataio.files.surveys import import_survey, preview_survey
from models.tables import SurveyAnswer, SurveyCategory, SurveyRound
from tests.factories import ADMIN, COUNCIL, LEADER, POLICE

TODAY = date(2026, 12, 1)
FILES = Path(__file__).resolve().parents[2] / "data" / "imports"
HEADER = "kommune;år;måling;kategori;antal\n"
CATEGORIES = {
    "utryg_indbrud": ["meget_tryg", "tryg", "hverken", "utryg", "meget_utryg", "ved_ikke"],
    "sikring": ["godt", "nogenlunde", "daarligt", "ved_ikke"],
}
BAD = {
    "survey_bad_unknown_measure.csv": "Række 2, kolonne «måling»: ukendt måling «lykke»",
    "survey_bad_unknown_category.csv": "Række 3, kolonne «kategori»: ukendt kategori «rædselsslagen» for utryg_indbrud",
    "survey_bad_duplicate.csv": "Række 4: Ishøj 2025, utryg_indbrud, tryg står også i række 2",
    "survey_bad_year_early.csv": "Række 2, kolonne «år»: 1999 ligger uden for 2000-",
    "survey_bad_year_late.csv": "Række 2, kolonne «år»: 2100 ligger uden for 2000-",
    "survey_bad_year_text.csv": "Række 2, kolonne «år»: «sidste år» er ikke et årstal",
    "survey_bad_negative.csv": "Række 2, kolonne «antal»: -5 er negativ",
    "survey_bad_not_integer.csv": "Række 2, kolonne «antal»: «5,5» er ikke et helt tal",
    "survey_bad_all_zero.csv": "Række 2: Ishøj 2025, utryg_indbrud har ingen svar",
    "survey_bad_missing_column.csv": "Række 1: kolonnen «kategori» mangler",
    "survey_bad_unknown_municipality.csv": "Række 2, kolonne «kommune»: ukendt kommune «Gotham»",
    "survey_bad_header_only.csv": "kun overskriftsrækken",
    "survey_bad_utf16.csv": "hverken tekst i UTF-8 eller Windows-1252",
    "helpers_bad_empty.csv": "Filen er tom",
}


@pytest.fixture
def engine(seeded_engine: Engine) -> Engine:
    """The seeded database; its reference data holds the two measures and their categories."""
    with Session(seeded_engine) as session:
        stored = session.exec(select(SurveyCategory)).all()
        assert all(
            (measure, code) in {(c.measure_code, c.code) for c in stored}
            for measure, codes in CATEGORIES.items()
            for code in codes
        )
    return seeded_engine


def rows(engine: Engine, sql: str) -> list[tuple]:
    with engine.connect() as connection:
        return [tuple(r) for r in connection.execute(text(sql))]


def rounds(engine: Engine) -> list[tuple]:
    """(municipality, year, measure, respondents, demo, {category: count}) for every round."""
    with Session(engine) as session:
        result = []
        for r in session.exec(select(SurveyRound)).all():
            answers = session.exec(select(SurveyAnswer).where(SurveyAnswer.round_id == r.id)).all()
            result.append(
                (
                    r.municipality_code,
                    r.year,
                    r.measure_code,
                    r.respondents,
                    r.is_demo,
                    {a.category: a.count for a in answers},
                )
            )
        return sorted(result, key=lambda t: t[:3])


def counts(engine: Engine) -> list[object]:
    [row] = rows(
        engine,
        "SELECT (SELECT count(*) FROM survey_round), (SELECT count(*) FROM survey_answer), "
        "(SELECT count(*) FROM data_source), (SELECT count(*) FROM audit_entry)",
    )
    return [*row, data_version(engine)]


def add_demo_round(engine: Engine, code: int, year: int, measure: str) -> None:
    with transaction(engine) as session:
        [(source_id,)] = session.execute(text("SELECT min(id) FROM data_source")).all()
        survey_round = SurveyRound(
            municipality_code=code,
            year=year,
            measure_code=measure,
            respondents=10,
            source_id=source_id,
            is_demo=True,
        )
        session.add(survey_round)
        session.flush()
        category = CATEGORIES[measure][1]
        session.add(SurveyAnswer(round_id=survey_round.id or 0, category=category, count=10))


def test_groups_become_rounds_with_their_answers(engine: Engine) -> None:
    data = (FILES / "survey_good_semicolon.csv").read_bytes()
    report = import_survey(engine, actor=ADMIN, data=data, file_name="s.csv", today=TODAY)
    assert (report.rows, report.rounds, report.new, report.municipalities) == (8, 2, 2, 1)
    assert rounds(engine) == [
        (183, 2025, "sikring", 400, False, {"godt": 300, "daarligt": 100}),
        (
            183,
            2025,
            "utryg_indbrud",
            500,
            False,
            {
                "meget_tryg": 120,
                "tryg": 250,
                "hverken": 80,
                "utryg": 40,
                "meget_utryg": 10,
                "ved_ikke": 0,
            },
        ),
    ]


@pytest.mark.parametrize("name", ["survey_good_comma_cp1252.csv", "survey_good.xlsx"])
def test_other_layouts(engine: Engine, name: str) -> None:
    import_survey(
        engine, actor=ADMIN, data=(FILES / name).read_bytes(), file_name=name, today=TODAY
    )
    expected = {
        "survey_good_comma_cp1252.csv": (
            101,
            2024,
            "utryg_indbrud",
            1500,
            False,
            {"tryg": 1200, "utryg": 300},
        ),
        "survey_good.xlsx": (183, 2025, "utryg_indbrud", 300, False, {"tryg": 250, "utryg": 50}),
    }
    assert rounds(engine) == [expected[name]]


def test_a_round_is_replaced_whole_and_demo_rounds_go(engine: Engine) -> None:
    add_demo_round(engine, 183, 2023, "utryg_indbrud")
    add_demo_round(engine, 183, 2023, "sikring")  # another measure: stays
    add_demo_round(engine, 101, 2023, "utryg_indbrud")  # another municipality: stays
    first = HEADER + "183;2025;utryg_indbrud;tryg;100\n183;2025;utryg_indbrud;utryg;20\n"
    report = import_survey(engine, actor=ADMIN, data=first.encode(), file_name="a.csv", today=TODAY)
    assert (report.new, report.replaced, report.demo_rounds_removed) == (1, 0, 1)
    second = HEADER + "183;2025;utryg_indbrud;meget_utryg;7\n183;2024;utryg_indbrud;tryg;9\n"
    again = import_survey(engine, actor=ADMIN, data=second.encode(), file_name="b.csv", today=TODAY)
    assert (again.new, again.replaced) == (1, 1)
    assert [g.change for g in again.groups] == ["erstattet", "ny"]
    assert "1 ny, 1 erstattet" in again.text()
    assert rounds(engine) == [
        (101, 2023, "utryg_indbrud", 10, True, {"tryg": 10}),
        (183, 2023, "sikring", 10, True, {"nogenlunde": 10}),
        (183, 2024, "utryg_indbrud", 9, False, {"tryg": 9}),
        (183, 2025, "utryg_indbrud", 7, False, {"meget_utryg": 7}),  # the old answers are gone
    ]
    [(dataset, file_name)] = rows(
        engine,
        "SELECT DISTINCT s.dataset, s.file_name FROM survey_round r JOIN data_source s ON s.id = r.source_id WHERE r.year = 2025",
    )
    assert (dataset, file_name) == ("tryghedsmåling", "b.csv")


def test_preview_writes_nothing(engine: Engine) -> None:
    before = counts(engine)
    report = preview_survey(
        engine,
        actor=ADMIN,
        data=(FILES / "survey_good_semicolon.csv").read_bytes(),
        file_name="p.csv",
        today=TODAY,
    )
    assert (report.rounds, [g.respondents for g in report.groups]) == (2, [500, 400])
    assert counts(engine) == before


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_files_are_refused_and_write_nothing(engine: Engine, name: str) -> None:
    add_demo_round(engine, 183, 2023, "utryg_indbrud")
    before, stored = counts(engine), rounds(engine)
    with pytest.raises(ValidationFailed) as refused:
        import_survey(
            engine, actor=ADMIN, data=(FILES / name).read_bytes(), file_name=name, today=TODAY
        )
    assert BAD[name] in str(refused.value)
    assert (counts(engine), rounds(engine)) == (before, stored)


def test_rights_follow_the_roles_table(engine: Engine) -> None:
    own = (HEADER + "183;2025;utryg_indbrud;tryg;5\n").encode()
    both = (
        HEADER + "183;2025;utryg_indbrud;tryg;5\nKøbenhavn;2025;utryg_indbrud;tryg;5\n"
    ).encode()
    import_survey(engine, actor=LEADER, data=own, file_name="own.csv", today=TODAY)
    before = counts(engine)
    with pytest.raises(PermissionDenied, match=r"Række 3: Ingen adgang.*København \(101\)"):
        import_survey(engine, actor=LEADER, data=both, file_name="two.csv", today=TODAY)
    for actor in (
        POLICE,
        COUNCIL,
    ):
        with pytest.raises(PermissionDenied, match=r"Række 2: .*Ishøj \(183\)"):
            import_survey(engine, actor=actor, data=own, file_name="x.csv", today=TODAY)
    assert counts(engine) == before
    [(summary, code)] = rows(
        engine,
        "SELECT summary, municipality_code FROM audit_entry WHERE action = 'survey.import'",
    )
    assert summary.startswith("Import af tryghedsmåling fra own.csv: Tryghedsmålinger: 1 måling")
    assert code == 183


def test_cli(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))
    assert main(["import", "survey", str(FILES / "survey_good.xlsx")]) == 0
    assert capsys.readouterr().out.startswith(
        "Indlæst Tryghedsmålinger: 1 måling (2 svarkategorier)"
    )
    before = counts(engine)
    for name, message in BAD.items():
        assert main(["import", "survey", str(FILES / name)]) == 2, name
        err = capsys.readouterr().err
        assert err.startswith("botrygt: ") and message in err and err.count("\n") == 1
    assert counts(engine) == before
