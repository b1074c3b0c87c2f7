"""`botrygt import WHAT FILE`, `botrygt export WHAT -o FILE` and `botrygt fetch dst`."""

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cli.common import (
    Command,
    Commands,
    Context,
    acting_user,
    add_as_option,
    add_municipality_option,
    cli_actor,
    municipality_names,
    read_input_file,
    write_output_file,
)
from dataio.files.action_plan_import import import_plan
from dataio.files.action_plan_workbook import MAX_BYTES as WORKBOOK_MAX_BYTES
from dataio.files.action_plan_workbook import export_plan
from dataio.files.incidents import import_incidents
from dataio.files.neighbour_help import import_helpers
from dataio.files.statistikbanken.api import REQUESTS, fetch_dst
from dataio.files.statistikbanken.importer import import_dst
from dataio.files.statistikbanken.reader import DstTable
from dataio.files.surveys import import_survey
from dataio.files.tabular import MAX_BYTES as TABLE_MAX_BYTES
from dataio.seed.init import ensure_reference
from models.i18n import translate
from models.offences import parse_offence_codes
from models.reminders import in_language

DST_MAX_BYTES = 100_000_000


def _offence_codes(text: str) -> tuple[int, ...]:
    try:
        return parse_offence_codes(text)
    except ValueError as refused:
        raise argparse.ArgumentTypeError(str(refused)) from None


def add_offences_option(parser: argparse.ArgumentParser) -> None:
    """`--offences 1310,1330`: the other STRAF11 codes stored beside the burglaries."""
    parser.add_argument(
        "--offences",
        type=_offence_codes,
        default=None,
        metavar="KODER",
        help="andre OVERTRÆD-koder fra STRAF11 end 1320, kommasepareret, fx 1310,1330 "
        "(standard 1310, indbrud i forretning; tom streng: ingen)",
    )


def _loaded(report: Any, context: Context) -> str:
    """'Indlæst …': an import report's own sentence (in the language where its `text` takes one)."""
    return translate(context.lang, "Indlæst {what}.").format(
        what=in_language(report.text, lang=context.lang)
    )


def import_action_plan(args: argparse.Namespace, context: Context) -> None:
    ensure_reference(context.engine)
    code, name, _ = municipality_names(context.engine, args.municipality, "import action-plan")
    data = read_input_file(args.file, limit=WORKBOOK_MAX_BYTES)
    count = import_plan(context.engine, actor=cli_actor(), municipality_code=code, data=data)
    print(
        translate(
            context.lang,
            "Handlingsplanen for {name} er erstattet med {count} aktiviteter fra {file}.",
        ).format(name=name, count=count, file=args.file)
    )


def import_statistikbanken(args: argparse.Namespace, context: Context) -> None:
    ensure_reference(context.engine)
    data = read_input_file(args.file, limit=DST_MAX_BYTES)
    report = import_dst(
        context.engine,
        actor=cli_actor(),
        data=data,
        file_name=Path(args.file).name,
        table=args.table,
        offences=args.offences,
    )
    print(_loaded(report, context))


def import_incident_extract(args: argparse.Namespace, context: Context) -> None:
    """`botrygt import incidents FILE --municipality CODE [--as USER]`: the police's extract."""
    ensure_reference(context.engine)
    code, _, _ = municipality_names(context.engine, args.municipality, "import incidents")
    actor = acting_user(context.engine, args.as_user)
    data = read_input_file(args.file, limit=TABLE_MAX_BYTES)
    report = import_incidents(
        context.engine,
        actor=actor,
        municipality_code=code,
        data=data,
        file_name=Path(args.file).name,
    )
    print(_loaded(report, context))


def _table_importer(importer: Callable[..., Any]) -> Command:
    """`botrygt import helpers|survey FILE`: a small table from a file, all or nothing."""

    def run(args: argparse.Namespace, context: Context) -> None:
        ensure_reference(context.engine)
        data = read_input_file(args.file, limit=TABLE_MAX_BYTES)
        report = importer(
            context.engine, actor=cli_actor(), data=data, file_name=Path(args.file).name
        )
        print(_loaded(report, context))

    return run


import_helper_counts = _table_importer(import_helpers)
import_survey_answers = _table_importer(import_survey)


def export_action_plan(args: argparse.Namespace, context: Context) -> None:
    code, name, district = municipality_names(
        context.engine, args.municipality, "export action-plan"
    )
    data = export_plan(
        context.engine,
        viewer=cli_actor(),
        municipality_code=code,
        municipality_name=name,
        police_district_name=district,
    )
    write_output_file(args.output, data)
    print(
        translate(context.lang, "Handlingsplanen for {name} er skrevet til {path}.").format(
            name=name, path=args.output
        )
    )


def fetch(args: argparse.Namespace, context: Context) -> None:
    ensure_reference(context.engine)
    tables = [DstTable(t) for t in (args.table or [t.value for t in REQUESTS])]
    for result in fetch_dst(
        context.engine, actor=cli_actor(), tables=tables, since=args.since, offences=args.offences
    ):
        print(in_language(result.text, lang=context.lang))


def _register_import(commands: Commands) -> None:
    importer = commands.add_parser("import", help="indlæs data fra en fil")
    kinds = importer.add_subparsers(dest="what", required=True, metavar="HVAD")
    plan = kinds.add_parser("action-plan", help="handlingsplanen (guidens Excel-layout)")
    plan.set_defaults(run=import_action_plan)
    dst = kinds.add_parser("dst", help="en Statistikbanken-fil (STRAF11, STRAF22, FAM55N, FOLK1A)")
    dst.add_argument(
        "--table",
        choices=[t.value for t in DstTable],
        help="tabellen; ellers genkendes den ud fra indholdet",
    )
    add_offences_option(dst)
    dst.set_defaults(run=import_statistikbanken)
    kinds.add_parser("helpers", help="antal nabohjælpere").set_defaults(run=import_helper_counts)
    kinds.add_parser("survey", help="svar fra en tryghedsmåling").set_defaults(
        run=import_survey_answers
    )
    incidents = kinds.add_parser(
        "incidents", help="politiets udtræk af anmeldte indbrud med position (én kommune)"
    )
    add_as_option(incidents)
    incidents.set_defaults(run=import_incident_extract)
    for parser in kinds.choices.values():
        parser.add_argument("file", help="filen, der skal indlæses")
        add_municipality_option(parser)


def _register_export(commands: Commands) -> None:
    exporter = commands.add_parser("export", help="skriv data til en fil")
    kinds = exporter.add_subparsers(dest="what", required=True, metavar="HVAD")
    plan = kinds.add_parser("action-plan", help="handlingsplanen i guidens Excel-layout")
    add_municipality_option(plan)
    plan.add_argument("-o", "--output", required=True, metavar="FIL", help="filen, der skrives")
    plan.set_defaults(run=export_action_plan)


def _register_fetch(commands: Commands) -> None:
    parser = commands.add_parser("fetch", help="hent nye tal fra Statistikbankens API")
    parser.add_argument("source", choices=["dst"], help="kilden")
    parser.add_argument(
        "--since", type=int, default=2007, metavar="ÅR", help="fra og med dette år (standard 2007)"
    )
    parser.add_argument(
        "--table",
        action="append",
        choices=[t.value for t in REQUESTS],
        help="kun denne tabel (kan gentages)",
    )
    add_offences_option(parser)
    parser.set_defaults(run=fetch)


def register(commands: Commands) -> None:
    _register_import(commands)
    _register_export(commands)
    _register_fetch(commands)
