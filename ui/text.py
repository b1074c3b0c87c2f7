"""UI words and colours shared by pages, charts and maps."""

from models.domain import Status

DEMO_LABEL = "Eksempeldata"
DEMO_BANNER = (
    "**Eksempeldata.** Kvartalstallene pr. kommune er genererede eksempler, der summer til de kendte "
    "landstal. De er ikke Danmarks Statistiks tal og må ikke citeres."
)
DEMO_HELPERS_BANNER = (
    "**Eksempeldata.** Nabohjælpertal, rekrutteringsaktiviteter og de opdigtede mål for "
    "partnerskaber uden annonceret mål er genererede eksempler. De må ikke citeres."
)
DEMO_SURVEY_BANNER = (
    "**Eksempeldata.** Tryghedsmålingerne pr. kommune og landstallene efter 2020 er genererede "
    "eksempler med realistiske stikprøvestørrelser. De må ikke citeres."
)
STATUS_COLOURS: dict[str, tuple[int, int, int]] = {
    Status.ON_TRACK: (26, 150, 65),
    Status.NEEDS_ACCELERATION: (235, 160, 0),
    Status.OFF_TRACK: (200, 40, 40),
    Status.INSUFFICIENT_EVIDENCE: (150, 150, 150),
}
STATUS_ICONS: dict[str, str] = {
    Status.ON_TRACK: "🟢",
    Status.NEEDS_ACCELERATION: "🟡",
    Status.OFF_TRACK: "🔴",
    Status.INSUFFICIENT_EVIDENCE: "⚪",
}
QUALITY_LABELS = {
    "official": "Danmarks Statistik",
    "reported": "Danmarks Statistik (citeret)",
    "sum_of_quarters": "Sum af kvartaler",
    "approximate": "Omtrentligt tal",
    "demo": DEMO_LABEL,
}


def hex_colour(status: str) -> str:
    """A status colour as #rrggbb for plotly and HTML."""
    red, green, blue = STATUS_COLOURS[status]
    return f"#{red:02x}{green:02x}{blue:02x}"
