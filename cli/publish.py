"""`botrygt publish`: switch a partnership's public view (pages/15_Offentlig.py) on or off, as
Min kommune does, with the same rights (`--as` a user; else the operator as administrator)."""

import argparse

from cli.common import (
    Commands,
    Context,
    acting_user,
    add_as_option,
    add_municipality_option,
    municipality_names,
)
from dataio.public import set_published
from models.i18n import translator


def publish(args: argparse.Namespace, context: Context) -> None:
    code, name, _ = municipality_names(context.engine, args.municipality, "botrygt publish")
    actor = acting_user(context.engine, args.as_user)
    on = not args.off
    set_published(context.engine, actor=actor, code=code, on=on, summary=args.summary)
    _ = translator(context.lang)
    if on:
        print(
            _("Offentlig visning slået til for {name}: Offentlig?kommune={code}").format(
                name=name, code=code
            )
        )
    else:
        print(_("Offentlig visning slået fra for {name}.").format(name=name))


def register(commands: Commands) -> None:
    parser = commands.add_parser(
        "publish", help="slå en partnerskabskommunes offentlige visning til eller fra"
    )
    add_municipality_option(parser, required=True)
    parser.add_argument("--off", action="store_true", help="slå den offentlige visning fra")
    parser.add_argument(
        "--summary", metavar="TEKST", help="teksten til borgerne (højst 2.000 tegn)"
    )
    add_as_option(parser)
    parser.set_defaults(run=publish)
