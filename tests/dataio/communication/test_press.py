"""The press log on SQLite and PostgreSQL: writes with rights and audit, versions, the per-quarter
share, and refusals in Danish for the council and for another municipality's project leader."""

import json
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine, text

from dataio.communication.press import (
    add_press_entry,
    delete_press_entry,
    edit_press_entry,
    press_entries,
    press_quarters,
)
from dataio.errors import NotFound, PermissionDenied, ValidationFailed
from dataio.store.action_plans import plan_items
from tests.factories import (
    ADMIN,
    COLLEAGUE,
    COUNCIL,
    ISHOJ,
    LEADER,
    OTHER_LEADER,
    OTHER_POLICE,
    POLICE,
    READER,
    make_plan,
    row_count,
)
from tests.support.interleave import rival_before_write, second_engine

TODAY = date(2026, 12, 7)


def _add(engine: Engine, **changes: object) -> int:
    values: dict = {
        "code": ISHOJ,
        "published_on": date(2026, 11, 20),
        "medium": "Ishøj Avis",
        "headline": "Sådan sikrer du dit hjem mod indbrud",
        "url": "https://ishoj-avis.dk/artikel/1",
        "tone": "constructive",
        "today": TODAY,
    } | changes
    actor = values.pop("actor", LEADER)
    return add_press_entry(engine, actor=actor, **values)


def _audit(engine: Engine, action: str) -> list[dict]:
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT username, summary, before, after, municipality_code, "
                "police_district_number FROM audit_entry WHERE action = :a ORDER BY id"
            ),
            {"a": action},
        ).all()
    return [
        {
            "actor": r[0],
            "summary": r[1],
            "before": json.loads(r[2]) if r[2] else None,
            "after": json.loads(r[3]) if r[3] else None,
            "scope": (r[4], r[5]),
        }
        for r in rows
    ]


def test_the_project_leader_and_the_police_log_coverage_audited(seeded_engine: Engine) -> None:
    first = _add(seeded_engine)
    second = _add(
        seeded_engine,
        actor=POLICE,
        published_on=date(2026, 12, 1),
        medium="TV2 Lorry",
        headline="Indbrudsbølge på Vestegnen",
        url="",
        tone="negative",
        goal="burglaries",
    )
    log = press_entries(seeded_engine, viewer=COUNCIL, code=ISHOJ)
    assert list(log["id"]) == [second, first]  # newest first
    assert list(log["tone"]) == ["negative", "constructive"]
    assert list(log["goal"].fillna("")) == ["burglaries", ""]
    rows = _audit(seeded_engine, "press.create")
    assert [r["actor"] for r in rows] == ["projektleder", "politi"]
    assert rows[0]["summary"] == (
        "Presseomtale «Sådan sikrer du dit hjem mod indbrud» (Ishøj Avis) registreret"
    )
    assert rows[0]["after"]["url"] == "https://ishoj-avis.dk/artikel/1"
    assert rows[0]["after"]["published_on"] == "2026-11-20"
    assert rows[0]["scope"] == (ISHOJ, 10)


@pytest.mark.parametrize(
    ("actor", "words"),
    [
        (
            COUNCIL,
            "Ingen adgang: du er byråd for kommune 183 og må ikke ændre presseloggen for Ishøj.",
        ),
        (
            OTHER_LEADER,
            "Ingen adgang: du er projektleder for kommune 101 og må ikke ændre presseloggen for Ishøj.",
        ),
        (
            OTHER_POLICE,
            "Ingen adgang: du er politi for politikreds 2 og må ikke ændre presseloggen for Ishøj.",
        ),
    ],
)
def test_out_of_scope_writes_are_refused_in_danish_and_write_nothing(
    seeded_engine: Engine, actor: object, words: str
) -> None:
    entry = _add(seeded_engine)
    audit_before = row_count(seeded_engine, "audit_entry")
    with pytest.raises(PermissionDenied) as refused:
        _add(seeded_engine, actor=actor)
    assert str(refused.value) == words
    with pytest.raises(PermissionDenied):
        delete_press_entry(seeded_engine, actor=actor, entry_id=entry, loaded_version=1)  # type: ignore[arg-type]
    assert row_count(seeded_engine, "press_entry") == 1
    assert row_count(seeded_engine, "audit_entry") == audit_before


def test_reads_are_refused_out_of_scope(seeded_engine: Engine) -> None:
    _add(seeded_engine)
    with pytest.raises(PermissionDenied):
        press_entries(seeded_engine, viewer=OTHER_LEADER, code=ISHOJ)
    with pytest.raises(PermissionDenied):
        press_quarters(seeded_engine, viewer=OTHER_POLICE, code=ISHOJ)


def test_invalid_values_are_refused_in_danish(seeded_engine: Engine) -> None:
    with pytest.raises(ValidationFailed, match="begynder med https:// eller http://"):
        _add(seeded_engine, url="javascript:alert(document.cookie)")
    with pytest.raises(ValidationFailed, match="Vælg omtalens tone"):
        _add(seeded_engine, tone="positiv")
    assert row_count(seeded_engine, "press_entry") == 0


def test_an_entry_concerns_an_item_of_its_own_plan_and_loses_it_when_the_item_goes(
    seeded_engine: Engine,
) -> None:
    make_plan(seeded_engine, template_rows=[0, 1])
    items = plan_items(seeded_engine, viewer=READER, municipality_code=ISHOJ)
    item = int(items["id"].iloc[0])
    entry = _add(seeded_engine, item_id=item)
    log = press_entries(seeded_engine, viewer=READER, code=ISHOJ)
    assert list(log["item_title"]) == [items["title"].iloc[0]]
    with pytest.raises(NotFound):
        _add(seeded_engine, item_id=999_999)
    make_plan(seeded_engine, actor=ADMIN, municipality_code=101, template_rows=[0])
    other = plan_items(seeded_engine, viewer=READER, municipality_code=101)
    with pytest.raises(NotFound):
        _add(seeded_engine, item_id=int(other["id"].iloc[0]))
    from dataio.store.action_plans import ItemEdit, save_changes

    save_changes(
        seeded_engine,
        actor=LEADER,
        municipality_code=ISHOJ,
        edits=[ItemEdit(item, int(items["row_version"].iloc[0]), None)],
    )
    log = press_entries(seeded_engine, viewer=READER, code=ISHOJ)
    assert list(log["id"]) == [entry] and log["item_id"].isna().all()


def test_edit_and_delete_with_versions(seeded_engine: Engine) -> None:
    entry = _add(seeded_engine)
    values: dict[str, Any] = {
        "published_on": date(2026, 11, 20),
        "medium": "Ishøj Avis",
        "headline": "Naboer holder øje: nabohjælp virker",
        "url": "",
        "tone": "constructive",
        "goal": "helpers",
        "item_id": None,
        "today": TODAY,
    }
    edit_press_entry(seeded_engine, actor=LEADER, entry_id=entry, loaded_version=1, **values)
    [change] = _audit(seeded_engine, "press.update")
    assert change["before"] == {
        "headline": "Sådan sikrer du dit hjem mod indbrud",
        "url": "https://ishoj-avis.dk/artikel/1",
        "goal": None,
    }
    assert change["after"] == {
        "headline": "Naboer holder øje: nabohjælp virker",
        "url": "",
        "goal": "helpers",
    }
    # a save from the old version is refused, nothing written
    with pytest.raises(ValidationFailed, match="ændret eller slettet af en anden"):
        edit_press_entry(
            seeded_engine,
            actor=LEADER,
            entry_id=entry,
            loaded_version=1,
            **values | {"tone": "neutral"},
        )
    with pytest.raises(ValidationFailed, match="ændret eller slettet af en anden"):
        delete_press_entry(seeded_engine, actor=LEADER, entry_id=entry, loaded_version=1)
    assert len(_audit(seeded_engine, "press.update")) == 1
    # unchanged: no audit row
    edit_press_entry(seeded_engine, actor=LEADER, entry_id=entry, loaded_version=2, **values)
    assert len(_audit(seeded_engine, "press.update")) == 1
    delete_press_entry(seeded_engine, actor=POLICE, entry_id=entry, loaded_version=2)
    assert row_count(seeded_engine, "press_entry") == 0
    [gone] = _audit(seeded_engine, "press.delete")
    assert gone["actor"] == "politi" and gone["before"]["headline"].startswith("Naboer")
    with pytest.raises(NotFound):
        delete_press_entry(seeded_engine, actor=LEADER, entry_id=entry, loaded_version=2)


def test_a_rivals_save_between_read_and_write_wins_and_mine_writes_nothing(
    seeded_engine: Engine,
) -> None:
    entry = _add(seeded_engine)
    base: dict[str, Any] = {
        "published_on": date(2026, 11, 20),
        "medium": "Ishøj Avis",
        "url": "",
        "tone": "constructive",
        "goal": None,
        "item_id": None,
        "today": TODAY,
    }
    rival_engine = second_engine(seeded_engine)

    def rival() -> None:
        edit_press_entry(
            rival_engine,
            actor=COLLEAGUE,
            entry_id=entry,
            loaded_version=1,
            headline="Kollegaens",
            **base,
        )

    try:
        with (
            rival_before_write(seeded_engine, table="press_entry", rival=rival) as hooked,
            pytest.raises(ValidationFailed, match="ændret eller slettet af en anden"),
        ):
            edit_press_entry(
                seeded_engine,
                actor=LEADER,
                entry_id=entry,
                loaded_version=1,
                headline="Min",
                **base,
            )
    finally:
        rival_engine.dispose()
    assert hooked
    assert list(press_entries(seeded_engine, viewer=READER, code=ISHOJ)["headline"]) == [
        "Kollegaens"
    ]
    assert [r["actor"] for r in _audit(seeded_engine, "press.update")] == ["kollega"]


def test_the_share_of_constructive_coverage_per_quarter(seeded_engine: Engine) -> None:
    for day, tone in [
        (date(2026, 7, 1), "constructive"),
        (date(2026, 8, 1), "negative"),
        (date(2026, 10, 5), "constructive"),
        (date(2026, 11, 5), "constructive"),
        (date(2026, 12, 1), "neutral"),
    ]:
        _add(seeded_engine, published_on=day, tone=tone)
    _add(seeded_engine, actor=ADMIN, code=101, tone="negative")  # another municipality's
    shares = press_quarters(seeded_engine, viewer=COUNCIL, code=ISHOJ)
    assert [(s.period, s.constructive, s.total) for s in shares] == [
        ("2026K3", 1, 2),
        ("2026K4", 2, 3),
    ]
    assert shares[1].text().startswith("66,7 % (2 af 3 omtaler; 95 %-interval ")
