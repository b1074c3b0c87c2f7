"""The survey process: the next round's dates, the checks, the response rate, local shares."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.survey_schedule import (
    RoundDates,
    danish_dates_text,
    local_measure_problem,
    local_share,
    next_round_dates,
    parse_danish_dates,
    response_rate,
    response_rate_text,
    schedule_problem,
)


@pytest.mark.parametrize(
    ("last_year", "last_invitation", "today", "expected"),
    [
        # two years after the last round, on the last round's day; reminder +14, close +28
        (
            2025,
            date(2025, 3, 10),
            date(2026, 12, 7),
            RoundDates(2027, date(2027, 3, 10), (date(2027, 3, 24),), date(2027, 4, 7)),
        ),
        # no invitation known: 1 March
        (
            2025,
            None,
            date(2026, 12, 7),
            RoundDates(2027, date(2027, 3, 1), (date(2027, 3, 15),), date(2027, 3, 29)),
        ),
        # the last round long ago: the next second year not yet past (2021 -> 2023 -> 2025 -> 2027)
        (
            2021,
            None,
            date(2026, 12, 7),
            RoundDates(2027, date(2027, 3, 1), (date(2027, 3, 15),), date(2027, 3, 29)),
        ),
        # this year's round whose day has passed: invite today
        (
            2024,
            date(2024, 3, 1),
            date(2026, 5, 2),
            RoundDates(2026, date(2026, 5, 2), (date(2026, 5, 16),), date(2026, 5, 30)),
        ),
        # no round yet: this year
        (
            None,
            None,
            date(2026, 1, 15),
            RoundDates(2026, date(2026, 3, 1), (date(2026, 3, 15),), date(2026, 3, 29)),
        ),
        # 29 February has no twin two years later
        (
            2024,
            date(2024, 2, 29),
            date(2025, 6, 1),
            RoundDates(2026, date(2026, 2, 28), (date(2026, 3, 14),), date(2026, 3, 28)),
        ),
    ],
)
def test_next_round_dates_hand_computed(
    last_year: int | None, last_invitation: date | None, today: date, expected: RoundDates
) -> None:
    assert (
        next_round_dates(last_year=last_year, last_invitation=last_invitation, today=today)
        == expected
    )


@given(
    last_year=st.integers(2000, 2040),
    today=st.dates(date(2000, 1, 1), date(2050, 12, 31)),
    after=st.integers(1, 30),
    extra=st.integers(1, 60),
)
def test_next_round_is_ordered_and_not_in_the_past(
    last_year: int, today: date, after: int, extra: int
) -> None:
    dates = next_round_dates(
        last_year=last_year, today=today, reminder_after_days=after, open_days=after + extra
    )
    assert dates.year >= today.year and (dates.year - last_year) % 2 == 0
    assert dates.year > last_year
    assert today <= dates.invitation < dates.reminders[0] < dates.close


def _problem(**changes: object) -> str | None:
    values: dict[str, object] = {
        "year": 2027,
        "invitation": date(2027, 3, 1),
        "reminders": [date(2027, 3, 15)],
        "close": date(2027, 3, 29),
        "status": "planlagt",
        "invitations": 1000,
        "responses": 420,
    }
    values.update(changes)
    return schedule_problem(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({}, None),
        ({"invitations": None, "responses": None}, None),
        ({"responses": 1001}, "Der kan ikke være flere svar (1.001) end inviterede (1.000)"),
        ({"invitations": None}, "Angiv antal inviterede, før antal svar"),
        ({"responses": -1}, "Antal svar kan ikke være negativt"),
        ({"close": date(2027, 3, 1)}, "Lukkedatoen skal ligge efter invitationsdatoen"),
        ({"reminders": [date(2027, 4, 1)]}, "En påmindelse skal ligge efter invitationen"),
        ({"invitation": date(2026, 12, 1)}, "Invitationsdatoen skal ligge i 2027"),
        ({"status": "aflyst"}, "Status skal være planlagt, i gang, afsluttet"),
        ({"invitation": None}, "Angiv både invitationsdato og lukkedato"),
        ({"reminders_sent": [date(2027, 2, 1)]}, "En sendt påmindelse skal ligge efter"),
    ],
)
def test_schedule_problems(changes: dict[str, object], message: str | None) -> None:
    problem = _problem(**changes)
    if message is None:
        assert problem is None
    else:
        assert problem is not None and problem.startswith(message)


@pytest.mark.parametrize(
    ("responses", "invitations", "rate", "text"),
    [
        (420, 1000, 0.42, "Svarprocent 42,0 % (420 af 1.000 inviterede)"),
        (0, 250, 0.0, "Svarprocent 0,0 % (0 af 250 inviterede)"),
        (1733, 4000, 0.43325, "Svarprocent 43,3 % (1.733 af 4.000 inviterede)"),
        (3, 3, 1.0, "Svarprocent 100,0 % (3 af 3 inviterede)"),
    ],
)
def test_response_rate_hand_computed(
    responses: int, invitations: int, rate: float, text: str
) -> None:
    assert response_rate(responses, invitations) == pytest.approx(rate)
    assert response_rate_text(responses, invitations) == text


def test_no_rate_without_counts() -> None:
    assert response_rate_text(None, 1000) is None
    assert response_rate_text(10, None) is None
    assert response_rate_text(0, 0) is None


@given(invitations=st.integers(1, 10**7), data=st.data())
def test_response_rate_lies_in_the_unit_interval(invitations: int, data: st.DataObject) -> None:
    responses = data.draw(st.integers(0, invitations))
    assert 0.0 <= response_rate(responses, invitations) <= 1.0


@given(invitations=st.integers(0, 10**6), surplus=st.integers(1, 10**6))
def test_more_responses_than_invitations_are_refused(invitations: int, surplus: int) -> None:
    responses = invitations + surplus
    with pytest.raises(ValueError):
        response_rate(responses, invitations)
    problem = _problem(invitations=invitations, responses=responses)
    assert problem is not None and problem.startswith("Der kan ikke være flere svar")


def test_local_share_hand_computed() -> None:
    # 17 of 100 in the share: Wilson 10,89 % to 25,55 % (as tests/models/test_proportions.py)
    estimate = local_share([10, 7, 83], [True, True, False])
    assert (estimate.successes, estimate.n, estimate.share) == (17, 100, 0.17)
    assert estimate.low == pytest.approx(0.108936, abs=1e-6)
    assert estimate.high == pytest.approx(0.255480, abs=1e-6)
    assert not estimate.small_sample
    small = local_share([3, 2], [True, False])
    assert small.small_sample and small.low == pytest.approx(0.230724, abs=1e-6)


def test_local_share_refuses_impossible_counts() -> None:
    with pytest.raises(ValueError, match="ingen svar"):
        local_share([0, 0], [True, False])
    with pytest.raises(ValueError, match="negativt"):
        local_share([-1, 5], [True, False])
    with pytest.raises(ValueError, match="hver kategori"):
        local_share([1], [True, False])


@given(counts=st.lists(st.integers(0, 5000), min_size=2, max_size=6), data=st.data())
def test_local_share_lies_inside_its_interval(counts: list[int], data: st.DataObject) -> None:
    in_share = data.draw(st.lists(st.booleans(), min_size=len(counts), max_size=len(counts)))
    if sum(counts) == 0:
        return
    estimate = local_share(counts, in_share)
    assert 0.0 <= estimate.low <= estimate.share <= estimate.high <= 1.0


@pytest.mark.parametrize(
    ("question", "categories", "in_share", "message"),
    [
        ("Føler du dig tryg i Vejleåparken?", ["Ja", "Nej", "Ved ikke"], ["Nej"], None),
        ("", ["Ja", "Nej"], ["Nej"], "Skriv spørgsmålets tekst"),
        ("Spørgsmål", ["Ja"], ["Ja"], "Angiv mindst to svarkategorier"),
        ("Spørgsmål", ["Ja", "Ja"], ["Ja"], "To svarkategorier har samme navn"),
        ("Spørgsmål", ["Ja", "Nej"], [], "Vælg mindst én kategori"),
        ("Spørgsmål", ["Ja", "Nej"], ["Måske"], "Andelen kan kun tælle"),
        ("Spørgsmål", ["Ja", "Nej"], ["Ja", "Nej"], "Andelen kan ikke tælle alle"),
    ],
)
def test_local_measure_problems(
    question: str, categories: list[str], in_share: list[str], message: str | None
) -> None:
    problem = local_measure_problem(question, categories, in_share)
    if message is None:
        assert problem is None
    else:
        assert problem is not None and problem.startswith(message)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ()),
        ("15.03.2027", (date(2027, 3, 15),)),
        ("22.3.2027, 15.03.2027", (date(2027, 3, 15), date(2027, 3, 22))),
        ("15.03.2027; 15.03.2027", (date(2027, 3, 15),)),
    ],
)
def test_parse_danish_dates(text: str, expected: tuple[date, ...]) -> None:
    assert parse_danish_dates(text) == expected
    assert parse_danish_dates(danish_dates_text(expected)) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2027-03-15", "ikke en dato som"),
        ("31.02.2027", "ikke en gyldig dato"),
        ("1.2.27", "ikke en dato"),
    ],
)
def test_parse_danish_dates_refuses_other_text(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_danish_dates(text)


def test_the_change_log_writes_the_schedules_fields_in_words() -> None:
    from models.change_text import value_text

    assert value_text("reminder_dates", "2027-03-15,2027-03-22") == "15. mar. 2027, 22. mar. 2027"
    assert value_text("reminders_sent_on", "") == "–"
    assert value_text("invitation_date", "2027-03-01") == "1. mar. 2027"
    assert value_text("year", 2027) == "2027"
    assert value_text("invitations", 2000) == "2.000"
    assert value_text("status", "i gang") == "I gang"
