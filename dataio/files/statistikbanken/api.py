"""Statistikbanken's API: ask when a table was last updated, and fetch it when it is newer."""

import json
import os
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from dataio.errors import DomainError
from dataio.files.statistikbanken.importer import ImportReport, import_dst
from dataio.files.statistikbanken.reader import BURGLARY, DstTable
from models.domain import SourceKind
from models.offences import DEFAULT_OFFENCES, parse_offence_codes
from models.permissions import Actor
from models.tables import DataSource

DEFAULT_BASE_URL = "https://api.statbank.dk/v1"
# What we ask for: residential burglary from the crime tables (STRAF11 also the other offence codes
# chosen, default 1310 business burglary: see request_variables), totals from FAM55N and FOLK1A by
# age (the variable ids and codes as documented; not checked against the live tableinfo).
REQUESTS: dict[DstTable, list[dict[str, object]]] = {
    DstTable.STRAF11: [
        {"code": "OMRÅDE", "values": ["*"]},
        {"code": "OVERTRÆD", "values": ["1320"]},
        {"code": "Tid", "values": ["*"]},
    ],
    DstTable.STRAF22: [
        {"code": "OMRÅDE", "values": ["000"]},
        {"code": "OVERTRÆD", "values": ["1320"]},
        {"code": "ANMSIGT", "values": ["ANM"]},
        {"code": "Tid", "values": ["*"]},
    ],
    DstTable.FAM55N: [{"code": "OMRÅDE", "values": ["*"]}, {"code": "Tid", "values": ["*"]}],
    # by single year of age (KØN and CIVILSTAND left out: totals), for the age structure
    DstTable.FOLK1A: [
        {"code": "OMRÅDE", "values": ["*"]},
        {"code": "ALDER", "values": ["*"]},
        {"code": "Tid", "values": ["*"]},
    ],
}


class StatbankUnavailable(DomainError):
    """Statistikbanken could not be reached or answered with an error."""


@dataclass(frozen=True)
class FetchResult:
    """One table's outcome."""

    table: DstTable
    updated: str
    report: ImportReport | None  # None: nothing new since the last fetch

    def text(self) -> str:
        """One Danish line."""
        if self.report is None:
            return f"{self.table.value}: intet nyt (Statistikbanken opdateret {self.updated})"
        return f"{self.report.text()} (Statistikbanken opdateret {self.updated})"


def base_url() -> str:
    """The API's address (BOTRYGT_STATBANK_URL points tests at a local server)."""
    return os.environ.get("BOTRYGT_STATBANK_URL", DEFAULT_BASE_URL).rstrip("/")


def _call(request: urllib.request.Request, *, timeout: float) -> bytes:
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return bytes(response.read())
    except urllib.error.HTTPError as error:
        raise StatbankUnavailable(
            f"Statistikbanken svarede {error.code} på {request.full_url}: intet er indlæst"
        ) from error
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise StatbankUnavailable(
            f"Statistikbanken kan ikke nås ({reason}): intet er indlæst"
        ) from error


def table_updated(table: DstTable, *, timeout: float = 10) -> str:
    """When Statistikbanken last updated the table (tableinfo's 'updated')."""
    raw = _call(
        urllib.request.Request(f"{base_url()}/tableinfo/{table.value}?format=JSON"), timeout=timeout
    )
    try:
        return str(json.loads(raw)["updated"])
    except (ValueError, KeyError, TypeError) as error:
        raise StatbankUnavailable(
            f"Uventet svar fra Statistikbanken om {table.value}: intet er indlæst"
        ) from error


def request_variables(table: DstTable, offences: tuple[int, ...] = ()) -> list[dict[str, object]]:
    """The request's variables; STRAF11 asks for 1320 and the other exact codes chosen (never a
    parent level such as 13, which would hold the same reports twice)."""
    if table is not DstTable.STRAF11 or not offences:
        return REQUESTS[table]
    codes = [str(BURGLARY), *(str(code) for code in offences)]
    return [
        {"code": "OVERTRÆD", "values": codes} if variable["code"] == "OVERTRÆD" else variable
        for variable in REQUESTS[table]
    ]


def fetch_table(table: DstTable, *, timeout: float = 120, offences: tuple[int, ...] = ()) -> bytes:
    """The table as CSV with codes, as the documented POST request returns it."""
    body = json.dumps(
        {
            "table": table.value,
            "format": "CSV",
            "lang": "da",
            "valuePresentation": "Code",
            "variables": request_variables(table, offences),
        }
    ).encode()
    request = urllib.request.Request(
        f"{base_url()}/data", data=body, headers={"Content-Type": "application/json"}, method="POST"
    )
    return _call(request, timeout=timeout)


def _last_fetched(engine: Engine, table: DstTable) -> str | None:
    with Session(engine) as session:
        source = session.exec(
            select(DataSource)
            .where(DataSource.kind == SourceKind.API, DataSource.dataset == table.value)
            .order_by(col(DataSource.loaded_at).desc())
        ).first()
    return (
        None
        if source is None or source.file_name is None
        else source.file_name.removeprefix("statbank:")
    )


def fetch_dst(
    engine: Engine,
    *,
    actor: Actor,
    tables: list[DstTable],
    since: int = 2007,
    today: date | None = None,
    offences: tuple[int, ...] | None = None,
) -> list[FetchResult]:
    """Ask each table's last update; fetch and import only what is newer. Nothing is written on failure.

    offences: STRAF11's other codes asked for and stored (default 1310, business burglary)."""
    try:
        codes = parse_offence_codes(DEFAULT_OFFENCES if offences is None else offences)
    except ValueError as refused:
        raise DomainError(f"{refused}. Intet er hentet") from None
    results = []
    for table in tables:
        updated = table_updated(table)
        if _last_fetched(engine, table) == updated:
            results.append(FetchResult(table, updated, None))
            continue
        data = fetch_table(table, offences=codes)
        report = import_dst(
            engine,
            actor=actor,
            data=data,
            file_name=f"statbank:{updated}",
            table=table,
            kind=SourceKind.API,
            today=today,
            since_year=since,
            offences=codes,
        )
        results.append(FetchResult(table, updated, report))
    return results
