"""Track 3's pure rules: the share of constructive coverage per quarter, and what may be stored."""

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.communication import (
    QuarterShare,
    Tone,
    press_problem,
    quarter_of,
    quarterly_shares,
    stakeholder_problem,
    tracks_of,
    tracks_text,
    url_problem,
)

C, N, X = Tone.CONSTRUCTIVE.value, Tone.NEUTRAL.value, Tone.NEGATIVE.value
TODAY = date(2026, 12, 7)


@pytest.mark.parametrize(
    ("day", "quarter"),
    [
        (date(2026, 1, 1), "2026K1"),
        (date(2026, 3, 31), "2026K1"),
        (date(2026, 4, 1), "2026K2"),
        (date(2026, 9, 30), "2026K3"),
        (date(2026, 12, 31), "2026K4"),
    ],
)
def test_quarter_of(day: date, quarter: str) -> None:
    assert quarter_of(day) == quarter


def test_shares_per_quarter_by_hand() -> None:
    entries = [
        (date(2026, 2, 1), C),
        (date(2026, 3, 5), X),
        (date(2026, 1, 9), N),
        (date(2026, 3, 31), C),  # K1: 2 of 4
        (date(2026, 11, 2), C),  # K4: 1 of 1 (K2 and K3 have none: left out)
        (date(2025, 12, 31), X),  # 2025K4: 0 of 1
    ]
    shares = quarterly_shares(entries)
    assert [(s.period, s.constructive, s.total) for s in shares] == [
        ("2025K4", 0, 1),
        ("2026K1", 2, 4),
        ("2026K4", 1, 1),
    ]
    assert [s.share for s in shares] == [0.0, 0.5, 1.0]
    # Wilson's 95 % interval, by hand for 2 of 4: centre (0.5 + z²/8) / (1 + z²/4) = 0.5,
    # half-width z / (1 + z²/4) * sqrt(1/16 + z²/64) = 0.4034 -> 15,0 % to 85,0 %
    assert shares[1].low == pytest.approx(0.1500, abs=1e-4)
    assert shares[1].high == pytest.approx(0.8500, abs=1e-4)
    assert (shares[0].low, shares[2].high) == (0.0, 1.0)


def test_share_text_in_danish() -> None:
    share = quarterly_shares(
        [(date(2026, 10, 1), C), (date(2026, 10, 2), N), (date(2026, 10, 3), X)]
    )
    assert share[0].text() == "33,3 % (1 af 3 omtaler; 95 %-interval 6,1 % til 79,2 %)"
    one = QuarterShare("2026K4", 1, 1, 1.0, 0.2065, 1.0)
    assert one.text() == "100,0 % (1 af 1 omtale; 95 %-interval 20,7 % til 100,0 %)"


def test_no_entries_no_quarters_and_an_unknown_tone_is_refused() -> None:
    assert quarterly_shares([]) == []
    with pytest.raises(ValueError):
        quarterly_shares([(TODAY, "positive")])


entry = st.tuples(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)),
    st.sampled_from([C, N, X]),
)


@given(st.lists(entry, max_size=60))
def test_shares_lie_in_zero_one_and_count_every_entry(entries: list[tuple[date, str]]) -> None:
    shares = quarterly_shares(entries)
    assert sum(s.total for s in shares) == len(entries)
    assert sum(s.constructive for s in shares) == sum(t == C for _, t in entries)
    for s in shares:
        assert 0.0 <= s.low <= s.share <= s.high <= 1.0
        assert s.total >= 1 and 0 <= s.constructive <= s.total
    assert [s.period for s in shares] == sorted({quarter_of(d) for d, _ in entries})


@given(st.lists(entry, max_size=40), st.randoms(use_true_random=False))
def test_shares_do_not_depend_on_the_order(entries: list[tuple[date, str]], rnd: object) -> None:
    shuffled = list(entries)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert quarterly_shares(shuffled) == quarterly_shares(entries)


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("", True),
        ("https://www.dr.dk/nyheder/indbrud", True),
        ("http://lokalavisen.dk/a?b=1#c", True),
        ("javascript:alert(1)", False),
        ("data:text/html,<b>x</b>", False),
        ("ftp://example.dk/fil", False),
        ("www.dr.dk", False),
        ("https://", False),
        ("https://dr.dk/a b", False),
        ("https://" + "a" * 2000 + ".dk", False),
    ],
)
def test_only_http_and_https_links(url: str, ok: bool) -> None:
    assert (url_problem(url) is None) is ok


def _press(**changes: object) -> str | None:
    values: dict = {
        "published_on": TODAY,
        "medium": "Ishøj Avis",
        "headline": "Sådan sikrer du dit hjem",
        "url": "",
        "tone": C,
        "goal": None,
        "today": TODAY,
    } | changes
    return press_problem(**values)


def test_press_problems_in_danish() -> None:
    assert _press() is None
    assert _press(goal="burglaries") is None
    assert _press(published_on=None) == "Vælg datoen for omtalen."
    assert _press(published_on=TODAY + timedelta(days=1)) == (
        "Datoen for omtalen kan ikke ligge i fremtiden."
    )
    assert _press(medium=" ") == "Mediet skal udfyldes."
    assert _press(headline="") == "Overskriften skal udfyldes."
    assert _press(headline="a\nb") == "Overskriften skal stå på én linje."
    assert _press(tone="positive") == "Vælg omtalens tone: konstruktiv, neutral eller negativ."
    assert _press(goal="none") == "Ukendt mål: none."
    assert _press(url="javascript:alert(1)") == (
        "Linket skal være en webadresse, der begynder med https:// eller http://."
    )


def test_stakeholder_problems_and_tracks() -> None:
    ok: dict[str, Any] = {"contact_name": "", "email": "", "phone": "", "tracks": [], "note": ""}
    assert stakeholder_problem(organisation="Bauhaus Ishøj", **ok) is None
    assert stakeholder_problem(organisation="", **ok) == "Organisationen skal udfyldes."
    assert stakeholder_problem(organisation="A", **ok | {"email": "nej"}) == (
        "E-mailadressen er ikke gyldig."
    )
    assert stakeholder_problem(organisation="A", **ok | {"tracks": ["Spor 9"]}) == (
        "Ukendt spor: Spor 9."
    )
    assert tracks_text(["Spor 3", "Spor 1", "Spor 3"]) == "Spor 1,Spor 3"
    assert tracks_of("Spor 1,Spor 3") == ["Spor 1", "Spor 3"]
    assert tracks_of("") == []
