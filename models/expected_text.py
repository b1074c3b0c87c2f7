"""The expected-versus-actual lines in Danish (pure), for the page and the meeting pack."""

from models.expected import STATUS_TEXT, Coefficient, ExpectedStatus
from models.formatting import fmt_decimal, fmt_int
from models.vocabulary import ALERT_RED, GOAL_GREEN, MID_GREY, Colour

COVARIATE_TEXT = {
    "intercept": "Niveau (typisk kommune)",
    "log_households": "Kommunens størrelse (log husstande)",
    "share_15_24": "Andel 15-24 år",
    "share_65_plus": "Andel 65 år og derover",
}

EXPECTED_CAVEAT = (
    "Forventningen bygger på kommunens størrelse og aldersfordeling sammenlignet med de andre "
    "kommuner; det er en sammenligning, ikke bevis for årsag."
)


def expected_sentence(
    *, year: int, actual: int, expected: float, low: float, high: float, status: ExpectedStatus
) -> str:
    """'I 2025: 69 indbrud, forventet 60,5 (95 %-interval 24-116): som forventet.'"""
    return (
        f"I {year}: {fmt_int(actual)} indbrud, forventet {fmt_decimal(expected, digits=1)} "
        f"(95 %-interval {fmt_int(low)}-{fmt_int(high)}): {STATUS_TEXT[status].lower()}."
    )


def ratio_text(ratio: float) -> str:
    """'0,85 gange det forventede'."""
    return f"{fmt_decimal(ratio, digits=2)} gange det forventede"


def coefficient_line(coefficient: Coefficient) -> str:
    """'Andel 65 år og derover: -0,38 (95 %-interval -5,06 til 4,31)'."""
    label = COVARIATE_TEXT.get(coefficient.name, coefficient.name)
    return (
        f"{label}: {fmt_decimal(coefficient.estimate, digits=2)} (95 %-interval "
        f"{fmt_decimal(coefficient.low, digits=2)} til {fmt_decimal(coefficient.high, digits=2)})"
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


def status_badge(status: ExpectedStatus) -> str:
    """'▼ Færre end forventet'."""
    return f"{STATUS_SHAPE[status]} {STATUS_TEXT[status]}"


def rank_line(*, rank: int, total: int) -> str:
    """'Nr. 12 af 98 kommuner efter forholdet mellem faktiske og forventede indbrud (nr. 1 har
    færrest i forhold til det forventede).'"""
    return (
        f"Nr. {fmt_int(rank)} af {fmt_int(total)} kommuner efter forholdet mellem faktiske og "
        "forventede indbrud (nr. 1 har færrest i forhold til det forventede)."
    )


def model_line(*, year: int, municipalities: int, dispersion: float) -> str:
    """'Modellen er tilpasset på 98 kommuners indbrud i 2025 (negativ binomial, ...).'"""
    return (
        f"Modellen er tilpasset på {fmt_int(municipalities)} kommuners indbrud i {year}: en "
        "negativ binomial regression med husstandene som eksponering og kommunens størrelse og "
        "aldersfordeling som forklarende forhold; hver kommunes forventning er tilpasset uden "
        f"kommunen selv. Spredningsparameter {fmt_decimal(dispersion, digits=2)} (0 = Poisson)."
    )


def counts_in_words(*, below: int, as_expected: int, above: int) -> str:
    """'3 kommuner har færre end forventet, 94 som forventet og 1 flere end forventet.'"""
    return (
        f"{fmt_int(below)} {'kommune har' if below == 1 else 'kommuner har'} færre indbrud end "
        f"forventet, {fmt_int(as_expected)} som forventet og {fmt_int(above)} flere end forventet."
    )
