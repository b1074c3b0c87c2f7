"""The `botrygt` command line, a second thin shell beside `pages/`: one module per command group.

Each subcommand is bound to its function with `set_defaults(run=...)`; `main` parses, runs it and
turns a domain error or an unusable database into one Danish line and exit status 2.
"""

import argparse
import sys
from collections.abc import Sequence

from sqlalchemy.exc import OperationalError

from cli import audit, files, report, setup, status, users
from cli.common import Context
from dataio.errors import DomainError
from dataio.settings import Settings

GROUPS = (setup, status, report, users, files, audit)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="botrygt", description="Bo trygt-dashboardets kommandolinje"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for group in GROUPS:
        group.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    args = build_parser().parse_args(argv)
    try:
        args.run(args, Context.from_settings(Settings.from_env()))
    except DomainError as error:
        print(f"botrygt: {error}", file=sys.stderr)
        return 2
    except OperationalError as error:
        print(f"botrygt: databasen kan ikke bruges: {error.orig}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
