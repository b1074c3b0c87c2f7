"""The `botrygt` command line, a second thin shell beside `pages/`: one module per command group.

Each subcommand is bound to its function with `set_defaults(run=...)`; `main` parses, runs it and
turns a domain error or an unusable database into one line (in the command's language, Danish
unless --lang or BOTRYGT_LANG says otherwise) and exit status 2.
"""

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from sqlalchemy.exc import OperationalError

from cli.common import Commands, Context
from dataio.errors import DomainError
from dataio.settings import Settings
from models.i18n import LANGUAGES, language_of, translate

# Each group's module and its top-level commands. Only the named command's module is imported
# (`botrygt init`, run by every `make run`, need not import the meeting pack and the importers);
# help, or an unknown command, imports them all.
GROUPS = {
    "cli.setup": ("init", "demo"),
    "cli.status": ("status",),
    "cli.report": ("report",),
    "cli.users": ("users",),
    "cli.files": ("import", "export", "fetch"),
    "cli.audit": ("audit",),
    "cli.meetings": ("minutes",),
    "cli.remind": ("remind",),
    "cli.incidents": ("hotspots", "prune"),
    "cli.publish": ("publish",),
}


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="botrygt", description="Bo trygt-dashboardets kommandolinje"
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        help="sprog for det kommandoen skriver (da eller en); ellers BOTRYGT_LANG, ellers dansk",
    )
    commands: Commands = parser.add_subparsers(dest="command", required=True)
    words = list(sys.argv[1:] if argv is None else argv)
    if words[:1] == ["--lang"]:
        words = words[2:]
    elif words and words[0].startswith("--lang="):
        words = words[1:]
    wanted = words[0] if words else None
    owners = [module for module, names in GROUPS.items() if wanted in names] or list(GROUPS)
    for module in owners:
        importlib.import_module(module).register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    args = build_parser(argv).parse_args(argv)
    lang = language_of(args.lang or os.environ.get("BOTRYGT_LANG"))  # as Settings reads it
    try:
        status = args.run(args, Context.from_settings(Settings.from_env(), lang=lang))
    except DomainError as error:
        print(f"botrygt: {error.text(lang)}", file=sys.stderr)
        return 2
    except OperationalError as error:
        unusable = translate(lang, "databasen kan ikke bruges: {error}").format(error=error.orig)
        print(f"botrygt: {unusable}", file=sys.stderr)
        return 2
    return status if isinstance(status, int) else 0  # a command may say 1: partly failed


if __name__ == "__main__":
    sys.exit(main())
