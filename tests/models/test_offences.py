"""models.offences: the codes, the yearly rates against nation and peers, the sentence."""

import pandas as pd
import pytest

from models.offences import burden_sentence, complete_years, offence_name, rate_rows


def test_names() -> None:
    assert offence_name(1310) == "Indbrud i forretning, virksomhed mv."
    assert offence_name(1399) == "Overtrædelse 1399"


def test_complete_years_only() -> None:
    quarters = pd.DataFrame(
        {"code": [1] * 6, "year": [2024] * 4 + [2025] * 2, "count": [1, 2, 3, 4, 5, 6]}
    )
    assert complete_years(quarters).to_dict("records") == [{"code": 1, "year": 2024, "count": 10}]


def test_rates_against_nation_and_peers() -> None:
    annual = pd.DataFrame(
        {
            "code": [1, 2, 3, 1, 2],
            "year": [2024, 2024, 2024, 2025, 2025],
            "count": [10, 20, 30, 5, 5],
        }
    )
    households = {1: 1000.0, 2: 2000.0, 3: 3000.0}
    rates = rate_rows(annual, code=1, households_by_code=households, peers=[2])
    first = rates.iloc[0]
    assert (first["year"], first["count"]) == (2024, 10)
    assert first["municipality"] == pytest.approx(10.0)
    assert first["national"] == pytest.approx(60 / 6000 * 1000)
    assert first["peers"] == pytest.approx(10.0)
    # 2025: municipality 3 has no year, so the nation is 1 and 2 only
    assert rates.iloc[1]["national"] == pytest.approx(10 / 3000 * 1000)


def test_sentence() -> None:
    latest = {"year": 2025.0, "count": 1234.0, "municipality": 4.44, "national": 1.9, "peers": None}
    assert burden_sentence(label="Indbrud i forretning", name="Ishøj", latest=latest) == (
        "Indbrud i forretning 2025: 4,4 pr. 1.000 husstande i Ishøj mod 1,9 i hele landet "
        "(1.234 anmeldelser)."
    )
    no_households = latest | {"municipality": float("nan")}
    assert "uden husstandstal ingen rate" in burden_sentence(
        label="X", name="Ishøj", latest=no_households
    )
