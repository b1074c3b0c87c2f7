"""`botrygt remind`: reminders to action-item owners and the monthly brief, through SMTP."""

import argparse
from datetime import date

from cli.common import Commands, Context, cli_actor
from dataio.errors import ValidationFailed
from dataio.mail.brief import set_brief_day
from dataio.mail.outbox import BRIEF
from dataio.mail.run import RunResult, remind
from dataio.mail.smtp import smtp_config
from models.formatting import fmt_count, fmt_date

KIND_WORDS = {"reminder": "påmindelse", BRIEF: "månedsbrev"}


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"ugyldig dato {text!r}: brug ÅÅÅÅ-MM-DD") from error


def _report(result: RunResult, *, today: date, dry_run: bool) -> None:
    verb = "ville lægge i kø" if dry_run else "lagt i kø"
    print(
        f"botrygt remind {fmt_date(today)}: {fmt_count(len(result.queued), one='mail', many='mails')} {verb}"
    )
    for planned in result.queued:
        print(
            f"  {KIND_WORDS.get(planned.kind, planned.kind)} til {planned.username} <{planned.address}>: {planned.subject}"
        )
    if dry_run:
        if result.waiting:
            print(f"Venter fra tidligere kørsler: {len(result.waiting)}")
            for row in result.waiting:
                print(
                    f"  {KIND_WORDS.get(row.kind, row.kind)} til {row.username} <{row.address}>: {row.subject} (fejl: {row.last_error or 'ingen'})"
                )
        print("Tørkørsel: intet er sendt eller gemt.")
        return
    print(f"Sendt: {len(result.sent)}")
    for outcome in result.sent:
        print(
            f"  {KIND_WORDS.get(outcome.kind, outcome.kind)} til {outcome.username} <{outcome.address}>"
        )
    if result.failed:
        print(f"Fejlede: {len(result.failed)} (de bliver i køen og forsøges igen ved næste kørsel)")
        for outcome in result.failed:
            print(
                f"  {KIND_WORDS.get(outcome.kind, outcome.kind)} til {outcome.username} <{outcome.address}>: {outcome.error}"
            )


def run_remind(args: argparse.Namespace, context: Context) -> int:
    """0 when every mail was sent, 1 when some failed (they stay queued for the next run)."""
    if args.brief_day is not None:
        if args.municipality is None:
            raise ValidationFailed("--brief-day kræver --municipality KODE (fx 183 for Ishøj)")
        day = None if args.brief_day == 0 else args.brief_day
        set_brief_day(
            context.engine, actor=cli_actor(), municipality_code=args.municipality, day=day
        )
        print(
            f"Månedsbrevet for kommune {args.municipality}: "
            + (f"den {day}. i måneden" if day else "kun efter nye kvartalstal")
        )
        return 0
    config = smtp_config(context.settings)  # exit 2 with the variable named when it is unusable
    today = args.today or date.today()
    result = remind(
        context.engine, settings=context.settings, config=config, today=today, dry_run=args.dry_run
    )
    _report(result, today=today, dry_run=args.dry_run)
    return 1 if result.failed else 0


def register(commands: Commands) -> None:
    parser = commands.add_parser(
        "remind",
        help="send påmindelser om forsinkede aktiviteter og månedsbrevet (køres dagligt fra cron)",
    )
    parser.add_argument(
        "--today", type=_day, metavar="ÅÅÅÅ-MM-DD", help="kør som om det var denne dag"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="vis hvad der ville blive sendt; send og gem intet"
    )
    parser.add_argument(
        "--brief-day",
        type=int,
        metavar="DAG",
        help="sæt kommunens dag i måneden for månedsbrevet (1-28; 0 fjerner den)",
    )
    parser.add_argument(
        "--municipality", type=int, metavar="KODE", help="kommunens DST-kode (med --brief-day)"
    )
    parser.set_defaults(run=run_remind)
