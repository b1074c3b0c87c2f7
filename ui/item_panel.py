"""The Handlingsplan page's item panel: pick an item, give it an owner (a user of the partnership
or a name), record a check-in, and read its check-ins."""

import pandas as pd
import streamlit as st

from dataio.errors import DomainError
from dataio.tasks.owners import owner_choices, set_owner
from models.actionplan import Organisation
from models.i18n import N_
from models.permissions import Action, Actor, Target, allows
from models.safe_text import for_markdown
from ui import flash, loaders
from ui.check_in_view import check_in_form, history
from ui.i18n import _, error_text
from ui.loaders import TTL_SECONDS

NO_USER = N_("(ingen bruger: skriv et navn)")


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def load_owner_choices(version: int, viewer: Actor, code: int) -> list[tuple[str, str]]:
    """Who may own the municipality's items: (username, display name)."""
    return owner_choices(loaders.engine(), viewer=viewer, municipality_code=code)


def workable_items(items: pd.DataFrame, *, actor: Actor, target: Target) -> pd.DataFrame:
    """The items the actor may give an owner or a check-in: all for the project leader; for the
    police their own and the joint ones, the business association its own, and any item they
    own."""
    if allows(actor, Action.EDIT_ACTION_PLAN, target):
        return items
    mine = items["owner_username"] == actor.username
    police = items["organisation"].isin([Organisation.POLICE, Organisation.JOINT])
    if not allows(actor, Action.EDIT_POLICE_ACTION_ITEMS, target):
        police = police & False
    business = items["organisation"] == Organisation.BUSINESS
    if not allows(actor, Action.EDIT_BUSINESS_ACTION_ITEMS, target):
        business = business & False
    return items[mine | police | business]


def _label(row: pd.Series) -> str:
    owner = (
        f" ({row['owner_name']})"
        if isinstance(row["owner_name"], str) and row["owner_name"]
        else ""
    )
    return f"{row['title']}{owner}"


def item_panel(items: pd.DataFrame, *, actor: Actor, target: Target, version: int) -> None:
    """Pick an item; set its owner; record a check-in; show its history."""
    workable = workable_items(items, actor=actor, target=target)
    if workable.empty:
        return
    st.subheader(_("Ansvarlig og statusopdatering"))
    flash.show("item_panel")
    rows = {int(r["id"]): r for _i, r in workable.iterrows()}
    chosen = st.selectbox(
        _("Aktivitet"), list(rows), format_func=lambda i: _label(rows[i]), key="panel_item"
    )
    row = rows[int(chosen)]
    left, right = st.columns(2)
    with left:
        owner_form(row, actor=actor, code=int(target.municipality_code or 0), version=version)
    with right:
        check_in_form(row, actor=actor, area="item_panel")
    history(int(row["id"]), viewer=actor, version=version)


def _refused(what: str, error: DomainError) -> None:
    st.error(
        _("{what} er ikke gemt: {reason}").format(what=what, reason=for_markdown(error_text(error)))
    )


def owner_form(row: pd.Series, *, actor: Actor, code: int, version: int) -> None:
    """A user of the partnership from the list, or a name for a person without an account."""
    people = dict(load_owner_choices(version, actor, code))
    item_id = int(row["id"])
    current = row["owner_username"] if row["owner_username"] in people else None
    with st.form(f"owner_form_{item_id}", enter_to_submit=False):
        picked = st.selectbox(
            _("Ansvarlig bruger"),
            [None, *people],
            index=0 if current is None else 1 + list(people).index(current),
            format_func=lambda u: _(NO_USER) if u is None else people[u],
            key=f"owner_pick_{item_id}",
        )
        free = st.text_input(
            _("Navn på en ansvarlig uden konto"),
            value="" if current else str(row["owner_name"] or ""),
            key=f"owner_free_{item_id}",
        )
        if st.form_submit_button(_("Gem ansvarlig")):
            try:
                set_owner(
                    loaders.engine(),
                    actor=actor,
                    item_id=item_id,
                    loaded_version=int(row["row_version"]),
                    owner_username=picked,
                    owner_name="" if picked else free,
                )
            except DomainError as error:
                _refused(_("Den ansvarlige"), error)
                return
            who = people[picked] if picked else (free.strip() or _("ingen"))
            flash.done(
                _("Ansvarlig for «{title}» er nu {who}.").format(
                    title=for_markdown(str(row["title"])), who=for_markdown(who)
                ),
                area="item_panel",
            )
