"""The expected-versus-actual lines (pure), for the page and the meeting pack, in Danish or in the
language asked for (`lang`)."""

from models.expected import Coefficient, ExpectedStatus, status_text
from models.formatting import fmt_decimal, fmt_int
from models.i18n import DANISH, N_, translate, translate_plural, translator
from models.vocabulary import ALERT_RED, GOAL_GREEN, MID_GREY, Colour

COVARIATE_TEXT = {
    "intercept": N_("Niveau (typisk kommune)"),
    "log_households": N_("Kommunens størrelse (log husstande)"),
    "share_15_24": N_("Andel 15-24 år"),
    "share_65_plus": N_("Andel 65 år og derover"),
}

EXPECTED_CAVEAT = N_(
    "Forventningen bygger på kommunens størrelse og aldersfordeling sammenlignet med de andre "
    "kommuner; det er en sammenligning, ikke bevis for årsag."
)


def expected_caveat(*, lang: str = DANISH) -> str:
    """EXPECTED_CAVEAT in `lang`."""
    return translate(lang, EXPECTED_CAVEAT)


def expected_sentence(
    *,
    year: int,
    actual: int,
    expected: float,
    low: float,
    high: float,
    status: ExpectedStatus,
    lang: str = DANISH,
) -> str:
    """'I 2025: 69 indbrud, forventet 60,5 (95 %-interval 24-116): som forventet.'"""
    return translate(
        lang,
        "I {year}: {actual} indbrud, forventet {expected} (95 %-interval {low}-{high}): {status}.",
    ).format(
        year=year,
        actual=fmt_int(actual, lang=lang),
        expected=fmt_decimal(expected, digits=1, lang=lang),
        low=fmt_int(low, lang=lang),
        high=fmt_int(high, lang=lang),
        status=status_text(status, lang=lang).lower(),
    )


def ratio_text(ratio: float, *, lang: str = DANISH) -> str:
    """'0,85 gange det forventede'."""
    return translate(lang, "{ratio} gange det forventede").format(
        ratio=fmt_decimal(ratio, digits=2, lang=lang)
    )


def coefficient_line(coefficient: Coefficient, *, lang: str = DANISH) -> str:
    """'Andel 65 år og derover: -0,38 (95 %-interval -5,06 til 4,31)'."""
    label = COVARIATE_TEXT.get(coefficient.name)
    return translate(lang, "{label}: {estimate} (95 %-interval {low} til {high})").format(
        label=translate(lang, label) if label else coefficient.name,
        estimate=fmt_decimal(coefficient.estimate, digits=2, lang=lang),
        low=fmt_decimal(coefficient.low, digits=2, lang=lang),
        high=fmt_decimal(coefficient.high, digits=2, lang=lang),
    )


# a word and a shape as well as a colour (the shapes of the goal statuses mean other things)
STATUS_SHAPE = {
    ExpectedStatus.BELOW: "▼",
    ExpectedStatus.AS_EXPECTED: "●",
    ExpectedStatus.ABOVE: "▲",
}

# the colour says what the word and the shape say: green fewer, grey as expected, red more
STATUS_COLOUR: dict[ExpectedStatus, Colour] = {
    ExpectedStatus.BELOW: GOAL_GREEN,
    ExpectedStatus.AS_EXPECTED: MID_GREY,
    ExpectedStatus.ABOVE: ALERT_RED,
}


def status_badge(status: ExpectedStatus, *, lang: str = DANISH) -> str:
    """'▼ Færre end forventet'."""
    return f"{STATUS_SHAPE[status]} {status_text(status, lang=lang)}"


def rank_line(*, rank: int, total: int, lang: str = DANISH) -> str:
    """'Nr. 12 af 98 kommuner efter forholdet mellem faktiske og forventede indbrud (nr. 1 har
    færrest i forhold til det forventede).'"""
    return translate(
        lang,
        "Nr. {rank} af {total} kommuner efter forholdet mellem faktiske og forventede indbrud "
        "(nr. 1 har færrest i forhold til det forventede).",
    ).format(rank=fmt_int(rank, lang=lang), total=fmt_int(total, lang=lang))


def model_line(*, year: int, municipalities: int, dispersion: float, lang: str = DANISH) -> str:
    """'Modellen er tilpasset på 98 kommuners indbrud i 2025 (negativ binomial, ...).'"""
    _ = translator(lang)
    return _(
        "Modellen er tilpasset på {municipalities} kommuners indbrud i {year}: en negativ "
        "binomial regression med husstandene som eksponering og kommunens størrelse og "
        "aldersfordeling som forklarende forhold; hver kommunes forventning er tilpasset uden "
        "kommunen selv. Spredningsparameter {dispersion} (0 = Poisson)."
    ).format(
        municipalities=fmt_int(municipalities, lang=lang),
        year=year,
        dispersion=fmt_decimal(dispersion, digits=2, lang=lang),
    )


def counts_in_words(*, below: int, as_expected: int, above: int, lang: str = DANISH) -> str:
    """'3 kommuner har færre end forventet, 94 som forventet og 1 flere end forventet.'"""
    return translate_plural(
        lang,
        "{below} kommune har færre indbrud end forventet, {as_expected} som forventet og "
        "{above} flere end forventet.",
        "{below} kommuner har færre indbrud end forventet, {as_expected} som forventet og "
        "{above} flere end forventet.",
        below,
    ).format(
        below=fmt_int(below, lang=lang),
        as_expected=fmt_int(as_expected, lang=lang),
        above=fmt_int(above, lang=lang),
    )
