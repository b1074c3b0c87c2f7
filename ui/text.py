"""UI words: the demo banners, and a status as Streamlit markdown (the words, colours and shapes
themselves are `models.vocabulary`'s, shared with the meeting pack and the CLI)."""

from models.i18n import DANISH, N_
from models.vocabulary import (
    EFFECT_COLOURS,
    EFFECT_SHAPES,
    effect_label,
    status_colour,
    status_label,
    status_shape,
)

DEMO_BANNER = N_(
    "**Eksempeldata.** Kvartalstallene pr. kommune er genererede eksempler, der summer til de kendte "
    "landstal. De er ikke Danmarks Statistiks tal og må ikke citeres."
)
DEMO_HELPERS_BANNER = N_(
    "**Eksempeldata.** Nabohjælpertal, rekrutteringsaktiviteter og de opdigtede mål for "
    "partnerskaber uden annonceret mål er genererede eksempler. De må ikke citeres."
)
DEMO_INCIDENTS_BANNER = N_(
    "**Eksempeldata.** Indbruddene og deres hotspot er et genereret eksempel på politiets udtræk, "
    "ikke politiets tal. De må ikke citeres."
)
DEMO_BUSINESS_BANNER = N_(
    "**Eksempeldata.** Erhvervsgrupperne med kontakten «Eksempeldata: …», deres aktiviteter og "
    "tal er genererede eksempler, ikke erhvervsforeningens. De må ikke citeres."
)
DEMO_SURVEY_BANNER = N_(
    "**Eksempeldata.** Tryghedsmålingerne pr. kommune og landstallene efter 2020 er genererede "
    "eksempler med realistiske stikprøvestørrelser. De må ikke citeres."
)


def status_badge(status: str | None, label: str | None = None, *, lang: str = DANISH) -> str:
    """A status as markdown: its shape in its colour, then its word ('● På rette vej'), so it
    reads without colour too. `label` replaces the word (e.g. "Ingen data endnu")."""
    word = status_label(status, lang=lang) if label is None else label
    return f':color[{status_shape(status)}]{{foreground="{status_colour(status).hex}"}} {word}'


def effect_badge(status: str, *, lang: str = DANISH) -> str:
    """The effect's verdict as markdown: its shape in its colour, then its word
    ('▼ Faldet mere end sammenlignelige'), so it reads without colour too."""
    colour = EFFECT_COLOURS[status].hex
    word = effect_label(status, lang=lang)
    return f':color[{EFFECT_SHAPES[status]}]{{foreground="{colour}"}} {word}'
