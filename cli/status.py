"""`botrygt status`: the three goals and the action plan of a scope, as JSON or a table (in the
command's language where dataio.status_document.status_text takes one)."""

import argparse
import json
from datetime import date

from cli.common import Commands, Context, cli_actor
from dataio.status_document import scope_status_document, status_text
from dataio.store.burglaries import municipality_overview, national_overview
from models.reminders import in_language


def status(args: argparse.Namespace, context: Context) -> None:
    code = None if args.national else args.municipality
    if args.json:
        document = scope_status_document(
            context.engine, viewer=cli_actor(), code=code, today=date.today()
        )
        print(json.dumps(document, ensure_ascii=False))
        return
    overview = (
        national_overview(context.engine)
        if code is None
        else municipality_overview(context.engine, code=code)
    )
    print(in_language(status_text, overview, lang=context.lang))


def register(commands: Commands) -> None:
    parser = commands.add_parser("status", help="status for målene i en kommune eller hele landet")
    scope = parser.add_mutually_exclusive_group(required=True)
    scope.add_argument("--national", action="store_true", help="hele landet")
    scope.add_argument(
        "--municipality", type=int, metavar="KODE", help="kommunens DST-kode, fx 183"
    )
    parser.add_argument("--json", action="store_true", help="udskriv ét JSON-objekt")
    parser.set_defaults(run=status)
