"""The Data page's upload of the police's incident extract: who sees it, for which
municipalities, the preview, the import, and a refused file that writes nothing."""

from sqlalchemy import text
from streamlit.testing.v1 import AppTest

from dataio.db.engine import make_engine
from tests.factories import ADMIN, COUNCIL, LEADER, OTHER_POLICE, POLICE
from tests.pages.apptest import run_page
from tests.support.incident_extracts import FIXTURE
from ui.incident_upload import may_import_incidents

PAGE = "pages/5_Data.py"
UPLOADER = "Politiets udtræk: CSV eller Excel"
HEADING = "Politiets hændelser (enkelte indbrud)"


def uploaders(at: AppTest) -> list[str]:
    return [element.proto.label for element in at.get("file_uploader")]


def counts(url: str) -> tuple[int, int]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            total, real = connection.execute(
                text(
                    "SELECT count(*), coalesce(sum(CASE WHEN is_demo THEN 0 ELSE 1 END), 0) "
                    "FROM incident"
                )
            ).one()
        return int(total), int(real)
    finally:
        engine.dispose()


def test_who_may_upload_an_extract() -> None:
    assert [may_import_incidents(a) for a in (ADMIN, POLICE, OTHER_POLICE, LEADER, COUNCIL)] == [
        True,
        True,
        True,  # in their own district
        False,
        False,
    ]


def test_the_police_see_the_upload_for_their_districts_municipalities_only(app_env: str) -> None:
    at = run_page(PAGE, user="politi")
    assert not at.exception and not at.error
    assert HEADING in [s.value for s in at.subheader]
    assert UPLOADER in uploaders(at)
    assert "Statistikbanken-fil (CSV, semikolonsepareret)" not in uploaders(at)
    [picker] = [s for s in at.selectbox if s.label == "Kommune"]
    shown = list(picker.options)
    assert "Ishøj (183)" in shown and "Albertslund (165)" in shown
    assert "København (101)" not in shown
    assert len(shown) == 11  # Københavns Vestegns Politi: eleven municipalities


def test_the_project_leader_does_not_see_it(app_env: str) -> None:
    at = run_page(PAGE, user="projektleder")
    assert not at.exception and not at.error
    assert HEADING not in [s.value for s in at.subheader]
    assert UPLOADER not in uploaders(at)


def test_the_police_preview_and_import_the_extract(private_db: str) -> None:
    assert counts(private_db) == (600, 0)  # the demo extract
    at = run_page(PAGE, user="politi")
    [picker] = [s for s in at.selectbox if s.label == "Kommune"]
    picker.set_value(183).run()
    at.file_uploader(key="incidents_upload_0").upload(
        FIXTURE.name, FIXTURE.read_bytes(), "text/csv"
    )
    at.run()
    assert not at.exception and not at.error
    assert at.info[0].value.startswith(
        "Forhåndsvisning: Politiets hændelser for Ishøj: 600 hændelser"
    )
    assert counts(private_db) == (600, 0)  # the preview wrote nothing
    next(b for b in at.button if b.label == "Indlæs udtrækket").click().run()
    assert not at.exception and not at.error
    assert at.success[0].value.startswith("Indlæst: Politiets hændelser for Ishøj: 600 hændelser")
    assert counts(private_db) == (600, 600)


def test_a_refused_extract_lists_the_rows_and_writes_nothing(private_db: str) -> None:
    at = run_page(PAGE, user="politi")
    [picker] = [s for s in at.selectbox if s.label == "Kommune"]
    picker.set_value(183).run()
    bad = b"dato;lat;lon\n01-11-2026;55,6155;12,3497\n02-11-2026;704146;6169491\n"
    at.file_uploader(key="incidents_upload_0").upload("bad.csv", bad, "text/csv")
    at.run()
    assert not at.exception
    [error] = [e.value for e in at.error]
    assert "Række 3, kolonne «lat/lon»" in error and "ligner UTM-koordinater" in error
    assert "Intet er indlæst." in error
    assert not [b for b in at.button if b.label == "Indlæs udtrækket"]
    assert counts(private_db) == (600, 0)
