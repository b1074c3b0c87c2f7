"""`botrygt hotspots` (the hotspot scan as JSON: cells of at least the minimum count, centres
only) and `botrygt prune` (the police's incidents older than the retention limit deleted)."""

import argparse
import json
from datetime import date

from cli.common import (
    Commands,
    Context,
    acting_user,
    add_as_option,
    add_municipality_option,
    cli_actor,
    municipality_names,
)
from dataio.errors import ValidationFailed
from dataio.seed.init import ensure_reference
from dataio.store.incidents import incident_scan, prune_incidents
from models.formatting import fmt_count
from models.i18n import M_, translator


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"«{text}» er ikke en dato (skriv fx 2026-12-02)"
        ) from None


def hotspots(args: argparse.Namespace, context: Context) -> None:
    """Print models.hotspots.hotspot_document for the municipality's last --weeks."""
    ensure_reference(context.engine)
    code, _, _ = municipality_names(context.engine, args.municipality, "hotspots")
    if args.weeks < 1:
        raise ValidationFailed(M_("--weeks skal være mindst 1 (ikke {weeks})", weeks=args.weeks))
    found = incident_scan(
        context.engine,
        viewer=acting_user(context.engine, args.as_user),
        code=code,
        until=args.until,
        weeks=args.weeks,
        min_count=context.settings.hotspot_min_count,
    )
    from models.hotspots import hotspot_document  # the pure model; imported when used

    document = hotspot_document(found, code)
    if args.json:
        print(json.dumps(document, ensure_ascii=False, indent=2, default=str))
        return
    cells = document.get("cells", [])
    hot = [cell for cell in cells if cell.get("hotspot")]
    _ = translator(context.lang)
    lang = context.lang
    print(
        _(
            "Kommune {code}: {hotspots} blandt {cells} (mindst {minimum} hændelser pr. celle); "
            "brug --json for detaljer."
        ).format(
            code=code,
            hotspots=fmt_count(len(hot), one="hotspot", many="hotspots", lang=lang),
            cells=fmt_count(len(cells), one=_("viste celle"), many=_("viste celler"), lang=lang),
            minimum=document.get("min_count"),
        )
    )


def prune(args: argparse.Namespace, context: Context) -> None:
    """Delete incidents older than --months (default BOTRYGT_INCIDENT_RETENTION_MONTHS, 24)."""
    ensure_reference(context.engine)
    months = args.months if args.months is not None else context.settings.incident_retention_months
    deleted = prune_incidents(context.engine, actor=cli_actor(), months=months)
    _ = translator(context.lang)
    lang = context.lang
    print(
        _("Slettet {incidents} ældre end {months}.").format(
            incidents=fmt_count(deleted, one=_("hændelse"), many=_("hændelser"), lang=lang),
            months=fmt_count(months, one=_("måned"), many=_("måneder"), lang=lang),
        )
    )


def register(commands: Commands) -> None:
    parser = commands.add_parser(
        "hotspots", help="hotspots i politiets hændelser (kun celler med mindst 3 hændelser)"
    )
    add_municipality_option(parser, required=True)
    parser.add_argument(
        "--weeks", type=int, default=4, metavar="UGER", help="seneste antal uger (standard 4)"
    )
    parser.add_argument(
        "--until", type=_day, default=None, metavar="DATO", help="sidste dag (standard i dag)"
    )
    parser.add_argument("--json", action="store_true", help="skriv resultatet som JSON")
    add_as_option(parser)
    parser.set_defaults(run=hotspots)

    pruner = commands.add_parser(
        "prune", help="slet politiets hændelser ældre end opbevaringsgrænsen"
    )
    pruner.add_argument(
        "--months",
        type=int,
        default=None,
        metavar="MÅNEDER",
        help="opbevaringsgrænsen (standard BOTRYGT_INCIDENT_RETENTION_MONTHS, ellers 24)",
    )
    pruner.set_defaults(run=prune)
