"""Whose an import is: each partnership sees exactly the imports that touched it, in the change
log and in the Data page's list of imports (SQLite and PostgreSQL)."""

from datetime import date

import pytest
from sqlalchemy import Engine

from dataio.db.audit import audit_entries
from dataio.files.neighbour_help import import_helpers
from dataio.files.statistikbanken.importer import import_dst
from dataio.files.surveys import import_survey
from dataio.files.undo import undo_last_import
from dataio.store.sources import source_table
from models.permissions import Actor, Role

ADMIN = Actor("admin", Role.ADMIN)
POLICE_10 = Actor("politi", Role.POLICE, police_district_number=10)  # Københavns Vestegn
POLICE_11 = Actor("kbh-politi", Role.POLICE, police_district_number=11)  # København
POLICE_2 = Actor("nord", Role.POLICE, police_district_number=2)
ISHOJ = Actor("ishoej", Role.PROJECT_LEADER, municipality_code=183)  # district 10
VALLENSBAEK = Actor("vallensbaek", Role.PROJECT_LEADER, municipality_code=187)  # district 10
KOBENHAVN = Actor("kbh", Role.PROJECT_LEADER, municipality_code=101)  # district 11
POLICE = (POLICE_10, POLICE_11, POLICE_2)
ALBERTSLUND_COUNCIL = Actor("byraad", Role.COUNCIL, municipality_code=165)  # district 10
TODAY = date(2026, 12, 1)


def helpers_file(*codes: int) -> bytes:
    lines = ["kommune;dato;nabohjælpere;nabovenner;kilde"]
    lines += [f"{code};2026-11-01;{1000 + code};;optælling" for code in codes]
    return ("\n".join(lines) + "\n").encode("utf-8")


def sees_import(engine: Engine, viewer: Actor, file_name: str) -> bool:
    """Whether the viewer finds the import in the change log and in the list of imports; the two
    must agree."""
    in_log = audit_entries(engine, viewer=viewer)["summary"].str.contains(file_name).any()
    sources = source_table(engine, viewer=viewer)
    in_list = (sources["file_name"] == file_name).any()
    assert in_log == in_list, (viewer, in_log, in_list)
    return bool(in_log)


def test_a_multi_district_import_is_shown_to_each_municipality_in_it_and_no_other(
    seeded_engine: Engine,
) -> None:
    import_helpers(
        seeded_engine,
        actor=ADMIN,
        data=helpers_file(183, 101),
        file_name="to-kredse.csv",
        today=TODAY,
    )
    seen = {
        actor.username: sees_import(seeded_engine, actor, "to-kredse.csv")
        for actor in (ADMIN, ISHOJ, KOBENHAVN, VALLENSBAEK, ALBERTSLUND_COUNCIL, *POLICE)
    }
    assert seen == {
        "admin": True,
        "ishoej": True,
        "kbh": True,
        "vallensbaek": False,  # not in the file, though in Ishøj's police district
        "byraad": False,
        "politi": True,
        "kbh-politi": True,
        "nord": False,
    }


def test_a_police_import_of_two_municipalities_reaches_both(seeded_engine: Engine) -> None:
    import_helpers(
        seeded_engine,
        actor=POLICE_10,
        data=helpers_file(183, 187),
        file_name="vestegn.csv",
        today=TODAY,
    )
    assert sees_import(seeded_engine, ISHOJ, "vestegn.csv")
    assert sees_import(seeded_engine, VALLENSBAEK, "vestegn.csv")
    assert sees_import(seeded_engine, POLICE_10, "vestegn.csv")
    assert not sees_import(seeded_engine, KOBENHAVN, "vestegn.csv")
    assert not sees_import(seeded_engine, ALBERTSLUND_COUNCIL, "vestegn.csv")


def test_the_list_of_imports_shows_project_leaders_their_own_and_the_shipped_data(
    seeded_engine: Engine,
) -> None:
    survey = (
        "kommune;år;måling;kategori;antal\n183;2025;utryg_indbrud;tryg;250\n"
        "183;2025;utryg_indbrud;utryg;40\n"
    ).encode()
    import_survey(seeded_engine, actor=ISHOJ, data=survey, file_name="ishoej-2026.csv", today=TODAY)
    shipped = set(source_table(seeded_engine, viewer=ADMIN)["name"]) - {"Tryghedsmåling (fil)"}
    assert shipped, "the seeded database has shipped reference data"
    for viewer, own in ((ISHOJ, True), (ADMIN, True), (KOBENHAVN, False), (POLICE_11, False)):
        assert sees_import(seeded_engine, viewer, "ishoej-2026.csv") is own, viewer
        assert shipped <= set(source_table(seeded_engine, viewer=viewer)["name"]), viewer


def test_a_national_statistikbanken_import_and_its_undo_are_scoped_to_its_municipalities(
    seeded_engine: Engine,
) -> None:
    lines = ["OMRÅDE;OVERTRÆD;TID;INDHOLD"] + [
        f"{code};1320;2026K{q};{10 + q}" for code in (183, 101) for q in (1, 2)
    ]
    import_dst(
        seeded_engine,
        actor=ADMIN,
        data=("\r\n".join(lines) + "\r\n").encode(),
        file_name="straf11-to.csv",
        today=TODAY,
    )
    assert sees_import(seeded_engine, KOBENHAVN, "straf11-to.csv")
    assert not sees_import(seeded_engine, VALLENSBAEK, "straf11-to.csv")
    undo_last_import(seeded_engine, actor=ADMIN)
    undone = audit_entries(seeded_engine, viewer=ISHOJ)["action"]
    assert "data.undo" in set(undone)
    assert "data.undo" not in set(audit_entries(seeded_engine, viewer=VALLENSBAEK)["action"])


@pytest.mark.parametrize("viewer", [ISHOJ, POLICE_10])
def test_national_rows_are_still_everyones(seeded_engine: Engine, viewer: Actor) -> None:
    from dataio.store.goals import GoalChange, find_goal, update_goal

    goal = find_goal(seeded_engine, indicator="burglaries", code=None)
    assert goal is not None
    update_goal(
        seeded_engine,
        actor=ADMIN,
        goal_id=goal.id or 0,
        change=GoalChange(29000, 2017, 9000, None, 2030, "ny"),
        loaded_version=goal.row_version,
    )
    assert "Mål for hele landet (indbrud) ændret" in set(
        audit_entries(seeded_engine, viewer=viewer)["summary"]
    )
