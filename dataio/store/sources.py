"""Provenance: the recorded batches of data (shipped, imported, fetched, demo)."""

import pandas as pd
from sqlalchemy import String, cast, select
from sqlmodel import col

from dataio.db.audit import IMPORT_ACTIONS, visible_to
from dataio.db.frames import Connectable, read_frame
from models.domain import SourceKind
from models.i18n import DANISH, N_, translate
from models.permissions import Actor
from models.tables import (
    AuditEntry,
    BurglaryQuarter,
    DataSource,
)


def source_table(con: Connectable, *, viewer: Actor) -> pd.DataFrame:
    """The recorded batches of data the viewer may see, newest first: shipped reference and demo
    data for everyone; an import (file or API) for those who may read its audit row, that is the
    municipalities it touched and their police districts (scoped like the change log)."""
    statement = select(DataSource).order_by(col(DataSource.loaded_at).desc())
    visible = visible_to(viewer)
    if visible is not None:
        imported = select(col(AuditEntry.id)).where(
            col(AuditEntry.action).in_(IMPORT_ACTIONS),
            col(AuditEntry.entity_key) == cast(col(DataSource.id), String),
            visible,
        )
        shipped = col(DataSource.kind).not_in([SourceKind.FILE, SourceKind.API])
        statement = statement.where(shipped | imported.exists())
    return read_frame(con, statement)


def sources_of_burglaries(con: Connectable, *, code: int | None) -> pd.DataFrame:
    """The data sources behind a municipality's (or all) quarterly counts."""
    used = select(col(BurglaryQuarter.source_id)).distinct()
    if code is not None:
        used = used.where(col(BurglaryQuarter.municipality_code) == code)
    statement = select(
        col(DataSource.id), col(DataSource.name), col(DataSource.as_of), col(DataSource.is_demo)
    ).where(col(DataSource.id).in_(used))
    return read_frame(con, statement)


def source_by_dataset(con: Connectable, *, dataset: str) -> pd.DataFrame:
    """The newest data_source row for a shipped or imported dataset."""
    statement = (
        select(
            col(DataSource.id), col(DataSource.name), col(DataSource.as_of), col(DataSource.is_demo)
        )
        .where(col(DataSource.dataset) == dataset)
        .order_by(col(DataSource.loaded_at).desc())
        .limit(1)
    )
    return read_frame(con, statement)


# The shipped sources' names (seed data, not a partnership's): "Eksempeldata: tryghedsmålinger".
# Marked here so that their words can be shown in the reader's language; an imported file's
# source name is shown as it is.
_SHIPPED_PREFIXES = {
    "Eksempeldata: ": N_("Eksempeldata: {what}"),
    "Referencedata: ": N_("Referencedata: {what}"),
}
SHIPPED_SOURCE_WORDS = (
    N_("Eksempeldata (botrygt demo)"),
    N_("nabohjælpere"),
    N_("tryghedsmålinger"),
    N_("landstal for utryghed"),
    N_("politiets hændelser (Ishøj)"),
    N_("landstal for indbrud i beboelser (Danmarks Statistik via presse og Bo trygt)"),
    N_("tilnærmede husstande (afrundet befolkning / 2,13)"),
    N_("landstal for utryghed (TrygFonden og Justitsministeriet, som citeret)"),
)


def source_label(name: str, *, lang: str = DANISH) -> str:
    """A source's name as shown in `lang`: a shipped source's marked words translated
    ("Eksempeldata: tryghedsmålinger" -> "Example data: surveys"), any other name as it is."""
    if not name:
        return name
    for prefix, template in _SHIPPED_PREFIXES.items():
        if name.startswith(prefix):
            what = name.removeprefix(prefix)
            return translate(lang, template).format(what=translate(lang, what) if what else what)
    return translate(lang, name)
