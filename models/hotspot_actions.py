"""What a hotspot can lead to (pure): the three proposals the Hotspots page offers for a cell, and
the words of the plan item, activity or walk each one writes. The cell is named by its centre
(never an incident's position) and its grid id."""

from dataclasses import dataclass
from enum import StrEnum

from models.actionplan import ItemStatus, Organisation, Track
from models.formatting import fmt_decimal
from models.neighbour_help import ActivityKind
from models.permissions import Action


class Proposal(StrEnum):
    """The guide's answers to "mange indbrud på kort tid" in one place."""

    POLICE_STATION = "police_station"
    WALK = "walk"
    RECRUITMENT = "recruitment"


PROPOSAL_LABELS = {
    Proposal.POLICE_STATION: "Mobil politistation",
    Proposal.WALK: "Tryghedsvandring",
    Proposal.RECRUITMENT: "Rekruttering til Nabohjælp",
}
# what each proposal writes besides its plan item, and the right that takes
PROPOSAL_ACTIONS = {
    Proposal.POLICE_STATION: Action.EDIT_HELPERS,  # a recruitment activity of that kind
    Proposal.WALK: Action.EDIT_SAFETY_WALKS,  # the walk, with its area at the cell
    Proposal.RECRUITMENT: Action.EDIT_POLICE_ACTION_ITEMS,  # a joint plan item only
}
PROPOSAL_ORGANISATIONS = {
    Proposal.POLICE_STATION: Organisation.POLICE,
    Proposal.WALK: Organisation.JOINT,
    Proposal.RECRUITMENT: Organisation.JOINT,
}
POLICE_STATION_KIND = ActivityKind.MOBIL_POLITISTATION


@dataclass(frozen=True)
class HotspotPlace:
    """A hotspot's cell as the partnership names it: the grid id and its centre."""

    cell: str
    lat: float
    lon: float

    def words(self) -> str:
        """'felt 250m:E700250N6170000 (55,6234° N, 12,2801° Ø)'."""
        return (
            f"felt {self.cell} ({fmt_decimal(self.lat, digits=4)}° N, "
            f"{fmt_decimal(self.lon, digits=4)}° Ø)"
        )


def item_values(proposal: Proposal, place: HotspotPlace, *, note: str = "") -> dict[str, object]:
    """The plan item a proposal adds (its due date is the proposal's day, set by the caller)."""
    label = PROPOSAL_LABELS[proposal]
    titles = {
        Proposal.POLICE_STATION: f"Mobil politistation ved hotspot, {place.words()}",
        Proposal.WALK: f"Tryghedsvandring i hotspot-området, {place.words()}",
        Proposal.RECRUITMENT: f"Rekruttering til Nabohjælp omkring hotspot, {place.words()}",
    }
    goals = {
        Proposal.POLICE_STATION: "burglaries",
        Proposal.WALK: "insecurity",
        Proposal.RECRUITMENT: "helpers",
    }
    return {
        "track": Track.CITIZENS,
        "activity_group": label,
        "title": titles[proposal][:200],
        "organisation": PROPOSAL_ORGANISATIONS[proposal],
        "status": ItemStatus.NOT_STARTED,
        "goal": goals[proposal],
        "notes": ("Foreslået fra Hotspots-siden. " + note).strip(),
    }


def walk_area(place: HotspotPlace) -> str:
    """The area a proposed walk registers."""
    return f"Hotspot-område, {place.words()}"
