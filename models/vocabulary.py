"""The dashboard's words, colours and shapes: one copy for the pages, the meeting pack and the CLI.

Pure data and pure functions. `ui/` draws them with Streamlit, plotly and pydeck,
`dataio/meeting_pack/` with fpdf2 and matplotlib, and `botrygt status` prints them; none of them
keeps a copy of its own. A status is never told by colour alone: every status has a word and a
shape as well, and the shapes are plain geometric characters (no emoji) that DejaVu Sans, the
meeting pack's font, and the browsers' fonts draw.
"""

from typing import NamedTuple

from models.actionplan import ItemStatus
from models.domain import Quality, Status
from models.effect import EffectStatus
from models.i18n import DANISH, N_, translate


class Colour(NamedTuple):
    """An sRGB colour. A tuple, so fpdf2 (`*colour`) and pydeck (`[*colour, alpha]`) take it as is."""

    red: int
    green: int
    blue: int

    @property
    def hex(self) -> str:
        """'#rrggbb', for plotly, matplotlib and CSS."""
        return f"#{self.red:02x}{self.green:02x}{self.blue:02x}"

    def rgba(self, alpha: float) -> str:
        """CSS 'rgba(r,g,b,a)', for plotly fills: Colour(230, 120, 20).rgba(0.15) -> 'rgba(230,120,20,0.15)'."""
        return f"rgba({self.red},{self.green},{self.blue},{alpha:g})"


# -- Chart colours ----------------------------------------------------------------------------

SERIES_BLUE = Colour(31, 95, 139)  # a measured series, official figures, the report's headings
MID_BLUE = Colour(74, 127, 168)  # sums of quarters
PALE_BLUE = Colour(157, 187, 211)  # approximate figures, the comparison bars
GOAL_GREEN = Colour(26, 150, 65)  # the target, the required path
PROJECTION_ORANGE = Colour(230, 120, 20)  # the projection and provisional figures
DEMO_ORANGE = PROJECTION_ORANGE  # the "EKSEMPELDATA" band and marks
LIGHT_GREY = Colour(181, 181, 181)  # demo series, items not started
MID_GREY = Colour(127, 127, 127)  # a demo series drawn with error bars
ALERT_RED = Colour(200, 40, 40)  # off track, today's line in the plan
BREAK_GREY = Colour(102, 102, 102)  # the 2018 law change
PERIOD_GREY = Colour(136, 136, 136)  # shaded periods (COVID-19)
BAND_ALPHA = 0.15  # the projection band's fill over PROJECTION_ORANGE

DEMO_LABEL = N_("Eksempeldata")
QUALITY_LABELS: dict[str, str] = {
    Quality.OFFICIAL: N_("Danmarks Statistik"),
    Quality.REPORTED: N_("Danmarks Statistik (citeret)"),
    Quality.SUM_OF_QUARTERS: N_("Sum af kvartaler"),
    Quality.APPROXIMATE: N_("Omtrentligt tal"),
    Quality.DEMO: DEMO_LABEL,
}
QUALITY_COLOURS: dict[str, Colour] = {
    Quality.OFFICIAL: SERIES_BLUE,
    Quality.REPORTED: SERIES_BLUE,
    Quality.SUM_OF_QUARTERS: MID_BLUE,
    Quality.APPROXIMATE: PALE_BLUE,
    Quality.DEMO: LIGHT_GREY,
}


def quality_label(quality: str, *, lang: str = DANISH) -> str:
    """The name of a figure's quality in the language (an unknown code as it is)."""
    return translate(lang, QUALITY_LABELS[quality]) if quality in QUALITY_LABELS else quality


def quality_colour(quality: str) -> Colour:
    """The bar or marker colour of a figure's quality (official blue for an unknown code)."""
    return QUALITY_COLOURS.get(quality, SERIES_BLUE)


# The legend's words, the same on the pages and in the meeting pack
# (Danish; marked for translation, shown as `translate(lang, LABEL)` where a page has a language)
LINEAR_PATH_LABEL = N_("Krævet forløb (lige linje)")
CONSTANT_RATE_PATH_LABEL = N_("Krævet forløb (fast procentvis fald)")
TARGET_LABEL = N_("Mål")
BAND_LABEL = N_("Fremskrivning, 95 %-interval")
TREND_LABEL = N_("Fremskrivning (nuværende tendens)")
PROVISIONAL_LABEL = N_("foreløbigt")

ITEM_STATUS_COLOURS: dict[str, Colour] = {
    ItemStatus.NOT_STARTED: LIGHT_GREY,
    ItemStatus.IN_PROGRESS: SERIES_BLUE,
    ItemStatus.DONE: GOAL_GREEN,
    ItemStatus.POSTPONED: Colour(230, 160, 20),
    ItemStatus.CANCELLED: Colour(122, 122, 122),
}

# -- Goal status ------------------------------------------------------------------------------

STATUS_LABELS: dict[str, str] = {
    Status.ON_TRACK: N_("På rette vej"),
    Status.NEEDS_ACCELERATION: N_("Kræver ekstra indsats"),
    Status.OFF_TRACK: N_("Ikke på rette vej"),
    Status.INSUFFICIENT_EVIDENCE: N_("Utilstrækkeligt grundlag"),
}
STATUS_COLOURS: dict[str, Colour] = {
    Status.ON_TRACK: GOAL_GREEN,
    Status.NEEDS_ACCELERATION: Colour(235, 160, 0),
    Status.OFF_TRACK: ALERT_RED,
    Status.INSUFFICIENT_EVIDENCE: Colour(150, 150, 150),
}
STATUS_SHAPES: dict[str, str] = {
    Status.ON_TRACK: "●",  # U+25CF black circle
    Status.NEEDS_ACCELERATION: "▲",  # U+25B2 black up-pointing triangle
    Status.OFF_TRACK: "■",  # U+25A0 black square
    Status.INSUFFICIENT_EVIDENCE: "◆",  # U+25C6 black diamond
}
NO_DATA_LABEL = N_("Ingen data endnu")
# The action plan's warnings (the Advarsel column): a shape and a word, like a status, no emoji
# (an emoji is an empty box on a machine without an emoji font, and says nothing without colour)
OVERDUE_WORD = N_("Forsinket")
STALE_WORD = N_("Ikke rørt i 90 dage")
OVERDUE_FLAG = f"{STATUS_SHAPES[Status.OFF_TRACK]} {OVERDUE_WORD}"
STALE_FLAG = f"{STATUS_SHAPES[Status.NEEDS_ACCELERATION]} {STALE_WORD}"


def flag_text(flag: str, *, lang: str = DANISH) -> str:
    """A plan item's warning (OVERDUE_FLAG, STALE_FLAG, or several joined by ', ') in the
    language: '■ Forsinket' -> '■ Overdue'. Anything else is returned as it is."""
    words = {OVERDUE_FLAG: OVERDUE_WORD, STALE_FLAG: STALE_WORD}
    parts = [
        f"{part.split(' ', 1)[0]} {translate(lang, words[part])}" if part in words else part
        for part in flag.split(", ")
    ]
    return ", ".join(parts)


def status_rules(lang: str = DANISH) -> tuple[str, ...]:
    """How a status is decided (models.trends.classify), for anyone who asks in the meeting."""

    def label(status: Status) -> str:
        return translate(lang, STATUS_LABELS[status])

    return (
        translate(
            lang,
            "Når målåret er nået, afgør det seneste års tal (med statistisk usikkerhed) status.",
        ),
        translate(lang, "Under tre brugbare år: {status}.").format(
            status=label(Status.INSUFFICIENT_EVIDENCE).lower()
        ),
        translate(
            lang,
            "En kommunes egen tendens trækkes mod landstendensen (alle kommuners fælles tendens) "
            "i forhold til, hvor usikker den egne tendens er: en lille kommunes usikre tendens "
            "trækkes meget, en stor kommunes sikre tendens næsten ikke. Usikkerheden om begge "
            "tæller med i intervallet.",
        ),
        translate(
            lang, "{status}: selv den pessimistiske ende af fremskrivningen når målet."
        ).format(status=label(Status.ON_TRACK)),
        translate(
            lang, "{status}: tallet falder klart, men ikke hurtigt nok til at nå målet."
        ).format(status=label(Status.NEEDS_ACCELERATION)),
        translate(
            lang, "{status}: selv den optimistiske ende af fremskrivningen misser målet."
        ).format(status=label(Status.OFF_TRACK)),
        translate(lang, "{status}: usikkerheden dækker både at nå og at misse målet.").format(
            status=label(Status.INSUFFICIENT_EVIDENCE)
        ),
    )


# How a status is decided, in Danish (the meeting pack and the pages not yet translated)
STATUS_RULES: tuple[str, ...] = status_rules(DANISH)


def _status(status: str | None) -> Status:
    """A status value as the enum; None (no data, no goal) counts as insufficient evidence."""
    return Status.INSUFFICIENT_EVIDENCE if status is None else Status(status)


def status_label(status: str | None, *, lang: str = DANISH) -> str:
    """The word for a status: 'on_track' -> 'På rette vej' (English 'On track'; None:
    insufficient evidence)."""
    return translate(lang, STATUS_LABELS[_status(status)])


def status_colour(status: str | None) -> Colour:
    """A status's colour (None, no data: the colour of insufficient evidence)."""
    return STATUS_COLOURS[_status(status)]


def status_shape(status: str | None) -> str:
    """A status's shape (None, no data: the shape of insufficient evidence)."""
    return STATUS_SHAPES[_status(status)]


def status_mark(status: str | None, label: str | None = None, *, lang: str = DANISH) -> str:
    """Shape and word, readable without colour: '● På rette vej' (English '● On track').
    `label` replaces the word (e.g. NO_DATA_LABEL, shown in `lang` when it is marked); the shape
    stays the status's."""
    word = status_label(status, lang=lang) if label is None else translate(lang, label)
    return f"{status_shape(status)} {word}"


# A municipality on the helper map without a helper goal: its own word, shape and colour, not
# "insufficient evidence"'s
NO_GOAL_LABEL = N_("Intet mål")
NO_GOAL_SHAPE = "○"  # U+25CB white circle
NO_GOAL_COLOUR = Colour(222, 222, 222)


# -- "Virker partnerskabet?" (models.effect) ---------------------------------------------------
# The words are EffectStatus's own values; the shapes say the direction without colour.
EFFECT_SHAPES: dict[str, str] = {
    EffectStatus.FELL: "▼",  # U+25BC black down-pointing triangle: fewer burglaries
    EffectStatus.SAME: "●",  # U+25CF black circle
    EffectStatus.ROSE: "▲",  # U+25B2 black up-pointing triangle: more burglaries
    EffectStatus.WEAK: "◆",  # U+25C6 black diamond
    EffectStatus.TOO_EARLY: "○",  # U+25CB white circle
}
EFFECT_COLOURS: dict[str, Colour] = {
    EffectStatus.FELL: GOAL_GREEN,
    EffectStatus.SAME: SERIES_BLUE,
    EffectStatus.ROSE: ALERT_RED,
    EffectStatus.WEAK: Colour(235, 160, 0),
    EffectStatus.TOO_EARLY: Colour(150, 150, 150),
}
ACTUAL_LABEL = N_("Faktiske indbrud")
COUNTERFACTUAL_LABEL = N_("Sammenligning: vægtede kommuner uden partnerskab")
PARTNERSHIP_START_LABEL = N_("Partnerskabet starter")
# the placebo band after the start: where the rate would lie with no effect (models.effect)
NO_EFFECT_BAND_LABEL = N_("Uden virkning (95 %-placebobånd)")
# EffectStatus's values (models.effect), marked here so that the verdict can be shown in English
_EFFECT_WORDS = (
    N_("faldet mere end sammenlignelige"),
    N_("som sammenlignelige"),
    N_("steget mere end sammenlignelige"),
    N_("svag sammenligning"),
    N_("for tidligt at sige"),
)


def effect_label(status: str, *, lang: str = DANISH) -> str:
    """The verdict as a heading: 'faldet mere end sammenlignelige' -> 'Faldet mere end ...'."""
    word = translate(lang, EffectStatus(status).value)
    return word[:1].upper() + word[1:]


def effect_mark(status: str, *, lang: str = DANISH) -> str:
    """Shape and word, readable without colour: '▼ Faldet mere end sammenlignelige'."""
    return f"{EFFECT_SHAPES[EffectStatus(status)]} {effect_label(status, lang=lang)}"


# -- Actions on the Kommune page's quarter chart (models.overlay) -------------------------------
# A shape and a colour per kind, so each reads without colour too; none of them a status colour.
ACTION_SYMBOLS: dict[str, str] = {
    "plan_done": "star",
    "walk": "triangle-up",
    "police_station": "diamond",
    "recruitment": "square",
}
ACTION_COLOURS: dict[str, Colour] = {
    "plan_done": Colour(26, 110, 60),
    "walk": Colour(118, 72, 160),
    "police_station": Colour(20, 60, 120),
    "recruitment": Colour(190, 90, 30),
}
