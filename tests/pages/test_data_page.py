"""AppTest: the Data page lists imports with provenance and undoes the newest one."""

from dataio.db.engine import make_engine
from dataio.files.statistikbanken.importer import import_dst
from dataio.store.burglaries import municipality_overview
from tests.factories import ADMIN
from tests.pages.apptest import run_page

PAGE = "pages/5_Data.py"
FILE = "OMRÅDE;OVERTRÆD;TID;INDHOLD\n" + "".join(
    f"183;1320;2025K{q};{50 + q}\n" for q in range(1, 5)
)


def test_imports_are_listed_and_the_newest_can_be_undone(private_db: str) -> None:
    engine = make_engine(private_db)
    import_dst(engine, actor=ADMIN, data=FILE.encode(), file_name="straf11-ishoj.csv")
    assert municipality_overview(engine, code=183).demo is False
    at = run_page(PAGE, user="admin")
    assert not at.exception and not at.error
    [sources] = [d.value for d in at.dataframe if "Kilde" in d.value.columns]
    newest = sources.iloc[0]
    assert (newest["Kilde"], newest["Fil"], newest["Perioder"], newest["Rækker"], newest["Af"]) == (
        "Danmarks Statistik STRAF11",
        "straf11-ishoj.csv",
        "2025K1-2025K4",
        "4",
        "admin",
    )
    assert any(
        e.label.startswith("Fortryd seneste indlæsning: Danmarks Statistik STRAF11")
        for e in at.expander
    )
    next(b for b in at.button if b.label == "Fortryd indlæsningen").click().run()
    assert at.success and "er fortrudt" in at.success[0].value
    assert municipality_overview(engine, code=183).demo is True  # the demo series is back


def test_project_leader_and_police_see_the_page_council_do_not(app_env: str) -> None:
    assert run_page(PAGE, user="projektleder").title[0].value == "Data"
    # the police come for their own incident extract (issue 16), not for Statistikbanken files
    police = run_page(PAGE, user="politi")
    assert police.title[0].value == "Data" and not police.error
    assert run_page(PAGE, user="byraad").error[0].value.startswith("Ingen adgang")


def test_a_project_leader_sees_only_imports_that_touched_their_municipality(
    private_db: str,
) -> None:
    engine = make_engine(private_db)
    import_dst(engine, actor=ADMIN, data=FILE.encode(), file_name="straf11-ishoj.csv")
    copenhagen = FILE.replace("183;", "101;")
    import_dst(engine, actor=ADMIN, data=copenhagen.encode(), file_name="straf11-kbh.csv")
    at = run_page(PAGE, user="projektleder")  # Ishøj
    assert not at.exception and not at.error
    [sources] = [d.value for d in at.dataframe if "Kilde" in d.value.columns]
    files = set(sources["Fil"])
    assert "straf11-ishoj.csv" in files and "straf11-kbh.csv" not in files
    assert not any("straf11-kbh.csv" in e.label for e in at.expander)  # nor in the undo offer
    assert len(sources) > 2  # the shipped reference data is everyone's
