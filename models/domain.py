"""Domain vocabulary shared by every layer."""

from enum import StrEnum


class Indicator(StrEnum):
    """What a goal measures."""

    BURGLARIES = "burglaries"
    INSECURITY = "insecurity"
    HELPERS = "helpers"


class ScopeKind(StrEnum):
    """Whether a figure or goal is national or for one municipality."""

    NATIONAL = "national"
    MUNICIPALITY = "municipality"


class Status(StrEnum):
    """Progress classification, the same on every page, report and the CLI."""

    ON_TRACK = "on_track"
    NEEDS_ACCELERATION = "needs_acceleration"
    OFF_TRACK = "off_track"
    INSUFFICIENT_EVIDENCE = "insufficient_evidence"


class Quality(StrEnum):
    """How sure a national annual figure is."""

    OFFICIAL = "official"  # Statistikbanken STRAF22, imported
    REPORTED = "reported"  # quoted from Danmarks Statistik in the press
    SUM_OF_QUARTERS = "sum_of_quarters"
    APPROXIMATE = "approximate"
    DEMO = "demo"  # generated example data


class SourceKind(StrEnum):
    """Where a batch of data came from."""

    REFERENCE = "reference"
    DEMO = "demo"
    FILE = "file"
    API = "api"


INDICATOR_LABELS = {
    Indicator.BURGLARIES: "indbrud",
    Indicator.INSECURITY: "utryghed",
    Indicator.HELPERS: "nabohjælpere",
}
