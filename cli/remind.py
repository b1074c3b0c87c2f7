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
from models.i18n import DANISH, M_, N_, translator

KIND_WORDS = {"reminder": N_("påmindelse"), BRIEF: N_("månedsbrev")}


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"ugyldig dato {text!r}: brug ÅÅÅÅ-MM-DD") from error


def _report(result: RunResult, *, today: date, dry_run: bool, lang: str = DANISH) -> None:
    _ = translator(lang)

    def kind(word: str) -> str:
        return _(KIND_WORDS[word]) if word in KIND_WORDS else word

    def to(word: str, username: str, address: str) -> str:
        return _("  {kind} til {username} <{address}>").format(
            kind=kind(word), username=username, address=address
        )

    verb = _("ville lægge i kø") if dry_run else _("lagt i kø")
    print(
        _("botrygt remind {day}: {count} {verb}").format(
            day=fmt_date(today, lang=lang),
            count=fmt_count(len(result.queued), one="mail", many="mails", lang=lang),
            verb=verb,
        )
    )
    for planned in result.queued:
        print(f"{to(planned.kind, planned.username, planned.address)}: {planned.subject}")
    if dry_run:
        if result.waiting:
            print(_("Venter fra tidligere kørsler: {count}").format(count=len(result.waiting)))
            for row in result.waiting:
                error = row.last_error or _("ingen")
                print(
                    to(row.kind, row.username, row.address)
                    + _(": {subject} (fejl: {error})").format(subject=row.subject, error=error)
                )
        print(_("Tørkørsel: intet er sendt eller gemt."))
        return
    print(_("Sendt: {count}").format(count=len(result.sent)))
    for outcome in result.sent:
        print(to(outcome.kind, outcome.username, outcome.address))
    if result.failed:
        print(
            _("Fejlede: {count} (de bliver i køen og forsøges igen ved næste kørsel)").format(
                count=len(result.failed)
            )
        )
        for outcome in result.failed:
            print(f"{to(outcome.kind, outcome.username, outcome.address)}: {outcome.error}")


def run_remind(args: argparse.Namespace, context: Context) -> int:
    """0 when every mail was sent, 1 when some failed (they stay queued for the next run)."""
    _ = translator(context.lang)
    if args.brief_day is not None:
        if args.municipality is None:
            raise ValidationFailed(M_("--brief-day kræver --municipality KODE (fx 183 for Ishøj)"))
        day = None if args.brief_day == 0 else args.brief_day
        set_brief_day(
            context.engine, actor=cli_actor(), municipality_code=args.municipality, day=day
        )
        when = _("den {day}. i måneden").format(day=day) if day else _("kun efter nye kvartalstal")
        print(
            _("Månedsbrevet for kommune {code}: {when}").format(code=args.municipality, when=when)
        )
        return 0
    config = smtp_config(context.settings)  # exit 2 with the variable named when it is unusable
    today = args.today or date.today()
    result = remind(
        context.engine, settings=context.settings, config=config, today=today, dry_run=args.dry_run
    )
    _report(result, today=today, dry_run=args.dry_run, lang=context.lang)
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
