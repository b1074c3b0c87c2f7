"""The STRAF11 import diff: hand-computed cases, and properties over any stored series and file."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.import_diff import (
    SUMMARY_COLUMNS,
    ImportDiff,
    quarter_diff,
    quarter_spans,
    removal_confirmation,
    summary_rows,
    unconfirmed,
)
from models.periods import quarter_range

DEMO_SERIES = {p: (40, True) for p in quarter_range(first="2007K1", last="2026K3")}  # 79


def test_the_five_quarter_file_over_a_demo_series() -> None:
    """The issue's case: five real quarters for Ishøj over 79 demo quarters."""
    file = {p: 50 for p in quarter_range(first="2025K2", last="2026K2")}
    diff = quarter_diff(stored={183: DEMO_SERIES}, file={183: file})
    [ishoj] = diff.municipalities
    assert (len(ishoj.added), len(ishoj.replaced_demo), len(ishoj.removed_demo)) == (0, 5, 74)
    assert quarter_spans(ishoj.removed_demo) == "2007K1–2025K1, 2026K3"
    assert ishoj.kept == () and ishoj.after == file
    assert len(diff.removed) == 74 and (183, "2026K3") in diff.removed
    assert removal_confirmation(diff) == "Jeg har set, at 74 kvartaler fjernes"


def test_imported_history_outside_the_file_is_kept() -> None:
    stored = {
        "2024K4": (10, False),  # outside the file: kept
        "2025K1": (11, False),  # same value: unchanged
        "2025K2": (12, False),  # new value: replaced
    }
    diff = quarter_diff(stored={183: stored}, file={183: {"2025K1": 11, "2025K2": 99, "2025K3": 7}})
    [m] = diff.municipalities
    assert (m.added, m.replaced_demo, m.replaced, m.unchanged, m.removed_demo, m.kept) == (
        ("2025K3",),
        (),
        ("2025K2",),
        ("2025K1",),
        (),
        ("2024K4",),
    )
    assert m.after == {"2024K4": 10, "2025K1": 11, "2025K2": 99, "2025K3": 7}
    assert diff.removed == frozenset() and removal_confirmation(diff) is None


def test_only_the_files_municipalities_are_touched() -> None:
    diff = quarter_diff(stored={183: DEMO_SERIES, 101: DEMO_SERIES}, file={183: {"2026K3": 1}})
    assert [m.code for m in diff.municipalities] == [183]
    assert {code for code, _ in diff.removed} == {183}
    assert removal_confirmation(quarter_diff(stored={}, file={183: {"2026K3": 1}})) is None


@pytest.mark.parametrize(
    ("periods", "spans"),
    [
        ([], ""),
        (["2025K1"], "2025K1"),
        (["2025K2", "2025K1"], "2025K1–2025K2"),
        (["2024K4", "2025K1", "2025K3"], "2024K4–2025K1, 2025K3"),
        (["2024K3", "2024K3"], "2024K3"),
    ],
)
def test_quarter_spans(periods: list[str], spans: str) -> None:
    assert quarter_spans(periods) == spans


def test_summary_rows_in_danish() -> None:
    stored = {"2024K4": (10, False), "2025K1": (5, True)}
    diff = quarter_diff(stored={183: stored}, file={183: {"2025K2": 3}})
    [row] = summary_rows(diff, names={183: "Ishøj"})
    assert tuple(row) == SUMMARY_COLUMNS
    assert row == {
        "Kommune": "Ishøj (183)",
        "Tilføjes": "1 (2025K2)",
        "Erstatter eksempeldata": "–",
        "Ny værdi": "–",
        "Uændret": "–",
        "Fjernes: eksempeldata": "1 (2025K1)",
        "Fjernes: indlæst": "–",
        "Bevares: indlæst": "1 (2024K4)",
    }
    assert removal_confirmation(diff) == "Jeg har set, at 1 kvartal fjernes"


def test_unconfirmed_names_what_the_confirmation_left_out() -> None:
    diff = quarter_diff(stored={183: {"2025K1": (5, True), "2025K2": (6, True)}}, file={183: {}})
    assert unconfirmed(diff, {(183, "2025K1")}) == {(183, "2025K2")}
    assert unconfirmed(diff, diff.removed | {(101, "2025K1")}) == frozenset()


PERIODS = quarter_range(first="2023K1", last="2026K4")
stored_series = st.dictionaries(
    st.sampled_from(PERIODS), st.tuples(st.integers(0, 9), st.booleans()), max_size=16
)
file_series = st.dictionaries(st.sampled_from(PERIODS), st.integers(0, 9), max_size=16)
codes = st.sampled_from([101, 183, 187])


@given(
    stored=st.dictionaries(codes, stored_series, max_size=3),
    file=st.dictionaries(codes, file_series, min_size=1, max_size=3),
)
def test_every_quarter_is_accounted_for(
    stored: dict[int, dict[str, tuple[int, bool]]], file: dict[int, dict[str, int]]
) -> None:
    diff: ImportDiff = quarter_diff(stored=stored, file=file)
    assert [m.code for m in diff.municipalities] == sorted(file)
    for m in diff.municipalities:
        before, rows = stored.get(m.code, {}), file[m.code]
        in_file = [*m.added, *m.replaced_demo, *m.replaced, *m.unchanged]
        # added + replaced + unchanged = the file's quarters, each once
        assert sorted(in_file) == sorted(rows) and m.file_quarters == len(rows)
        # the rest of what was stored is either removed (demo) or kept (imported)
        outside = sorted(p for p in before if p not in rows)
        assert sorted([*m.removed_demo, *m.kept]) == outside
        # nothing imported disappears; after = the file plus the kept history
        assert all(p in m.after for p, (_, demo) in before.items() if not demo)
        assert m.after == {p: before[p][0] for p in m.kept} | rows
        # what is gone is exactly what the confirmation names
        gone = {(m.code, p) for p in before if p not in m.after}
        assert gone == {k for k in diff.removed if k[0] == m.code}
    assert unconfirmed(diff, diff.removed) == frozenset()
    sentence = removal_confirmation(diff)
    assert (sentence is None) == (not diff.removed)
    if sentence is not None:
        assert f" {len(diff.removed)} kvartal" in sentence
