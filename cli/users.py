"""`botrygt users`: add, list, disable and set passwords, as the operator at the command line."""

import argparse
import sys

from cli.common import Commands, Context, cli_actor
from dataio.seed.init import ensure_reference
from dataio.store.users import add_user, set_active, set_password, user_table
from models.i18n import translate


def _read_password() -> str:
    return sys.stdin.readline().rstrip("\r\n")


def add(args: argparse.Namespace, context: Context) -> None:
    ensure_reference(context.engine)
    add_user(
        context.engine,
        actor=cli_actor(),
        username=args.username,
        display_name=args.name or args.username,
        role=args.role,
        password=_read_password(),
        municipality_code=args.municipality,
        police_district_number=args.police_district,
    )
    print(
        translate(context.lang, "Bruger {username} oprettet.").format(
            username=args.username.strip().lower()
        )
    )


def list_users(args: argparse.Namespace, context: Context) -> None:
    ensure_reference(context.engine)
    print(user_table(context.engine).to_string(index=False))


def disable(args: argparse.Namespace, context: Context) -> None:
    ensure_reference(context.engine)
    set_active(context.engine, actor=cli_actor(), username=args.username, active=False)
    print(translate(context.lang, "Bruger {username} deaktiveret.").format(username=args.username))


def new_password(args: argparse.Namespace, context: Context) -> None:
    ensure_reference(context.engine)
    set_password(
        context.engine, actor=cli_actor(), username=args.username, password=_read_password()
    )
    print(translate(context.lang, "Adgangskode for {username} sat.").format(username=args.username))


def register(commands: Commands) -> None:
    users = commands.add_parser("users", help="brugere: opret, vis, deaktivér, sæt adgangskode")
    actions = users.add_subparsers(dest="users_command", required=True)
    parser = actions.add_parser("add", help="opret en bruger")
    parser.add_argument("--username", required=True)
    parser.add_argument("--name", default="", help="visningsnavn (standard: brugernavnet)")
    parser.add_argument(
        "--role", required=True, help="admin, project_leader, police, council eller business"
    )
    scope = parser.add_mutually_exclusive_group()
    scope.add_argument("--municipality", type=int, metavar="KODE")
    scope.add_argument("--police-district", type=int, metavar="NR")
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        required=True,
        help="læs adgangskoden fra standard input",
    )
    parser.set_defaults(run=add)
    actions.add_parser("list", help="vis brugerne").set_defaults(run=list_users)
    parser = actions.add_parser("disable", help="deaktivér en bruger")
    parser.add_argument("username")
    parser.set_defaults(run=disable)
    parser = actions.add_parser("set-password", help="sæt en ny adgangskode")
    parser.add_argument("username")
    parser.add_argument("--password-stdin", action="store_true", required=True)
    parser.set_defaults(run=new_password)
