"""The reminder's and the brief's Danish text (models.reminders): hand-computed cases and a
property that every flagged item appears exactly once in its owner's mail."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.actionplan import ItemStatus
from models.reminders import (
    BriefContent,
    GoalLine,
    OwnedItem,
    Section,
    brief_mail,
    fingerprint,
    flagged,
    is_due_soon,
    item_line,
    reminder_mail,
    section,
)

TODAY = date(2026, 12, 5)


def item(
    item_id: int = 1,
    *,
    title: str = "Kickoff",
    status: str = ItemStatus.IN_PROGRESS,
    due: date | None = None,
    touched: date = date(2026, 11, 30),
    overdue: bool = False,
    stale: bool = False,
) -> OwnedItem:
    return OwnedItem(
        item_id=item_id,
        municipality_code=183,
        municipality_name="Ishøj",
        title=title,
        status=status,
        due_date=due,
        last_touched=touched,
        overdue=overdue,
        stale=stale,
    )


@pytest.mark.parametrize(
    ("owned", "expected"),
    [
        (
            item(due=date(2026, 11, 23), overdue=True),
            "Ishøj: Kickoff, frist 23. nov. 2026, forsinket i 12 dage",
        ),
        (
            item(due=date(2026, 12, 4), overdue=True),
            "Ishøj: Kickoff, frist 4. dec. 2026, forsinket i 1 dag",
        ),
        (item(due=date(2026, 12, 5)), "Ishøj: Kickoff, frist 5. dec. 2026 (i dag)"),
        (item(due=date(2026, 12, 12)), "Ishøj: Kickoff, frist 12. dec. 2026 (om 7 dage)"),
        (
            item(touched=date(2026, 8, 1), stale=True),
            "Ishøj: Kickoff, sidst ændret 1. aug. 2026 (126 dage siden)",
        ),
        (
            item(due=date(2026, 11, 23), touched=date(2026, 8, 1), overdue=True, stale=True),
            "Ishøj: Kickoff, frist 23. nov. 2026, forsinket i 12 dage; ikke rørt i 126 dage",
        ),
    ],
)
def test_item_lines(owned: OwnedItem, expected: str) -> None:
    kind = section(owned, today=TODAY)
    assert kind is not None
    assert item_line(kind, owned, today=TODAY) == expected


@pytest.mark.parametrize(
    ("status", "due", "soon"),
    [
        (ItemStatus.IN_PROGRESS, date(2026, 12, 5), True),
        (ItemStatus.IN_PROGRESS, date(2026, 12, 12), True),
        (ItemStatus.IN_PROGRESS, date(2026, 12, 13), False),
        (ItemStatus.IN_PROGRESS, date(2026, 12, 4), False),  # overdue, not "soon"
        (ItemStatus.DONE, date(2026, 12, 6), False),
        (ItemStatus.CANCELLED, date(2026, 12, 6), False),
        (ItemStatus.NOT_STARTED, None, False),
    ],
)
def test_due_soon(status: str, due: date | None, soon: bool) -> None:
    assert is_due_soon(status=status, due_date=due, today=TODAY) is soon


def test_the_reminder_greets_lists_by_section_links_and_says_why() -> None:
    mail = reminder_mail(
        display_name="Mette Holm",
        items=[
            item(1, title="Stale", touched=date(2026, 8, 1), stale=True),
            item(2, title="Late", due=date(2026, 11, 23), overdue=True),
            item(3, title="Soon", due=date(2026, 12, 8)),
            item(4, title="Fine", due=date(2027, 3, 1)),
        ],
        today=TODAY,
        public_url="https://botrygt.example/",
    )
    assert mail is not None
    assert mail.subject == "Bo trygt: 3 aktiviteter kræver opmærksomhed (1 forsinket)"
    text = mail.body
    assert text.startswith("Kære Mette Holm\n")
    assert text.index("Forsinket (1):") < text.index("Frist inden for 7 dage (1):")
    assert text.index("Frist inden for 7 dage (1):") < text.index("Ikke rørt i 90 dage (1):")
    assert "- Ishøj: Late, frist 23. nov. 2026, forsinket i 12 dage\n" in text
    assert text.count("  https://botrygt.example/Handlingsplan?kommune=183\n") == 3
    assert "Fine" not in text
    assert "Du får denne mail, fordi du står som ansvarlig" in text
    assert "Eksempeldata" not in text


def test_no_reminder_without_flagged_items_and_no_link_without_an_address() -> None:
    assert reminder_mail(display_name="X", items=[item()], today=TODAY, public_url="") is None
    mail = reminder_mail(
        display_name="X",
        items=[item(due=date(2026, 12, 1), overdue=True)],
        today=TODAY,
        public_url="",
        demo=True,
    )
    assert mail is not None and "http" not in mail.body
    assert "Eksempeldata" in mail.body


def test_the_fingerprint_changes_with_the_set_and_the_section_only() -> None:
    late = [(Section.OVERDUE, item(1)), (Section.STALE, item(2))]
    assert fingerprint(late) == fingerprint(list(reversed(late)))
    assert fingerprint(late) != fingerprint([(Section.DUE_SOON, item(1)), (Section.STALE, item(2))])
    assert fingerprint(late) != fingerprint(late[:1])


items_strategy = st.lists(
    st.builds(
        item,
        item_id=st.integers(1, 10_000),
        title=st.text(alphabet="abcæøå ", min_size=1, max_size=12).map(str.strip).filter(bool),
        status=st.sampled_from(list(ItemStatus)),
        due=st.none() | st.integers(-60, 60).map(lambda d: TODAY + timedelta(days=d)),
        touched=st.integers(0, 400).map(lambda d: TODAY - timedelta(days=d)),
        overdue=st.booleans(),
        stale=st.booleans(),
    ),
    max_size=15,
    unique_by=lambda i: i.item_id,
).map(lambda items: [_consistent(i) for i in items])


def _consistent(owned: OwnedItem) -> OwnedItem:
    """The flags as with_flags would set them for the generated dates."""
    open_ = owned.status not in {ItemStatus.DONE, ItemStatus.CANCELLED}
    return item(
        owned.item_id,
        title=f"{owned.title} #{owned.item_id}",
        status=owned.status,
        due=owned.due_date,
        touched=owned.last_touched,
        overdue=open_ and owned.due_date is not None and owned.due_date < TODAY,
        stale=open_ and (TODAY - owned.last_touched).days >= 90,
    )


@given(items_strategy)
def test_every_flagged_item_appears_exactly_once(items: list[OwnedItem]) -> None:
    mail = reminder_mail(display_name="X", items=items, today=TODAY, public_url="")
    chosen = flagged(items, today=TODAY)
    if not chosen:
        assert mail is None
        return
    assert mail is not None
    lines = [line for line in mail.body.splitlines() if line.startswith("- Ishøj: ")]
    assert len(lines) == len(chosen)
    for owned in items:
        mentions = [line for line in lines if line.startswith(f"- Ishøj: {owned.title},")]
        expected = 1 if section(owned, today=TODAY) is not None else 0
        assert len(mentions) == expected, owned
        if owned.overdue:
            assert "forsinket i" in mentions[0]


def test_the_brief_has_the_goals_changes_overdue_by_owner_and_how_to_unsubscribe() -> None:
    content = BriefContent(
        municipality_code=183,
        municipality_name="Ishøj",
        goals=[
            GoalLine("Indbrud", "● På rette vej", "Indbrud i beboelser 2025: 118."),
            GoalLine("Nabohjælp", "Intet rekrutteringsmål", "1.504 nabohjælpere."),
            GoalLine("Tryghed", "Intet mål", "Måling 2026: 17,6 %."),
        ],
        since=date(2026, 11, 5),
        changes=["Aktivitet ændret: Kickoff"],
        more_changes=2,
        overdue={"Lars Bak": [item(due=date(2026, 11, 23), overdue=True)]},
        demo=True,
        reason="nye kvartalstal fra Danmarks Statistik: 3. kvt. 2026",
    )
    mail = brief_mail(content, display_name="Mette", today=TODAY, public_url="https://b.example")
    assert mail.subject == "Bo trygt: status for måltal, Ishøj, 5. dec. 2026 (Eksempeldata)"
    text = mail.body
    assert "Eksempeldata: tallene i dette brev er genererede" in text
    assert "- Indbrud: ● På rette vej. Indbrud i beboelser 2025: 118." in text
    assert "Ændret siden 5. nov. 2026\n- Aktivitet ændret: Kickoff\n- … og 2 ændringer mere" in text
    assert "Lars Bak:\n- Ishøj: Kickoff, frist 23. nov. 2026, forsinket i 12 dage" in text
    assert "Afmeld det under Min konto: https://b.example/Min_konto" in text


def test_an_empty_brief_says_so() -> None:
    content = BriefContent(183, "Ishøj", [], date(2026, 11, 5), [], 0)
    text = brief_mail(content, display_name="M", today=TODAY, public_url="").body
    assert "- Ingen ændringer." in text and "- Ingen aktiviteter er forsinkede." in text
    assert "Eksempeldata" not in text and "Min konto i Bo trygt-dashboardet" in text
