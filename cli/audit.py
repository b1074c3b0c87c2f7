"""`botrygt audit verify`: walk the audit trail's hash chain and name the first broken link."""

import argparse

from cli.common import Commands, Context
from dataio.db.audit import verify_chain
from dataio.errors import DomainError
from models.i18n import translate
from models.reminders import in_language


class AuditTrailBroken(DomainError):
    """The chain does not hold: the message names the first row where it breaks."""


def verify(args: argparse.Namespace, context: Context) -> None:
    check = verify_chain(context.engine)
    text = in_language(check.text, lang=context.lang)  # dataio.db.audit's: Danish until it has lang
    if check.broken is not None:
        raise AuditTrailBroken(text)  # one line on stderr, exit status 2
    print(text)
    # kept outside the database (in a meeting's minutes), it anchors the chain up to now
    print(translate(context.lang, "Seneste kædeværdi: {value}").format(value=check.last_hash))


def register(commands: Commands) -> None:
    audit = commands.add_parser("audit", help="revisionssporet (ændringsloggen)")
    actions = audit.add_subparsers(dest="audit_command", required=True)
    parser = actions.add_parser(
        "verify", help="kontrollér, at ingen række er ændret eller slettet uden om programmet"
    )
    parser.set_defaults(run=verify)
