"""`botrygt report`: the meeting pack for a municipality or a police district, as PDF, Excel or
PowerPoint."""

import argparse
from datetime import date
from pathlib import Path

from cli.common import Commands, Context, cli_actor, write_output_file
from dataio.errors import ValidationFailed
from dataio.meeting_pack.pack import build_pack, parse_since
from models.i18n import M_, translate

FORMATS = ("pdf", "xlsx", "pptx")


def report(args: argparse.Namespace, context: Context) -> None:
    kind = args.format or Path(args.output).suffix.lower().lstrip(".")
    if kind not in FORMATS:
        raise ValidationFailed(
            M_(
                "Angiv --format pdf, xlsx eller pptx (filnavnet {output} siger det ikke)",
                output=args.output,
            )
        )
    pack = build_pack(
        context.engine,
        viewer=cli_actor(),
        municipality_code=args.municipality,
        police_district=args.police_district,
        since=parse_since(args.since),
        today=date.today(),
        formats=(kind,),
        hotspot_min_count=context.settings.hotspot_min_count,
        lang=context.lang,  # the pack in the command line's language (--lang, BOTRYGT_LANG)
    )
    files = {"pdf": pack.pdf, "xlsx": pack.xlsx, "pptx": pack.pptx}
    write_output_file(args.output, files[kind])
    written = translate(
        context.lang, "{title} ({kind}, snapshot {snapshot}) er skrevet til {output}."
    )
    print(
        written.format(
            title=pack.report.title,
            kind=kind,
            snapshot=pack.report.snapshot_id,
            output=args.output,
        )
    )


def register(commands: Commands) -> None:
    parser = commands.add_parser("report", help="mødepakken som PDF, Excel eller PowerPoint")
    scope = parser.add_mutually_exclusive_group(required=True)
    scope.add_argument(
        "--municipality", type=int, metavar="KODE", help="kommunens DST-kode, fx 183"
    )
    scope.add_argument(
        "--police-district", type=int, metavar="NR", help="politikredsens nummer, fx 10"
    )
    parser.add_argument(
        "--since",
        metavar="DATO",
        help="sidste møde, ÅÅÅÅ-MM-DD (standard: 30 dage før i dag)",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        help="pdf, xlsx eller pptx (standard: ud fra filnavnet)",
    )
    parser.add_argument("-o", "--output", required=True, metavar="FIL", help="filen, der skrives")
    parser.set_defaults(run=report)
