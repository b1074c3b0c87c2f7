"""`botrygt minutes`: a meeting's minutes as PDF (date, participants, agenda, decisions with owners
and due dates, the meeting pack's snapshot id)."""

import argparse

from cli.common import Commands, Context, cli_actor, write_output_file
from dataio.meetings.minutes import meeting_minutes
from dataio.meetings.store import meeting_detail
from models.i18n import translate


def minutes(args: argparse.Namespace, context: Context) -> None:
    actor = cli_actor()
    detail = meeting_detail(context.engine, viewer=actor, meeting_id=args.meeting)
    data = meeting_minutes(
        context.engine,
        viewer=actor,
        meeting_id=args.meeting,
        demo=context.settings.demo_mode,
        lang=context.lang,
    )
    write_output_file(args.output, data)
    print(
        translate(
            context.lang, "Referatet af «{title}» ({municipality}, {day}) er skrevet til {path}."
        ).format(
            title=detail.meeting.title,
            municipality=detail.municipality,
            day=detail.meeting.held_on.isoformat(),
            path=args.output,
        )
    )


def register(commands: Commands) -> None:
    parser = commands.add_parser("minutes", help="et mødes referat som PDF")
    parser.add_argument(
        "--meeting", type=int, required=True, metavar="ID", help="mødets id (se siden Møder)"
    )
    parser.add_argument("-o", "--output", required=True, metavar="FIL", help="filen, der skrives")
    parser.set_defaults(run=minutes)
