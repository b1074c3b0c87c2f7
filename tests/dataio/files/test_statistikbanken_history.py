"""A STRAF11 file replaces only the quarters it covers; demo quarters it removes must be confirmed."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, text

from dataio.errors import ValidationFailed
from dataio.files.statistikbanken.importer import import_dst, preview_dst
from dataio.seed.init import regenerate_demo
from models.periods import quarter_range
from tests.dataio.files.test_statistikbanken_import import TODAY, straf11, table_rows
from tests.factories import ADMIN

SERIES = "SELECT period, count, is_demo FROM burglary_quarter WHERE municipality_code = 183 ORDER BY period"
FIVE = {(183, p): 50 + i for i, p in enumerate(quarter_range(first="2025K2", last="2026K2"))}


def test_five_quarters_over_demo_name_the_74_removed_and_need_them_confirmed(
    seeded_engine: Engine,
) -> None:
    regenerate_demo(seeded_engine, today=TODAY)
    before = table_rows(seeded_engine, SERIES)
    assert len(before) == 79 and all(demo for _, _, demo in before)
    report = preview_dst(seeded_engine, actor=ADMIN, data=straf11(FIVE), file_name="five.csv")
    assert report.diff is not None
    [ishoj] = report.diff.municipalities
    assert (len(ishoj.replaced_demo), len(ishoj.removed_demo), ishoj.kept) == (5, 74, ())
    assert "74 kvartaler eksempeldata uden for filen fjernet" in report.text()
    # a confirmation that leaves one quarter out: refused, nothing written
    short = report.diff.removed - {(183, "2007K1")}
    with pytest.raises(ValidationFailed, match=r"1 kvartal, som ikke er bekræftet \(183: 2007K1\)"):
        import_dst(
            seeded_engine,
            actor=ADMIN,
            data=straf11(FIVE),
            file_name="five.csv",
            today=TODAY,
            confirmed_removals=short,
        )
    assert table_rows(seeded_engine, SERIES) == before
    import_dst(
        seeded_engine,
        actor=ADMIN,
        data=straf11(FIVE),
        file_name="five.csv",
        today=TODAY,
        confirmed_removals=report.diff.removed,
    )
    assert table_rows(seeded_engine, SERIES) == [(p, v, False) for (_, p), v in FIVE.items()]


def test_a_later_short_file_keeps_the_imported_history(seeded_engine: Engine) -> None:
    regenerate_demo(seeded_engine, today=TODAY)
    history = {(183, p): 30 for p in quarter_range(first="2007K1", last="2025K4")}
    import_dst(seeded_engine, actor=ADMIN, data=straf11(history), file_name="h.csv", today=TODAY)
    # the new file: 2025K4 revised, three new quarters; 2007K1-2025K3 are not in it
    newer = {(183, "2025K4"): 31} | {(183, p): 40 for p in ("2026K1", "2026K2", "2026K3")}
    report = preview_dst(seeded_engine, actor=ADMIN, data=straf11(newer), file_name="n.csv")
    assert report.diff is not None and report.diff.removed == frozenset()
    [ishoj] = report.diff.municipalities
    assert (len(ishoj.added), ishoj.replaced, len(ishoj.kept)) == (3, ("2025K4",), 75)
    done = import_dst(
        seeded_engine,
        actor=ADMIN,
        data=straf11(newer),
        file_name="n.csv",
        today=TODAY,
        confirmed_removals=frozenset(),  # nothing to confirm, and nothing removed
    )
    assert done.rows_changed == 4
    series = table_rows(seeded_engine, SERIES)
    assert len(series) == 79 and series[0] == ("2007K1", 30, False)
    assert series[-5:] == [
        ("2025K3", 30, False),
        ("2025K4", 31, False),
        ("2026K1", 40, False),
        ("2026K2", 40, False),
        ("2026K3", 40, False),
    ]


RECENT = quarter_range(first="2024K1", last="2026K3")


def add_demo(engine: Engine, periods: set[str]) -> None:
    """Demo rows for Ishøj's quarters among `periods` that have no row (any state must hold)."""
    with engine.begin() as connection:
        stored = {
            p
            for (p,) in connection.execute(
                text("SELECT period FROM burglary_quarter WHERE municipality_code = 183")
            )
        }
        for period in sorted(periods - stored):
            connection.execute(
                text(
                    "INSERT INTO burglary_quarter (municipality_code, period, year, quarter, count,"
                    " provisional, is_demo, source_id, imported_at) VALUES (183, :p, :y, :q, 7, false,"
                    " true, (SELECT min(id) FROM data_source), CURRENT_TIMESTAMP)"
                ),
                {"p": period, "y": int(period[:4]), "q": int(period[5])},
            )


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    steps=st.lists(
        st.tuples(
            st.sets(st.sampled_from(RECENT), max_size=6),
            st.dictionaries(
                st.sampled_from(RECENT),
                st.integers(min_value=0, max_value=3),
                min_size=1,
                max_size=8,
            ),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_the_database_ends_as_the_preview_said(
    seeded_engine: Engine, steps: list[tuple[set[str], dict[str, int]]]
) -> None:
    """Import after import: the stored series is the preview's "after", and every quarter gone
    is one the confirmation named."""
    for demo, counts in steps:
        add_demo(seeded_engine, demo)
        data = straf11({(183, p): v for p, v in counts.items()})
        report = preview_dst(seeded_engine, actor=ADMIN, data=data, file_name="p.csv")
        assert report.diff is not None
        before = {p for p, _, _ in table_rows(seeded_engine, SERIES)}
        import_dst(
            seeded_engine,
            actor=ADMIN,
            data=data,
            file_name="p.csv",
            today=TODAY,
            confirmed_removals=report.diff.removed,
        )
        after = {p: c for p, c, _ in table_rows(seeded_engine, SERIES)}
        assert after == report.diff.of(183).after
        assert {(183, p) for p in before - set(after)} == report.diff.removed
