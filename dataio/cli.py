"""The `botrygt` command line: init, demo, status."""

import argparse
import json
import sys
from collections.abc import Sequence

from sqlalchemy.exc import OperationalError

from dataio.db import make_engine
from dataio.errors import DomainError
from dataio.settings import Settings
from dataio.setup import initialise, regenerate_demo
from dataio.status import municipality_overview, national_overview
from dataio.status_output import status_document, status_text


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
    return parser


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Carry out one parsed command; return the exit status."""
    engine = make_engine(settings.database_url)
    if args.command == "init":
        report = initialise(engine, demo=args.demo_if_empty)
        print(
            "Databasen er klar"
            + (f"; {report.demo_rows} rækker eksempeldata tilføjet." if report.demo_rows else ".")
        )
    elif args.command == "demo":
        initialise(engine, demo=False)
        print(f"Eksempeldata dannet: {regenerate_demo(engine)} kvartalstal.")
    elif args.command == "status":
        overview = (
            national_overview(engine)
            if args.national
            else municipality_overview(engine, code=args.municipality)
        )
        print(
            json.dumps(status_document(overview), ensure_ascii=False)
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
