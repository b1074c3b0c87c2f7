"""A STRAF11 file replaces only the quarters it covers; demo quarters it removes must be confirmed."""

import pytest
from sqlalchemy import Engine

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
