"""Is a typed count plausible against the last one? A typing slip ("1.450" read as 1) must be
confirmed before it is saved, not found at the next meeting."""

from dataclasses import dataclass

from models.formatting import fmt_int

LOW_SHARE = 0.5  # below half the previous count
HIGH_FACTOR = 2.0  # above double the previous count


@dataclass(frozen=True)
class Doubt:
    """A new value to confirm: the previous and the new one, and the Danish question."""

    previous: int
    new: int
    question: str


def count_doubt(*, previous: int | None, new: int, what: str = "nabohjælpere") -> Doubt | None:
    """A Doubt when `new` is below half or above double `previous` (None: plausible, or nothing
    to compare with: no previous count, or a previous count of 0)."""
    if previous is None or previous <= 0:
        return None
    if LOW_SHARE * previous <= new <= HIGH_FACTOR * previous:
        return None
    direction = "under halvdelen af" if new < previous else "over det dobbelte af"
    return Doubt(
        previous=previous,
        new=new,
        question=(
            f"Er du sikker? Det nye tal, {fmt_int(new)} {what}, er {direction} det seneste, "
            f"{fmt_int(previous)}."
        ),
    )
