"""`botrygt init` and `botrygt demo`: the schema, the reference data and the demo data."""

import argparse

from cli.common import Commands, Context
from dataio.seed.demo_users import demo_users_text
from dataio.seed.ready import database_is_current
from models.i18n import translator
from models.reminders import in_language


def init(args: argparse.Namespace, context: Context) -> None:
    _ = translator(context.lang)
    demo = args.demo_if_empty and context.settings.demo_mode
    # `make run` on a database that is already current starts the server at once; a plain
    # `botrygt init` (a deployment) always makes the full pass, reference data included.
    if args.demo_if_empty and database_is_current(context.engine, demo=demo):
        print(_("Databasen er klar (skemaet er det nyeste; intet at tilføje)."))
    else:
        from dataio.seed.init import initialise  # the demo generators: imported only when needed

        report = initialise(context.engine, demo=demo)
        added = report.demo_rows + report.demo_other_rows
        print(
            _("Databasen er klar; {added} rækker eksempeldata tilføjet.").format(added=added)
            if added
            else _("Databasen er klar.")
        )
    if demo:
        print(in_language(demo_users_text, lang=context.lang))


def demo(args: argparse.Namespace, context: Context) -> None:
    from dataio.seed.init import initialise, regenerate_demo

    initialise(context.engine, demo=False)
    rows = regenerate_demo(context.engine)
    print(translator(context.lang)("Eksempeldata dannet: {rows} rækker.").format(rows=rows))


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
