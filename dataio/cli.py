"""The `botrygt` command line: init, demo, status, users, import, export."""

import argparse
import getpass
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from dataio.actionplan import plan_summary
from dataio.db import make_engine
from dataio.demo_users import demo_users_text
from dataio.dst import DstTable
from dataio.dst_import import import_dst
from dataio.errors import DomainError, UnknownMunicipality, ValidationFailed
from dataio.excel_plan import MAX_BYTES, export_plan, import_plan
from dataio.goal_status import other_goals
from dataio.helper_import import import_helpers
from dataio.settings import Settings
from dataio.setup import ensure_reference, initialise, regenerate_demo
from dataio.statbank import REQUESTS, fetch_dst
from dataio.status import municipality_overview, national_overview
from dataio.status_output import status_document, status_text
from dataio.survey_import import import_survey
from dataio.tabular import MAX_BYTES as TABLE_MAX_BYTES
from dataio.users import add_user, set_active, set_password, user_table
from models.permissions import Actor, Role
from models.tables import Municipality, PoliceDistrict


# Whoever runs the command line already holds the database's keys: they act as an administrator,
# and the audit trail names the operating-system user.
def cli_actor() -> Actor:
    """The operator at the command line (looked up when used: a uid without a name must not break `status`)."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = "ukendt"
    return Actor(username=f"cli:{name}", role=Role.ADMIN)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="botrygt", description="Bo trygt-dashboardets kommandolinje"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    init = commands.add_parser(
        "init", help="opret eller opgradér databasen og indlæs referencedata"
    )
    init.add_argument(
        "--demo-if-empty",
        action="store_true",
        help="fyld eksempeldata i, hvis der ingen indbrudstal er",
    )
    commands.add_parser("demo", help="dan eksempeldata på ny (importerede tal bevares)")
    status = commands.add_parser("status", help="status for indbrud mod målet")
    scope = status.add_mutually_exclusive_group(required=True)
    scope.add_argument("--national", action="store_true", help="hele landet")
    scope.add_argument(
        "--municipality", type=int, metavar="KODE", help="kommunens DST-kode, fx 183"
    )
    status.add_argument("--json", action="store_true", help="udskriv ét JSON-objekt")
    _add_user_commands(commands)
    _add_file_commands(commands)
    _add_fetch_command(commands)
    return parser


def _add_user_commands(commands: argparse._SubParsersAction) -> None:
    users = commands.add_parser("users", help="brugere: opret, vis, deaktivér, sæt adgangskode")
    actions = users.add_subparsers(dest="users_command", required=True)
    add = actions.add_parser("add", help="opret en bruger")
    add.add_argument("--username", required=True)
    add.add_argument("--name", default="", help="visningsnavn (standard: brugernavnet)")
    add.add_argument("--role", required=True, help="admin, project_leader, police eller council")
    scope = add.add_mutually_exclusive_group()
    scope.add_argument("--municipality", type=int, metavar="KODE")
    scope.add_argument("--police-district", type=int, metavar="NR")
    add.add_argument(
        "--password-stdin",
        action="store_true",
        required=True,
        help="læs adgangskoden fra standard input",
    )
    actions.add_parser("list", help="vis brugerne")
    disable = actions.add_parser("disable", help="deaktivér en bruger")
    disable.add_argument("username")
    password = actions.add_parser("set-password", help="sæt en ny adgangskode")
    password.add_argument("username")
    password.add_argument("--password-stdin", action="store_true", required=True)


def _add_fetch_command(commands: argparse._SubParsersAction) -> None:
    fetch = commands.add_parser("fetch", help="hent nye tal fra Statistikbankens API")
    fetch.add_argument("source", choices=["dst"], help="kilden")
    fetch.add_argument(
        "--since", type=int, default=2007, metavar="ÅR", help="fra og med dette år (standard 2007)"
    )
    fetch.add_argument(
        "--table",
        action="append",
        choices=[t.value for t in REQUESTS],
        help="kun denne tabel (kan gentages)",
    )


def _add_file_commands(commands: argparse._SubParsersAction) -> None:
    importer = commands.add_parser("import", help="indlæs data fra en fil")
    importer.add_argument("what", choices=sorted(IMPORTERS), help="hvad filen indeholder")
    importer.add_argument("file", help="filen, der skal indlæses")
    importer.add_argument(
        "--table",
        choices=[t.value for t in DstTable],
        help="(dst) tabellen; ellers genkendes den ud fra indholdet",
    )
    importer.add_argument(
        "--municipality", type=int, metavar="KODE", help="kommunens DST-kode, fx 183"
    )
    exporter = commands.add_parser("export", help="skriv data til en fil")
    exporter.add_argument("what", choices=sorted(EXPORTERS), help="hvad der skal skrives")
    exporter.add_argument(
        "--municipality", type=int, metavar="KODE", help="kommunens DST-kode, fx 183"
    )
    exporter.add_argument("-o", "--output", required=True, metavar="FIL", help="filen, der skrives")


def _municipality_names(engine: Engine, code: int | None, what: str) -> tuple[int, str, str]:
    """The municipality's code, name and police district name (--municipality is required)."""
    if code is None:
        raise ValidationFailed(f"{what} kræver --municipality KODE (fx 183 for Ishøj)")
    with Session(engine) as session:
        municipality = session.get(Municipality, code)
        if municipality is None:
            raise UnknownMunicipality(code)
        district = session.get(PoliceDistrict, municipality.police_district_number)
        return code, municipality.name, district.name if district else ""


DST_MAX_BYTES = 100_000_000


def read_input_file(path: str, *, limit: int) -> bytes:
    """A file's bytes (at most limit + 1, so an oversized file is refused without reading it all)."""
    try:
        with Path(path).open("rb") as handle:
            return handle.read(limit + 1)
    except OSError as error:
        raise ValidationFailed(f"Filen {path} kan ikke læses: {error.strerror or error}") from error


def _import_action_plan(args: argparse.Namespace, engine: Engine) -> str:
    ensure_reference(engine)
    code, name, _ = _municipality_names(engine, args.municipality, "import action-plan")
    data = read_input_file(args.file, limit=MAX_BYTES)
    count = import_plan(engine, actor=cli_actor(), municipality_code=code, data=data)
    return f"Handlingsplanen for {name} er erstattet med {count} aktiviteter fra {args.file}."


def _export_action_plan(args: argparse.Namespace, engine: Engine) -> str:
    code, name, district = _municipality_names(engine, args.municipality, "export action-plan")
    data = export_plan(
        engine, municipality_code=code, municipality_name=name, police_district_name=district
    )
    try:
        Path(args.output).write_bytes(data)
    except OSError as error:
        raise ValidationFailed(
            f"Filen {args.output} kan ikke skrives: {error.strerror or error}"
        ) from error
    return f"Handlingsplanen for {name} er skrevet til {args.output}."


# `botrygt import WHAT FILE` and `botrygt export WHAT -o FILE`: one function per kind of file,
# given the parsed arguments and the engine, returning the Danish success line.
def _import_dst(args: argparse.Namespace, engine: Engine) -> str:
    ensure_reference(engine)
    data = read_input_file(args.file, limit=DST_MAX_BYTES)
    report = import_dst(
        engine, actor=cli_actor(), data=data, file_name=Path(args.file).name, table=args.table
    )
    return f"Indlæst {report.text()}."


def _import_helpers(args: argparse.Namespace, engine: Engine) -> str:
    ensure_reference(engine)
    data = read_input_file(args.file, limit=TABLE_MAX_BYTES)
    report = import_helpers(engine, actor=cli_actor(), data=data, file_name=Path(args.file).name)
    return f"Indlæst {report.text()}."


def _import_survey(args: argparse.Namespace, engine: Engine) -> str:
    ensure_reference(engine)
    data = read_input_file(args.file, limit=TABLE_MAX_BYTES)
    report = import_survey(engine, actor=cli_actor(), data=data, file_name=Path(args.file).name)
    return f"Indlæst {report.text()}."


IMPORTERS: dict[str, Callable[[argparse.Namespace, Engine], str]] = {
    "action-plan": _import_action_plan,
    "dst": _import_dst,
    "helpers": _import_helpers,
    "survey": _import_survey,
}
EXPORTERS: dict[str, Callable[[argparse.Namespace, Engine], str]] = {
    "action-plan": _export_action_plan,
}


def _read_password() -> str:
    return sys.stdin.readline().rstrip("\r\n")


def run_users(args: argparse.Namespace, engine: Engine) -> None:
    """The `botrygt users ...` commands, acting as the operator at the command line."""
    ensure_reference(engine)
    if args.users_command == "add":
        add_user(
            engine,
            actor=cli_actor(),
            username=args.username,
            display_name=args.name or args.username,
            role=args.role,
            password=_read_password(),
            municipality_code=args.municipality,
            police_district_number=args.police_district,
        )
        print(f"Bruger {args.username.strip().lower()} oprettet.")
    elif args.users_command == "list":
        print(user_table(engine).to_string(index=False))
    elif args.users_command == "disable":
        set_active(engine, actor=cli_actor(), username=args.username, active=False)
        print(f"Bruger {args.username} deaktiveret.")
    elif args.users_command == "set-password":
        set_password(engine, actor=cli_actor(), username=args.username, password=_read_password())
        print(f"Adgangskode for {args.username} sat.")


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Carry out one parsed command; return the exit status."""
    engine = make_engine(settings.database_url)
    if args.command == "init":
        report = initialise(engine, demo=args.demo_if_empty and settings.demo_mode)
        print(
            "Databasen er klar"
            + (
                f"; {report.demo_rows + report.demo_other_rows} rækker eksempeldata tilføjet."
                if report.demo_rows or report.demo_other_rows
                else "."
            )
        )
        if settings.demo_mode and args.demo_if_empty:
            print(demo_users_text())
    elif args.command == "demo":
        initialise(engine, demo=False)
        print(f"Eksempeldata dannet: {regenerate_demo(engine)} kvartalstal.")
    elif args.command == "users":
        run_users(args, engine)
    elif args.command == "import":
        print(IMPORTERS[args.what](args, engine))
    elif args.command == "export":
        print(EXPORTERS[args.what](args, engine))
    elif args.command == "fetch":
        ensure_reference(engine)
        tables = [DstTable(t) for t in (args.table or [t.value for t in REQUESTS])]
        for result in fetch_dst(engine, actor=cli_actor(), tables=tables, since=args.since):
            print(result.text())
    elif args.command == "status":
        overview = (
            national_overview(engine)
            if args.national
            else municipality_overview(engine, code=args.municipality)
        )
        plan = (
            None
            if args.national
            else plan_summary(engine, municipality_code=args.municipality, today=date.today())
        )
        print(
            json.dumps(
                status_document(
                    overview,
                    action_plan=plan,
                    **other_goals(engine, code=None if args.national else args.municipality),
                ),
                ensure_ascii=False,
            )
            if args.json
            else status_text(overview)
        )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    args = _parser().parse_args(argv)
    try:
        return run(args, Settings.from_env())
    except DomainError as error:
        print(f"botrygt: {error}", file=sys.stderr)
        return 2
    except OperationalError as error:
        print(f"botrygt: databasen kan ikke bruges: {error.orig}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
