"""`botrygt init` and `botrygt demo`: the schema, the reference data and the demo data."""

import argparse

from cli.common import Commands, Context
from dataio.seed.demo_users import demo_users_text
from dataio.seed.init import initialise, regenerate_demo


def init(args: argparse.Namespace, context: Context) -> None:
    demo = args.demo_if_empty and context.settings.demo_mode
    report = initialise(context.engine, demo=demo)
    added = report.demo_rows + report.demo_other_rows
    print("Databasen er klar" + (f"; {added} rækker eksempeldata tilføjet." if added else "."))
    if demo:
        print(demo_users_text())


def demo(args: argparse.Namespace, context: Context) -> None:
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
