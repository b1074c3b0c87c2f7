"""What every command shares: the operator as an actor, the engine, reading and writing files."""

import argparse
import getpass
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session

from dataio.db.engine import make_engine
from dataio.errors import UnknownMunicipality, ValidationFailed
from dataio.settings import Settings
from models.i18n import DANISH, M_, language_of
from models.permissions import Actor, Role
from models.tables import Municipality, PoliceDistrict


@dataclass(frozen=True)
class Context:
    """What a command runs against: the settings and the engine made from them."""

    settings: Settings
    engine: Engine
    lang: str = DANISH  # what the command prints in: --lang, else BOTRYGT_LANG, else Danish

    @classmethod
    def from_settings(cls, settings: Settings, *, lang: str | None = None) -> "Context":
        return cls(
            settings=settings,
            engine=make_engine(settings.database_url),
            lang=language_of(lang) if lang else settings.language,
        )


# A command is bound to its subparser with set_defaults(run=...); it prints what it has to say,
# and may return an exit status (`botrygt remind`: 1 when some mails failed).
Command = Callable[[argparse.Namespace, Context], int | None]
Commands = argparse._SubParsersAction


# Whoever runs the command line already holds the database's keys: they act as an administrator,
# and the audit trail names the operating-system user.
def cli_actor() -> Actor:
    """The operator at the command line (looked up when used: a uid without a name must not break `status`)."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = "ukendt"
    return Actor(username=f"cli:{name}", role=Role.ADMIN)


def acting_user(engine: Engine, username: str | None) -> Actor:
    """`--as USER`: act as that (active) user of the database, with their role and scope, so the
    command is refused as the page would refuse them; without it, the operator (cli_actor)."""
    if username is None:
        return cli_actor()
    from dataio.store.users import actor_of, find_user

    user = find_user(engine, username=username.strip().lower())
    if user is None or not user.active:
        raise ValidationFailed(M_("Ukendt eller deaktiveret bruger: {username}", username=username))
    return actor_of(user)


def add_as_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as",
        dest="as_user",
        metavar="BRUGER",
        help="handl som denne bruger (med brugerens rolle og adgang); ellers som administrator",
    )


def municipality_names(engine: Engine, code: int | None, what: str) -> tuple[int, str, str]:
    """The municipality's code, name and police district name (the municipality is required)."""
    if code is None:
        raise ValidationFailed(
            M_("{what} kræver --municipality KODE (fx 183 for Ishøj)", what=what)
        )
    with Session(engine) as session:
        municipality = session.get(Municipality, code)
        if municipality is None:
            raise UnknownMunicipality(code)
        district = session.get(PoliceDistrict, municipality.police_district_number)
        return code, municipality.name, district.name if district else ""


def read_input_file(path: str, *, limit: int) -> bytes:
    """A file's bytes (at most limit + 1, so an oversized file is refused without reading it all)."""
    try:
        with Path(path).open("rb") as handle:
            return handle.read(limit + 1)
    except OSError as error:
        raise ValidationFailed(
            M_("Filen {path} kan ikke læses: {error}", path=path, error=error.strerror or error)
        ) from error


def write_output_file(path: str, data: bytes) -> None:
    """Write the bytes, or say why the file cannot be written."""
    try:
        Path(path).write_bytes(data)
    except OSError as error:
        raise ValidationFailed(
            M_("Filen {path} kan ikke skrives: {error}", path=path, error=error.strerror or error)
        ) from error


def add_municipality_option(parser: argparse.ArgumentParser, *, required: bool = False) -> None:
    parser.add_argument(
        "--municipality",
        type=int,
        metavar="KODE",
        required=required,
        help="kommunens DST-kode, fx 183",
    )
