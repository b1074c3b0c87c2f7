"""The issue's Done-when: a full STRAF11 file (every municipality, 2007K1-2026K2, counts of a
realistic size) goes through the real importer, and the status JSON finds the effect planted in
one partner and none in another.

Every municipality follows one course (seasons, a national fall, the 2018 law change raising
every count, COVID-19 lowering them in 2020-21) at a level set by its households, with a small
course of its own and Poisson noise from a fixed seed. Aarhus (partner since 2019-11, so from
2019K4) has 45 % fewer burglaries than that from its start; Esbjerg (partner since "2021") has
none. The placebo interval must exclude zero for Aarhus and cover it for Esbjerg (checked for
seeds 1-8: Aarhus -43 % to -46 %, every interval excluding zero and covering -45 %; Esbjerg -5 %
to +4 %, every interval covering zero).
"""

import json
from datetime import date

import numpy as np
import pytest
from sqlalchemy import Engine

from dataio.files.statistikbanken.importer import import_dst
from dataio.status_document import scope_status_document
from dataio.store.areas import latest_households, municipality_table
from models.periods import parse_period, quarter_range
from tests.factories import ADMIN

TODAY = date(2026, 8, 20)  # 2026K2 is the latest quarter published
QUARTERS = quarter_range(first="2007K1", last="2026K2")
AARHUS, ESBJERG = 751, 561  # partners since 2019-11 and 2021
PLANTED = -0.45
SEASON = (1.12, 0.86, 0.92, 1.10)


def course(period: str, position: int) -> float:
    year, quarter = parse_period(period)
    law = 1.3 if year >= 2018 else 1.0  # § 276 a: every municipality's count rose
    covid = 0.7 if year in (2020, 2021) else 1.0
    return SEASON[quarter - 1] * 0.992**position * law * covid


def full_straf11(engine: Engine, *, seed: int = 7) -> bytes:
    """STRAF11 as the API writes it: every area, residential burglary and the offence total."""
    areas = municipality_table(engine)
    codes = sorted(int(c) for c in areas.loc[areas["is_municipality"].astype(bool), "code"])
    households = latest_households(engine)["households"].astype(float).to_dict()
    rng = np.random.default_rng(seed)
    lines = ["OMRÅDE;OVERTRÆD;TID;INDHOLD"]
    national = dict.fromkeys(QUARTERS, 0)
    for code in codes:
        level = households.get(code, 20_000.0) * 0.0045 * rng.uniform(0.6, 1.4)
        own = 1.0 if code in (AARHUS, ESBJERG) else rng.uniform(0.997, 1.003)  # its own course
        for position, period in enumerate(QUARTERS):
            after = code == AARHUS and parse_period(period) >= (2019, 4)
            expected = level * course(period, position) * own**position
            count = int(rng.poisson(expected * (1 + PLANTED if after else 1.0)))
            national[period] += count
            lines.append(f"{code};1320;{period};{count}")
            lines.append(f"{code};TOT;{period};{count * 12}")  # another offence: never counted
    for period in QUARTERS:
        lines.append(f"000;1320;{period};{national[period]}")
        lines.append(f"411;1320;{period};0")  # Christiansø
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def status(engine: Engine, code: int) -> dict[str, object]:
    document = scope_status_document(engine, viewer=ADMIN, code=code, today=TODAY)
    return json.loads(json.dumps(document, allow_nan=False))  # as `botrygt status --json` prints


def test_a_planted_effect_is_found_and_a_partner_without_one_is_not(
    seeded_engine: Engine,
) -> None:
    report = import_dst(
        seeded_engine,
        actor=ADMIN,
        data=full_straf11(seeded_engine),
        file_name="straf11.csv",
        today=TODAY,
    )
    assert (report.table, report.municipalities, report.periods) == ("STRAF11", 98, "2007K1-2026K2")
    planted = status(seeded_engine, AARHUS)["partnership_effect"]
    assert isinstance(planted, dict)
    assert (planted["start"], planted["method"], planted["status"]) == (
        "2019-11-01",
        "synthetic_control",
        "fell",
    )
    assert planted["estimate"] == pytest.approx(PLANTED, abs=0.05)
    assert planted["low"] < planted["estimate"] < planted["high"] < 0  # the interval excludes 0
    assert planted["low"] < PLANTED < planted["high"]
    assert planted["p_value"] <= 0.05 and planted["donors"] >= 2
    assert planted["placebos"] == 98 - 18  # every municipality without a partnership
    none = status(seeded_engine, ESBJERG)["partnership_effect"]
    assert isinstance(none, dict) and none["start"] == "2021-01-01"
    assert none["low"] < 0 < none["high"]  # no effect planted: the interval covers zero
    assert abs(none["estimate"]) < 0.1 and none["status"] == "same"
