"""The meeting pack's plan section lists what changed since the last meeting, in Danish sentences."""

import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from pypdf import PdfReader
from sqlalchemy import Engine

from dataio.db import audit
from dataio.db.engine import transaction
from dataio.meeting_pack.content import CHANGES_SHOWN, plan_changes
from dataio.meeting_pack.pack import build_pack
from dataio.seed.init import initialise
from dataio.store.action_plans import ItemEdit, plan_items, save_changes
from dataio.store.walks import NewObservation, add_walk
from tests.factories import ADMIN, COUNCIL, ISHOJ

# the day in Denmark: the changes are dated and filtered by Danish midnight, so between 23:00 and
# midnight UTC the machine's date is yesterday's there (CI once failed on that hour)
TODAY = datetime.now(ZoneInfo("Europe/Copenhagen")).date()


def pdf_text(pdf: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages
    )


def test_the_plan_section_lists_the_changes_since_the_meeting(seeded_engine: Engine) -> None:
    initialise(seeded_engine, demo=True)  # Ishøj's demo plan and walks
    item = next(plan_items(seeded_engine, viewer=ADMIN, municipality_code=ISHOJ).itertuples())
    save_changes(seeded_engine, actor=ADMIN, municipality_code=ISHOJ, edits=[
        ItemEdit(int(item.id), int(item.row_version), {"status": "udskudt",
                 "due_date": date(2027, 3, 1)}, str(item.title)),
    ])  # fmt: skip
    add_walk(seeded_engine, actor=ADMIN, municipality_code=ISHOJ, walk_date=date(2026, 12, 2),
             area="Vejleåparken", observations=[NewObservation("Mørk sti")])  # fmt: skip
    lines = plan_changes(seeded_engine, viewer=COUNCIL, code=ISHOJ, since=TODAY)
    assert len(lines) == 3  # the walk, the item and the demo plan's creation
    assert lines[2].startswith(f"{TODAY.day}. ") and ", Eksempeldata (automatisk): " in lines[2]
    assert (
        lines[0].startswith(f"{TODAY.day}. ") and "Demo Administrator: Tryghedsvandring" in lines[0]
    )
    assert "Vejleåparken (2. dec. 2026) registreret med 1 observationer." in lines[0]
    assert f"«{item.title}» ændret: frist fra " in lines[1]
    assert "til 1. mar. 2027; status fra " in lines[1] and lines[1].endswith(" til Udskudt.")
    assert not plan_changes(seeded_engine, viewer=COUNCIL, code=ISHOJ, since=TODAY + timedelta(1))
    pack = build_pack(seeded_engine, viewer=COUNCIL, municipality_code=ISHOJ, police_district=None,
                      since=TODAY, today=TODAY)  # fmt: skip
    text = pdf_text(pack.pdf)
    assert "Ændret siden sidste møde (3)" in text
    assert "til 1. mar. 2027; status fra" in text and "due_date" not in text
    assert pack.report.parts[0].changes == lines


def test_only_the_newest_changes_and_a_count_of_the_rest(seeded_engine: Engine) -> None:
    with transaction(seeded_engine) as session:
        for i in range(CHANGES_SHOWN + 5):
            audit.record(session, actor=ADMIN, action="action_item.update", entity="action_item",
                         entity_key=str(i), summary=f"Aktivitet «A{i}» ændret",
                         before={"progress": 10}, after={"progress": 20},
                         municipality_code=ISHOJ, police_district_number=10)  # fmt: skip
            audit.record(session, actor=ADMIN, action="goal.update", entity="goal",
                         entity_key=str(i), summary="Mål ændret", before=None, after=None,
                         municipality_code=ISHOJ, police_district_number=10)  # fmt: skip
    lines = plan_changes(seeded_engine, viewer=ADMIN, code=ISHOJ, since=TODAY)
    assert len(lines) == CHANGES_SHOWN + 1  # goals are not the plan's
    assert lines[0].endswith(
        f"Aktivitet «A{CHANGES_SHOWN + 4}» ændret: fremdrift fra 10 % til 20 %."
    )
    assert lines[-1] == "… og 5 ændringer mere i Ændringslog."
