"""Other offence codes of STRAF11 beside residential burglary: which codes, their Danish names, and
a municipality's yearly rate against the nation and its peers ("Er vi mere belastet end andre?").

The codes are DST's four-digit OVERTRÆD codes as documented in the offence list; they were not
checked against the live tableinfo (no network where this was built). 1310 is "Indbrud i
forretning, virksomhed mv." (business burglary). Only four-digit codes are accepted: the shorter
ones (TOT, 1, 13 ...) are parent levels that contain the four-digit codes, and storing both would
count the same offence twice.
"""

from collections.abc import Iterable, Mapping

import pandas as pd

from models.formatting import fmt_decimal, fmt_int
from models.i18n import DANISH, N_, translate, translator
from models.rates import group_rate_per_1000, rate_per_1000

RESIDENTIAL_BURGLARY = 1320  # stays in burglary_quarter, never among the other offences
BUSINESS_BURGLARY = 1310
DEFAULT_OFFENCES: tuple[int, ...] = (BUSINESS_BURGLARY,)

# The names as DST's offence list writes them (the codes a partnership is likely to ask for);
# marked, and shown in the page's language by `offence_label`.
OFFENCE_NAMES: dict[int, str] = {
    1310: N_("Indbrud i forretning, virksomhed mv."),
    1320: N_("Indbrud i beboelser"),
    1330: N_("Indbrud i fritidshuse, kolonihavehuse mv."),
    1340: N_("Indbrud i andet"),
    1350: N_("Tyveri af/fra bil"),
}


def offence_name(code: int) -> str:
    """The code's Danish name, or "Overtrædelse CODE" for a code not in the list above."""
    return OFFENCE_NAMES.get(code, f"Overtrædelse {code}")


def offence_label(label: str, *, lang: str = DANISH) -> str:
    """A stored offence label in the language: DST's names above translated, "Overtrædelse 1410"
    too; any other label (typed by a person) as it is."""
    if label in OFFENCE_NAMES.values():
        return translate(lang, label)
    prefix = "Overtrædelse "
    if label.startswith(prefix) and label[len(prefix) :].isdigit():
        return translate(lang, "Overtrædelse {code}").format(code=label[len(prefix) :])
    return label


def parse_offence_codes(text: str | Iterable[int]) -> tuple[int, ...]:
    """ "1310,1330" (or codes) as sorted distinct four-digit codes other than 1320.

    Raises ValueError with a Danish sentence for anything else (a parent level, a word, 1320)."""
    parts = (
        [p.strip() for p in text.split(",") if p.strip()]
        if isinstance(text, str)
        else [str(c) for c in text]
    )
    codes: set[int] = set()
    for part in parts:
        if not (part.isascii() and part.isdigit() and len(part) == 4):
            raise ValueError(
                f"«{part}» er ikke en firecifret OVERTRÆD-kode (fx 1310); overordnede niveauer "
                "(TOT, 1, 13) kan ikke vælges, da de ville tælle de samme anmeldelser to gange"
            )
        code = int(part)
        if code == RESIDENTIAL_BURGLARY:
            raise ValueError(
                "1320 (indbrud i beboelser) indlæses altid som indbrudstallene; vælg andre koder"
            )
        codes.add(code)
    return tuple(sorted(codes))


def complete_years(quarters: pd.DataFrame) -> pd.DataFrame:
    """code, year, count per municipality and year of a frame of code, year, count rows (one per
    quarter), keeping only the years with all four quarters."""
    grouped = quarters.groupby(["code", "year"], as_index=False).agg(
        count=("count", "sum"), quarters=("count", "size")
    )
    return grouped[grouped["quarters"] == 4].drop(columns="quarters").reset_index(drop=True)


def rate_rows(
    annual: pd.DataFrame,
    *,
    code: int,
    households_by_code: Mapping[int, float],
    peers: list[int],
) -> pd.DataFrame:
    """Per complete year of the municipality: its count and its rate per 1.000 households, the
    national rate (every municipality with that year) and the peers' pooled rate.

    `annual`: code, year, count (complete years, as complete_years returns)."""
    rows = []
    own = annual[annual["code"] == code]
    for year in sorted(int(y) for y in own["year"]):
        in_year = annual[annual["year"] == year]
        counts = dict(zip(in_year["code"].astype(int), in_year["count"].astype(float), strict=True))
        rows.append(
            {
                "year": year,
                "count": int(counts[code]),
                "municipality": rate_per_1000(
                    count=counts[code], households=households_by_code.get(code)
                ),
                "national": group_rate_per_1000(
                    counts_by_code=counts, households_by_code=households_by_code, codes=list(counts)
                ),
                "peers": group_rate_per_1000(
                    counts_by_code=counts, households_by_code=households_by_code, codes=peers
                ),
            }
        )
    return pd.DataFrame(rows, columns=["year", "count", "municipality", "national", "peers"])


def _rate(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(str(value))


def burden_sentence(
    *, label: str, name: str, latest: Mapping[str, object], lang: str = DANISH
) -> str:
    """ "Er vi mere belastet end andre?" in one sentence for the latest complete year
    (`latest`: a rate_rows row: year, count, municipality, national, peers; `label` already in
    the language)."""
    _ = translator(lang)
    year, count = int(float(str(latest["year"]))), round(float(str(latest["count"])))
    own = _rate(latest.get("municipality"))
    if own is None:
        return _(
            "{label} {year}: {count} anmeldelser i {name}; uden husstandstal ingen rate."
        ).format(label=label, year=year, count=fmt_int(count, lang=lang), name=name)
    national, peers = _rate(latest.get("national")), _rate(latest.get("peers"))

    def rate(value: float) -> str:
        return fmt_decimal(value, digits=1, lang=lang)

    if national is not None and peers is not None:
        against = _(" mod {national} i hele landet og {peers} i sammenlignelige kommuner").format(
            national=rate(national), peers=rate(peers)
        )
    elif national is not None:
        against = _(" mod {national} i hele landet").format(national=rate(national))
    elif peers is not None:
        against = _(" mod {peers} i sammenlignelige kommuner").format(peers=rate(peers))
    else:
        against = ""
    return _(
        "{label} {year}: {rate} pr. 1.000 husstande i {name}{against} ({count} anmeldelser)."
    ).format(
        label=label,
        year=year,
        rate=fmt_decimal(own, digits=1, lang=lang),
        name=name,
        against=against,
        count=fmt_int(count, lang=lang),
    )
