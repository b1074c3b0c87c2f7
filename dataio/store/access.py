"""Who may read what: partnership data is read within the viewer's scope, as it is written.

Every read of a partnership's data in `dataio.store` (action plan, walks and follow-ups,
neighbour-help counts and activities, survey rounds) takes `viewer=` and calls `require_read`
(or filters with `readable`) before it returns anything; public statistics (burglaries, areas,
goals, national series) need no viewer. `tests/dataio/store/test_read_scope.py` calls every such
read with a viewer out of scope and expects a refusal.
"""

from collections.abc import Iterable

import pandas as pd
from sqlmodel import Session

from dataio.db.frames import Connectable
from dataio.errors import NotFound
from models.permissions import Action, Actor, Target, allows, require
from models.tables import Municipality


def municipality_target(session: Session, municipality_code: int) -> tuple[Target, str]:
    """The rule book's target for a municipality (with its police district), and its name."""
    municipality = session.get(Municipality, municipality_code)
    if municipality is None:
        raise NotFound(f"Ukendt kommunekode: {municipality_code}")
    return Target(municipality_code, municipality.police_district_number), municipality.name


def require_read(con: Connectable, *, viewer: Actor, municipality_code: int) -> None:
    """Refuse (PermissionDenied, in Danish) unless the viewer may read the municipality's data."""
    if isinstance(con, Session):
        target, name = municipality_target(con, municipality_code)
    else:
        with Session(con) as session:
            target, name = municipality_target(session, municipality_code)
    require(viewer, Action.VIEW_MUNICIPALITY, target, where=name)


def require_read_all(con: Connectable, *, viewer: Actor, codes: Iterable[int]) -> None:
    """require_read for each municipality."""
    for code in codes:
        require_read(con, viewer=viewer, municipality_code=code)


def readable(frame: pd.DataFrame, *, viewer: Actor) -> pd.DataFrame:
    """The rows (with `code` and `police_district_number`) the viewer may read."""
    if frame.empty:
        return frame
    keep = [
        allows(viewer, Action.VIEW_MUNICIPALITY, Target(int(code), int(number)))
        for code, number in zip(frame["code"], frame["police_district_number"], strict=True)
    ]
    return frame[keep].reset_index(drop=True)
