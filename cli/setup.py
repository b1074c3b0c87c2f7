"""`botrygt init` and `botrygt demo`: the schema, the reference data and the demo data."""

import argparse

from cli.common import Commands, Context
from dataio.seed.demo_users import demo_users_text
from dataio.seed.ready import database_is_current


def init(args: argparse.Namespace, context: Context) -> None:
    demo = args.demo_if_empty and context.settings.demo_mode
    # `make run` on a database that is already current starts the server at once; a plain
    # `botrygt init` (a deployment) always makes the full pass, reference data included.
    if args.demo_if_empty and database_is_current(context.engine, demo=demo):
        print("Databasen er klar (skemaet er det nyeste; intet at tilføje).")
    else:
        from dataio.seed.init import initialise  # the demo generators: imported only when needed

        report = initialise(context.engine, demo=demo)
        added = report.demo_rows + report.demo_other_rows
        print("Databasen er klar" + (f"; {added} rækker eksempeldata tilføjet." if added else "."))
    if demo:
        print(demo_users_text())


def demo(args: argparse.Namespace, context: Context) -> None:
    from dataio.seed.init import initialise, regenerate_demo

    initialise(context.engine, demo=False)
    print(f"Eksempeldata dannet: {regenerate_demo(context.engine)} rækker.")


def register(commands: Commands) -> None:
    parser = commands.add_parser(
        "init", help="opret eller opgradér databasen og indlæs referencedata"
    )
    parser.add_argument(
        "--demo-if-empty",
        action="store_true",
        help="fyld eksempeldata i, hvis der ingen indbrudstal er",
    )
    parser.set_defaults(run=init)
    commands.add_parser(
        "demo", help="dan alle slags eksempeldata på ny (importerede tal bevares)"
    ).set_defaults(run=demo)
