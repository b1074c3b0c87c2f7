"""Read Statistikbanken (Danmarks Statistik) CSV files: STRAF11, STRAF22, FAM55N and FOLK1A.

The files come from the API (`/v1/data/<TABLE>/CSV`) or from the website, so the reader accepts
every variant described in shared/reference/README.md: `;` separated, UTF-8 with or without a BOM
or Windows-1252, a header of variable ids (`OMRÅDE;OVERTRÆD;TID;INDHOLD`) or of names
(`område;overtrædelsens art;tid;INDHOLD`), cells as codes (`183`), labels (`Ishøj`) or both
(`183 Ishøj`), decimal comma and `..` for missing.

Nothing is returned until the whole file has been checked: every problem found (up to 50) is
collected in one `DstRejected`, whose message is Danish and names line, column and value. Bad
input never raises anything else.

The common path is vectorised: pandas parses the file, and every cell check runs once per
distinct value (a full STRAF11 export has ~600,000 rows but only ~100 areas, ~80 periods and
~40 offence codes). Python loops run only over rows that have a problem and over the kept rows
when the result objects are built.
"""

import csv
import io
import json
import re
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from dataio.errors import ValidationFailed
from dataio.files.cells import UTF8_BOM, NotText, control_line, decode
from dataio.seed.reference import read_reference
from models.i18n import DANISH, N_, translate, translator
from models.numbers import MAX_COUNT, MAX_NATIONAL_COUNT, NumberRefused, parse_count
from models.offences import OFFENCE_NAMES

__all__ = [
    "BURGLARY",
    "DstFile",
    "DstRejected",
    "DstRow",
    "DstTable",
    "Problem",
    "municipality_names",
    "read_dst",
]

BURGLARY = 1320  # OVERTRÆD code of "Indbrud i beboelser"
FIRST_YEAR = 2007  # STRAF11 starts 2007K1
MAX_PROBLEMS = 50  # problems kept on the exception
SHOWN_PROBLEMS = 10  # problems written into its message
COUNTRY, UNKNOWN, CHRISTIANSO = 0, 998, 411

# Offence labels the reader can recognise when the file has labels instead of codes (1320 and the
# other codes models.offences names, e.g. 1310 "Indbrud i forretning, virksomhed mv.").
OFFENCE_LABELS = {name.casefold(): code for code, name in OFFENCE_NAMES.items()} | {
    "indbrud i beboelser": BURGLARY
}
# Area labels that are not in municipalities.csv (regions are added from its region column).
EXTRA_AREA_LABELS = {
    "hele landet": COUNTRY,
    "uoplyst": UNKNOWN,
    "uoplyst kommune": UNKNOWN,
    "uoplyst område": UNKNOWN,
}

_QUARTER = re.compile(r"([0-9]{4})K([0-9])")
# an ALDER level: `7` (code), `7 år` (label) or `7 7 år` (both)
_AGE = re.compile(r"([0-9]{1,3})(?: [0-9]{1,3})?(?: år)?")
MAX_AGE = 125
_YEAR = re.compile(r"[0-9]{4}")
_BOTH = re.compile(r"([0-9]{1,4}) (\S.*)")
_CODE_TOKEN = re.compile(r"[0-9]+|[A-ZÆØÅ0-9]+")


class DstTable(StrEnum):
    """The Statistikbanken tables the dashboard reads."""

    STRAF11 = "STRAF11"  # reported offences per quarter, area and offence
    STRAF22 = "STRAF22"  # the same per year, plus ANMSIGT (reported / charged)
    FAM55N = "FAM55N"  # households on 1 January, per year
    FOLK1A = "FOLK1A"  # population per quarter


CRIME_TABLES = frozenset({DstTable.STRAF11, DstTable.STRAF22})
QUARTERLY_TABLES = frozenset({DstTable.STRAF11, DstTable.FOLK1A})


@dataclass(frozen=True)
class DstRow:
    """One kept row; `line` is its 1-based line number in the file (the header is line 1)."""

    area_code: int
    area_kind: str  # municipality | country | region | christianso | unknown (998)
    period: str  # "2023K1" for quarterly tables, "2023" for yearly ones
    value: int | None  # None where the file has `..` or nothing
    offence: int | None  # OVERTRÆD code for the crime tables, else None
    anmsigt: str | None  # "ANM" or "SIG" for STRAF22, else None
    line: int
    # STRAF tables declare 0 as their suppressed value: a 0 there may hide a small true count.
    maybe_suppressed: bool = False
    age: int | None = None  # FOLK1A read with ages=True: the ALDER year; None is the total


@dataclass(frozen=True)
class DstFile:
    """A file that passed every check, reduced to the rows the dashboard uses."""

    table: DstTable
    rows: list[DstRow]
    encoding: str  # utf-8-sig | utf-8 | cp1252
    header_kind: str  # ids | names
    cell_kind: str  # codes | labels | both
    skipped_offences: int  # rows of other offences than the one asked for
    skipped_anmsigt: int = 0  # STRAF22 rows of the chosen offence with the other ANMSIGT
    skipped_breakdown: int = 0  # rows below a total (KØN, ALDER, HUSTYP...) left out
    breakdown_columns: tuple[str, ...] = field(default=())  # such columns, as the header names them

    @property
    def periods(self) -> list[str]:
        """The periods present, in order."""
        return sorted({row.period for row in self.rows})

    @property
    def maybe_suppressed(self) -> int:
        """How many kept rows are 0 in a STRAF table (true zero or suppressed)."""
        return sum(row.maybe_suppressed for row in self.rows)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file; line 0 means the file as a whole."""

    line: int
    column: str
    value: str
    why: str

    def __str__(self) -> str:
        return self.text()

    def text(self, *, lang: str = DANISH) -> str:
        """'Linje 4, kolonne TID: «x» er ikke et tal' in the language (a marked `why` translated)."""
        _ = translator(lang)
        where = []
        if self.line:
            where.append(_("Linje {line}").format(line=self.line))
        if self.column:
            where.append(_("kolonne {column}").format(column=self.column))
        prefix = ", ".join(where)
        why = translate(lang, self.why) if self.why else ""
        text = f"«{self.value}» {why}" if self.value else why
        return f"{prefix}: {text}" if prefix else text


class DstRejected(ValidationFailed):
    """The file was not read; `problems` lists what is wrong (at most 50), `total` counts all."""

    def __init__(self, problems: Sequence[Problem], *, total: int | None = None) -> None:
        self.problems = list(problems)[:MAX_PROBLEMS]
        self.total = max(total or 0, len(problems))
        super().__init__(_summary(self.problems, self.total))

    def headline(self, *, lang: str = DANISH) -> str:
        """The summary's first line in the language (Danish: `str(self)`'s first line)."""
        return _summary(self.problems[:1], self.total, lang=lang).splitlines()[0]


def _summary(problems: list[Problem], total: int, *, lang: str = DANISH) -> str:
    _ = translator(lang)
    if total == 1 and problems and problems[0].line == 0:
        return _("Filen blev ikke indlæst: {problem}").format(problem=problems[0].text(lang=lang))
    lines = [
        _("Filen blev ikke indlæst: {total} fejl.").format(total=total)
        if total > 1
        else _("Filen blev ikke indlæst:")
    ]
    lines += [str(problem) for problem in problems[:SHOWN_PROBLEMS]]
    if total > SHOWN_PROBLEMS:
        lines.append(f"… og {total - SHOWN_PROBLEMS} fejl mere")
    return "\n".join(lines)


def _reject(why: str, *, line: int = 0, column: str = "", value: str = "") -> DstRejected:
    return DstRejected([Problem(line=line, column=column, value=value, why=why)])


# --- reference data ---------------------------------------------------------------------------


@cache
def _municipality_names() -> tuple[tuple[str, int], ...]:
    frame = read_reference("municipalities.csv")
    return tuple(
        (str(name), int(code)) for name, code in zip(frame["name"], frame["code"], strict=True)
    )


def municipality_names() -> dict[str, int]:
    """Municipality name -> DST code, as written in municipalities.csv (98 + Christiansø 411)."""
    return dict(_municipality_names())


@cache
def _areas() -> tuple[dict[int, str], dict[str, int]]:
    """Area code -> kind, and normalised label -> code, for every area a DST table may name."""
    kinds: dict[int, str] = {COUNTRY: "country", UNKNOWN: "unknown"}
    labels = dict(EXTRA_AREA_LABELS)
    frame = read_reference("municipalities.csv")
    for code, name in zip(frame["region_code"], frame["region"], strict=True):
        kinds[int(code)] = "region"
        labels[_norm(str(name))] = int(code)
    for name, code in _municipality_names():
        kinds[code] = "christianso" if code == CHRISTIANSO else "municipality"
        labels[_norm(name)] = code
    return kinds, labels


# --- cells ------------------------------------------------------------------------------------


def _clean(raw: object) -> str:
    """The cell without surrounding blanks and quotes, inner whitespace collapsed."""
    text = raw if isinstance(raw, str) else ""
    return " ".join(text.strip().strip('"').split())


def _norm(raw: str) -> str:
    return _clean(raw).casefold()


def _shown(raw: object, limit: int = 40) -> str:
    text = raw if isinstance(raw, str) else ""
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class _Area:
    code: int | None
    kind: str  # codes | labels | both (how the cell was written)


def _parse_area(raw: str) -> _Area:
    text = _clean(raw)
    kinds, labels = _areas()
    if text.isdigit() and text.isascii():
        code = int(text)
        return _Area(code if code in kinds else None, "codes")
    match = _BOTH.fullmatch(text)
    if match and _norm(text) not in labels:
        code = int(match.group(1))
        return _Area(code if code in kinds else None, "both")
    return _Area(labels.get(text.casefold()), "labels")


@dataclass(frozen=True)
class _Offence:
    code: int | None  # None for a level that is not a number (TOT) or an unknown label
    kind: str  # codes | labels | both


def _parse_offence(raw: str) -> _Offence:
    text = _clean(raw)
    if text.casefold() in OFFENCE_LABELS:
        return _Offence(OFFENCE_LABELS[text.casefold()], "labels")
    first, _, rest = text.partition(" ")
    if _CODE_TOKEN.fullmatch(first):
        code = int(first) if first.isdigit() and first.isascii() else None
        return _Offence(code, "both" if rest else "codes")
    return _Offence(None, "labels")


def _parse_anmsigt(raw: str) -> str | None:
    text = _clean(raw)
    first = text.split(" ", 1)[0].upper()
    if first in ("ANM", "SIG"):
        return first
    folded = text.casefold()
    if folded.startswith("anm"):
        return "ANM"
    if folded.startswith("sig"):
        return "SIG"
    return None


@dataclass(frozen=True)
class _Period:
    text: str  # normalised: "2023K1" or "2023"
    quarterly: bool | None  # None when it is neither a quarter nor a year
    year: int


def _parse_period(raw: str) -> _Period:
    text = _clean(raw).upper()
    match = _QUARTER.fullmatch(text)
    if match and 1 <= int(match.group(2)) <= 4:
        return _Period(text, True, int(match.group(1)))
    if _YEAR.fullmatch(text):
        return _Period(text, False, int(text))
    return _Period(text, None, 0)


def _parse_value(raw: str, maximum: int) -> tuple[int | None, str | None]:
    """(value, None) or (None, why); `..` and empty are missing values."""
    text = _clean(raw)
    if text in ("", ".."):
        return None, None
    try:
        return parse_count(text, maximum=maximum), None
    except NumberRefused as refused:
        return None, "er ikke et tal" if refused.refusal == "not a number" else refused.why


_TOTAL_EXACT = {"tot", "ialt", "i alt", "total", "alle"}


def _total_level(values: Sequence[str]) -> str | tuple[str, ...] | None:
    """The one value meaning "all" in a breakdown column, None if none, a tuple if ambiguous."""
    strong = [
        v for v in values if _norm(v) in _TOTAL_EXACT or _norm(v).split(" ")[0] in {"tot", "ialt"}
    ]
    weak = [v for v in values if _norm(v).endswith(" i alt")]
    for found in (strong, weak):
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            return tuple(found)
    return None


@dataclass(frozen=True)
class _Column:
    """One column's cells, each distinct value parsed once."""

    codes: np.ndarray  # per row: which distinct value it holds
    results: list[Any]  # per distinct value: what it parsed to
    raw: np.ndarray  # the distinct values as written

    def per_row(
        self, pick: Callable[[Any], Any] = lambda result: result, dtype: Any = object
    ) -> np.ndarray:
        """`pick` of each row's result, as an array over the rows."""
        return _per_row(self.codes, [pick(result) for result in self.results], dtype)

    def written(self) -> np.ndarray:
        """Each row's value as written."""
        return self.raw[self.codes]


def _by_value(series: pd.Series, parse: Callable[[str], Any]) -> _Column:
    codes, uniques = pd.factorize(series, use_na_sentinel=False)
    raw = np.asarray(uniques, dtype=object)
    return _Column(codes, [parse(value) for value in raw], raw)


def _per_row(codes: np.ndarray, results: Sequence[Any], dtype: Any = object) -> np.ndarray:
    table = np.empty(len(results), dtype=dtype)
    table[:] = list(results)
    return table[codes] if len(results) else np.empty(0, dtype=dtype)


# --- the file ---------------------------------------------------------------------------------


def _check_container(data: bytes, max_bytes: int) -> None:
    if len(data) > max_bytes:
        limit = f"{max_bytes // 1_000_000} MB" if max_bytes >= 1_000_000 else f"{max_bytes} byte"
        raise _reject(f"Filen er for stor (over {limit})")
    if not data.strip().removeprefix(UTF8_BOM).strip():
        raise _reject(N_("Filen er tom"))
    if data.startswith(b"PK\x03\x04"):
        raise _reject(N_("Filen er et regneark (xlsx); hent CSV fra Statistikbanken"))
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise _reject(N_("Filen er et regneark (xls); hent CSV fra Statistikbanken"))


_NOT_TEXT = {
    "utf-16": "Filen er gemt som UTF-16; hent CSV fra Statistikbanken (UTF-8)",
    "binary": "Filen er ikke en tekstfil (binære data); hent CSV fra Statistikbanken",
    "unknown encoding": (
        "Filen er hverken UTF-8 eller Windows-1252 (binære data?); hent CSV fra Statistikbanken"
    ),
}


def _decode(data: bytes) -> tuple[str, str]:
    try:
        return decode(data)
    except NotText as error:
        if error.refusal == "broken utf-8":
            raise _reject(
                f"Filen begynder som UTF-8, men byte {error.byte} er ikke gyldig UTF-8"
            ) from None
        raise _reject(_NOT_TEXT[error.refusal]) from None


def _not_csv(data: bytes, text: str) -> None:
    """Recognise text that is clearly something else than a CSV table."""
    start = text[:1000].lstrip()[:200].casefold()
    if start.startswith(("<!doctype html", "<html", "<?xml")):
        raise _reject(N_("Filen er en HTML/XML-side, ikke CSV; hent CSV fra Statistikbanken"))
    if start.startswith(("{", "[")):
        message = ""
        try:
            parsed = json.loads(text)
        except ValueError:
            parsed = None
        if isinstance(parsed, dict) and isinstance(parsed.get("message"), str):
            message = f": {_shown(parsed['message'], 200)}"
        raise _reject(f"Filen er JSON, ikke CSV (fx et fejlsvar fra Statistikbanken){message}")
    line = control_line(data)
    if line is not None:
        raise _reject(
            "Filen indeholder styretegn (binære data); hent CSV fra Statistikbanken", line=line
        )


@dataclass(frozen=True)
class _Layout:
    names: list[str]  # header cells as written (cleaned of quotes and blanks)
    area: int
    period: int
    value: int
    offence: int | None
    anmsigt: int | None
    breakdown: list[int]
    empty: list[int]  # unnamed columns (a trailing `;`), must stay empty
    header_kind: str


def _role(name: str) -> str:
    folded = name.casefold()
    if folded == "indhold":
        return "value"
    if folded == "tid":
        return "period"
    if folded.startswith("omr") or folded in ("region", "kommune"):
        return "area"
    if folded.startswith("overtr"):
        return "offence"
    if folded.startswith(("anmsigt", "anmeldte")):
        return "anmsigt"
    if not folded:
        return "empty"
    return "breakdown"


def _layout(header: str) -> _Layout:
    if ";" not in header:
        for mark, name in ((",", "komma"), ("\t", "tabulator")):
            if mark in header:
                raise _reject(
                    f"Filen er ikke semikolon-separeret (skilletegnet ser ud til at være {name}); "
                    "hent CSV fra Statistikbanken",
                    line=1,
                )
        raise _reject(
            "Første linje er ikke en overskrift med ;-separerede kolonner "
            "(forventet fx OMRÅDE;OVERTRÆD;TID;INDHOLD)",
            line=1,
        )
    names = [_clean(cell).lstrip("\ufeff") for cell in header.split(";")]
    roles = [_role(name) for name in names]
    if "value" not in roles:
        first = names[0] if names else ""
        kinds = [_parse_period(name).quarterly for name in names]
        # a table with periods across (website "matrix") starts with blank cells or has quarters
        if "period" not in roles and (kinds.count(True) >= 2 or (not first and any(kinds))):
            raise _reject(
                "Filen har perioderne som kolonner (tabelformat); hent den lodrette CSV "
                "(API eller «CSV (semikolonsepareret)» med TID i rækkerne)",
                line=1,
            )
        if first.isdigit() or _parse_area(first).code is not None or any(kinds):
            raise _reject(
                "Filen har ingen overskrift (første linje er data; forventet fx "
                "OMRÅDE;OVERTRÆD;TID;INDHOLD)",
                line=1,
            )
        raise _reject(N_("Overskriften mangler kolonnen INDHOLD"), line=1, column="INDHOLD")
    problems = []
    for role, label in (("area", "OMRÅDE"), ("period", "TID")):
        if role not in roles:
            problems.append(Problem(1, label, "", f"Overskriften mangler kolonnen {label}"))
    for role in ("value", "period", "area", "offence", "anmsigt"):
        if roles.count(role) > 1:
            twice = [name for name, r in zip(names, roles, strict=True) if r == role]
            problems.append(Problem(1, twice[1], "", "Kolonnen findes to gange i overskriften"))
    if problems:
        raise DstRejected(problems)
    named = [
        name
        for name, role in zip(names, roles, strict=True)
        if role in ("area", "offence", "anmsigt", "breakdown")
    ]
    ids = all(name == name.upper() and " " not in name for name in named)
    return _Layout(
        names=names,
        area=roles.index("area"),
        period=roles.index("period"),
        value=roles.index("value"),
        offence=roles.index("offence") if "offence" in roles else None,
        anmsigt=roles.index("anmsigt") if "anmsigt" in roles else None,
        breakdown=[i for i, role in enumerate(roles) if role == "breakdown"],
        empty=[i for i, role in enumerate(roles) if role == "empty"],
        header_kind="ids" if ids else "names",
    )


class _Collector:
    """Problems found per check; keeps the first rows of each check and counts them all."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.total = 0

    def add(self, problem: Problem) -> None:
        self.total += 1
        self.problems.append(problem)

    def rows(
        self,
        mask: np.ndarray,
        *,
        lines: np.ndarray,
        column: str,
        values: np.ndarray,
        why: Callable[[int], str],
        empty: str = "(tom)",
    ) -> None:
        where = np.flatnonzero(mask)
        self.total += len(where)
        for i in where[:MAX_PROBLEMS]:
            shown = _shown(values[i]) or empty
            self.problems.append(Problem(int(lines[i]), column, shown, why(int(i))))

    def raise_if_any(self) -> None:
        if self.total:
            ordered = sorted(self.problems, key=lambda p: p.line)
            raise DstRejected(ordered[:MAX_PROBLEMS], total=self.total)


def _body_frame(
    encoded: bytes, layout: _Layout, found: _Collector
) -> tuple[pd.DataFrame, np.ndarray]:
    """The data lines as a frame of strings plus each row's line number; bad lines reported."""
    width = len(layout.names)
    buffer = np.frombuffer(encoded, dtype=np.uint8)
    newlines = np.flatnonzero(buffer == ord("\n"))
    ends = newlines if encoded.endswith(b"\n") else np.append(newlines, len(encoded))
    starts = np.concatenate(([0], newlines + 1))[: len(ends)]
    separators = np.flatnonzero(buffer == ord(";"))
    fields = np.searchsorted(separators, ends) - np.searchsorted(separators, starts) + 1
    lines = np.arange(2, len(ends) + 2)
    columns = [f"c{i}" for i in range(width)]
    good = fields == width
    if not good.all():
        text_lines = encoded.decode("utf-8").split("\n")
        for i in np.flatnonzero(~good):
            if text_lines[i].strip():
                found.add(
                    Problem(
                        int(lines[i]),
                        "",
                        "",
                        f"har {fields[i]} felter, overskriften har {width}",
                    )
                )
        encoded = "\n".join(text_lines[i] for i in np.flatnonzero(good)).encode("utf-8")
        lines = lines[good]
    if not len(lines):
        return pd.DataFrame({name: pd.Series([], dtype=object) for name in columns}), lines
    try:
        frame = pd.read_csv(
            io.BytesIO(encoded),
            sep=";",
            header=None,
            names=columns,
            dtype=str,
            encoding="utf-8",
            keep_default_na=False,
            na_filter=False,
            quoting=csv.QUOTE_NONE,
            skip_blank_lines=False,
            engine="c",
        )
    except (ValueError, pd.errors.ParserError) as error:  # ParserError is a ValueError
        raise _reject(f"Filen kunne ikke læses som CSV ({_shown(str(error), 120)})") from None
    if len(frame) != len(lines):  # cannot happen with QUOTE_NONE; refuse rather than misnumber
        raise _reject(N_("Filen kunne ikke læses som CSV (uventet linjeopdeling)"))
    return frame, lines


def _detect(
    *, has_offence: bool, has_anmsigt: bool, quarterly: bool | None
) -> tuple[DstTable | None, str]:
    if has_offence and has_anmsigt:
        return DstTable.STRAF22, ""
    if quarterly is None:
        return None, "ingen gyldige perioder i kolonnen TID (fx 2023K1 eller 2023)"
    if has_anmsigt:
        return None, "kolonnen ANMSIGT findes, men ikke OVERTRÆD"
    if has_offence:
        return (DstTable.STRAF11 if quarterly else DstTable.STRAF22), ""
    return (DstTable.FOLK1A if quarterly else DstTable.FAM55N), ""


def _as_table(table: DstTable | str | None) -> DstTable | None:
    if table is None or isinstance(table, DstTable):
        return table
    try:
        return DstTable(str(table).strip().upper())
    except ValueError:
        known = ", ".join(DstTable)
        raise _reject(f"Ukendt tabel «{_shown(str(table))}» (kendte tabeller: {known})") from None


def read_dst(
    data: bytes,
    *,
    table: DstTable | str | None = None,
    offence: int | frozenset[int] = BURGLARY,
    max_bytes: int = 100_000_000,
    anmsigt: str | None = "ANM",
    first_year: int = FIRST_YEAR,
    last_year: int | None = None,
    ages: bool = False,
    empty_ok: bool = False,
) -> DstFile:
    """Read and check one Statistikbanken CSV file; raise DstRejected listing every problem.

    `table` is recognised from the content when not given. Crime tables keep only `offence`
    (default 1320, residential burglary); STRAF22 keeps only `anmsigt` ("ANM", None for both).
    Periods must lie in `first_year`..`last_year` (default: next year).
    `ages` (FOLK1A only): keep ALDER's single years beside its total, each row's in `DstRow.age`.
    `offence` may be a set of exact codes (the other offences beside burglary); `empty_ok`: a
    file without rows of them is read as a file without rows instead of refused.
    """
    chosen = _as_table(table)
    body = _body(*_utf8(bytes(data), max_bytes))
    periods = body.parse(body.layout.period, _parse_period)  # they tell quarters from years
    resolved = _resolve(body, chosen, periods)
    top_year = last_year if last_year is not None else date.today().year + 1
    bad_period = _check_periods(body, periods, resolved, years=(first_year, top_year))
    areas = body.parse(body.layout.area, _parse_area)
    bad_area = _check_areas(body, areas)
    offences = _keep_offence(body, offence)
    anmsigts = _keep_anmsigt(body, anmsigt)
    _check_unnamed(body)
    age_of = _keep_ages(body, resolved) if ages else None
    _keep_totals(body, resolved)
    kept = np.flatnonzero(body.keep)
    keys = _Keys.of(
        kept, areas=areas, periods=periods, offences=offences, anmsigts=anmsigts, ages=age_of
    )
    values = _check_values(body, kept, areas)
    _check_repeats(body, kept, keys, checkable=~(bad_area | bad_period)[kept])
    body.found.raise_if_any()
    if not len(kept) and not empty_ok:
        raise _nothing_kept(resolved, offence, anmsigt, skipped_anmsigt=body.skipped["anmsigt"])
    rows = _rows(keys, values, lines=body.lines[kept], crime=resolved in CRIME_TABLES)
    return _file(body, resolved, rows, cell_kind=_cell_kind(areas))


# --- the steps of read_dst --------------------------------------------------------------------


@dataclass
class _Body:
    """The data lines being checked: cells, line numbers, the rows kept so far, the problems."""

    frame: pd.DataFrame
    lines: np.ndarray  # each row's line in the file
    layout: _Layout
    found: _Collector
    encoding: str
    keep: np.ndarray  # rows of the offence, ANMSIGT and totals asked for
    skipped: dict[str, int] = field(  # rows left out, by the step that left them out
        default_factory=lambda: {"offences": 0, "anmsigt": 0, "breakdown": 0}
    )
    age_column: int | None = None  # ALDER, when its single years are kept

    def column(self, index: int) -> pd.Series:
        return self.frame[f"c{index}"]

    def parse(self, index: int, parse: Callable[[str], Any]) -> _Column:
        return _by_value(self.column(index), parse)

    def name(self, index: int) -> str:
        return self.layout.names[index]


@dataclass(frozen=True)
class _Keys:
    """What identifies each kept row (None where the table has no such column)."""

    area: np.ndarray
    period: np.ndarray
    offence: np.ndarray
    anmsigt: np.ndarray
    age: np.ndarray

    @classmethod
    def of(
        cls,
        kept: np.ndarray,
        *,
        areas: _Column,
        periods: _Column,
        offences: np.ndarray | None,
        anmsigts: np.ndarray | None,
        ages: np.ndarray | None = None,
    ) -> "_Keys":
        """The keys of the kept rows."""
        none = np.full(len(kept), None)
        return cls(
            area=areas.per_row(lambda a: a.code)[kept],
            period=periods.per_row(lambda p: p.text)[kept],
            offence=offences[kept] if offences is not None else none,
            anmsigt=anmsigts[kept] if anmsigts is not None else none,
            age=ages[kept] if ages is not None else none,
        )


def _utf8(raw: bytes, max_bytes: int) -> tuple[bytes, str]:
    """The file as UTF-8 bytes with LF line ends, and the encoding it came in."""
    _check_container(raw, max_bytes)
    # pandas and the line count below both end lines at LF (CRLF included); a lone CR (old Mac
    # files) becomes LF. CR and LF are single bytes in UTF-8 and Windows-1252 alike.
    carriage_returns = raw.count(b"\r")
    if carriage_returns and carriage_returns != raw.count(b"\r\n"):
        raw = raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    text, encoding = _decode(raw)
    _not_csv(raw, text)
    # pandas reads UTF-8 bytes; a UTF-8 file is passed on as it is, without a second copy
    return text.encode("utf-8") if encoding == "cp1252" else raw.removeprefix(UTF8_BOM), encoding


def _body(payload: bytes, encoding: str) -> _Body:
    """The header understood and the data lines read (lines of the wrong width reported)."""
    header, _, body = payload.partition(b"\n")
    layout = _layout(header.decode("utf-8"))
    found = _Collector()
    frame, lines = _body_frame(body, layout, found)
    if not len(frame):
        found.raise_if_any()
        raise _reject(N_("Filen har en overskrift, men ingen datarækker"))
    return _Body(frame, lines, layout, found, encoding, keep=np.ones(len(frame), dtype=bool))


def _resolve(body: _Body, chosen: DstTable | None, periods: _Column) -> DstTable:
    """The table the file is from: as asked, or recognised from its columns and periods."""
    counts = np.bincount(periods.codes, minlength=len(periods.results))
    quarters = sum(int(n) for n, p in zip(counts, periods.results, strict=True) if p.quarterly)
    years = sum(
        int(n) for n, p in zip(counts, periods.results, strict=True) if p.quarterly is False
    )
    layout = body.layout
    detected, why_unknown = _detect(
        has_offence=layout.offence is not None,
        has_anmsigt=layout.anmsigt is not None,
        quarterly=None if quarters == years == 0 else quarters >= years,
    )
    if chosen is not None and detected is not None and chosen != detected:
        raise _reject(f"Filen ligner {detected}, ikke {chosen}")
    resolved = chosen or detected
    if resolved is None:
        why = f"Kan ikke se, hvilken tabel filen er fra: {why_unknown}; angiv tabellen"
        body.found.add(Problem(0, "", "", why))
        resolved = DstTable.STRAF11 if layout.offence is not None else DstTable.FOLK1A
    _check_columns(resolved, layout)
    return resolved


def _check_columns(table: DstTable, layout: _Layout) -> None:
    crime = table in CRIME_TABLES
    if crime and layout.offence is None:
        raise _reject(f"{table}-filen mangler kolonnen OVERTRÆD", line=1, column="OVERTRÆD")
    if not crime and layout.offence is not None:
        raise _reject(f"{table} har ingen kolonne OVERTRÆD; er det en STRAF-tabel?", line=1)
    if layout.anmsigt is not None and table != DstTable.STRAF22:
        raise _reject(f"{table} har ingen kolonne ANMSIGT", line=1)


def _check_periods(
    body: _Body, periods: _Column, table: DstTable, *, years: tuple[int, int]
) -> np.ndarray:
    """Report periods of the wrong kind or outside the years; which rows have one."""
    wanted_quarterly = table in QUARTERLY_TABLES
    first_year, top_year = years

    def problem(period: _Period) -> str | None:
        if period.quarterly is None:
            return "er ikke en periode"
        if period.quarterly != wanted_quarterly:
            return (
                "er ikke et kvartal (fx 2023K1)" if wanted_quarterly else "er ikke et år (fx 2023)"
            )
        if not first_year <= period.year <= top_year:
            return f"ligger uden for {first_year}-{top_year}"
        return None

    why = [problem(p) for p in periods.results]
    bad = _per_row(periods.codes, [w is not None for w in why], bool)
    body.found.rows(
        bad,
        lines=body.lines,
        column=body.name(body.layout.period),
        values=periods.written(),
        why=lambda i: str(why[periods.codes[i]]),
    )
    return bad


def _check_areas(body: _Body, areas: _Column) -> np.ndarray:
    """Report areas that are not known; which rows have one."""
    bad = areas.per_row(lambda a: a.code is None, bool)
    body.found.rows(
        bad,
        lines=body.lines,
        column=body.name(body.layout.area),
        values=areas.written(),
        why=lambda i: (
            "er ikke et kendt område (kommune, region, Hele landet, Christiansø, Uoplyst)"
        ),
    )
    return bad


def _cell_kind(areas: _Column) -> str:
    """How most distinct areas are written: codes, labels or both."""
    counts: dict[str, int] = {}
    for area in areas.results:
        counts[area.kind] = counts.get(area.kind, 0) + 1
    return max(counts, key=lambda kind: counts[kind])


def _keep_offence(body: _Body, offence: int | frozenset[int]) -> np.ndarray | None:
    """Keep the rows of the offence(s) asked for (exact codes only, never a parent level such as
    13 or TOT that contains them); each row's offence code."""
    if body.layout.offence is None:
        return None
    wanted = frozenset({offence}) if isinstance(offence, int) else offence
    offences = body.parse(body.layout.offence, _parse_offence)
    unknown = sorted(wanted - set(OFFENCE_LABELS.values()))
    if unknown and offences.results and all(o.kind == "labels" for o in offences.results):
        raise _reject(
            f"Overtrædelserne står som tekst; kun «Indbrud i beboelser» ({BURGLARY}) og de "
            f"kendte koder kan genkendes, ikke {', '.join(map(str, unknown))}. "
            "Hent filen med koder",
            line=1,
            column=body.name(body.layout.offence),
        )
    match = offences.per_row(lambda o: o.code in wanted, bool)
    body.skipped["offences"] = int((~match).sum())
    body.keep &= match
    return offences.per_row(lambda o: o.code)


def _keep_anmsigt(body: _Body, anmsigt: str | None) -> np.ndarray | None:
    """Report unknown ANMSIGT values and keep the one asked for (None: both); each row's."""
    if body.layout.anmsigt is None:
        return None
    anms = body.parse(body.layout.anmsigt, _parse_anmsigt)
    body.found.rows(
        anms.per_row(lambda a: a is None, bool) & body.keep,
        lines=body.lines,
        column=body.name(body.layout.anmsigt),
        values=anms.written(),
        why=lambda i: N_("er hverken ANM (anmeldte) eller SIG (sigtede)"),
    )
    if anmsigt is not None:
        match = anms.per_row(lambda a: a == anmsigt.upper(), bool)
        body.skipped["anmsigt"] = int((body.keep & ~match).sum())
        body.keep &= match
    return anms.per_row()


def _check_unnamed(body: _Body) -> None:
    """Report values in columns without a heading (a trailing `;` is fine when empty)."""
    for index in body.layout.empty:
        body.found.rows(
            body.column(index).map(_clean).to_numpy() != "",
            lines=body.lines,
            column=f"nr. {index + 1} (uden navn)",
            values=body.column(index).to_numpy(dtype=object),
            why=lambda i: N_("står i en kolonne uden overskrift"),
        )


def _parse_age(raw: str) -> int | str | None:
    """An ALDER level: the year of age, None for the total, "" for anything else."""
    text = _clean(raw)
    if _total_level([text]) is not None:
        return None
    match = _AGE.fullmatch(text.casefold())
    if match and int(match.group(1)) <= MAX_AGE:
        return int(match.group(1))
    return ""


def _keep_ages(body: _Body, table: DstTable) -> np.ndarray:
    """FOLK1A's ALDER column kept by single year: each row's age (None: the total)."""
    names = [body.name(i).casefold() for i in body.layout.breakdown]
    if table != DstTable.FOLK1A or "alder" not in names:
        raise _reject(
            "Aldersfordelingen kræver FOLK1A med kolonnen ALDER (hent tabellen med ALDER=*)", line=1
        )
    body.age_column = body.layout.breakdown[names.index("alder")]
    levels = body.parse(body.age_column, _parse_age)
    unknown = levels.per_row(lambda age: age == "", bool)
    body.found.rows(
        unknown & body.keep,
        lines=body.lines,
        column=body.name(body.age_column),
        values=levels.written(),
        why=lambda i: f"er ikke en alder (0-{MAX_AGE}) eller «I alt»",
    )
    return levels.per_row(lambda age: None if age == "" else age)


def _keep_totals(body: _Body, table: DstTable) -> None:
    """Keep the total of each breakdown column (KØN, ALDER, ...).

    Without one clear total per column the rows cannot be checked further: refused at once."""
    structural: list[Problem] = []
    for index in body.layout.breakdown:
        if index == body.age_column:
            continue  # its single years are kept (_keep_ages)
        name = body.name(index)
        levels = body.parse(index, _clean)
        total = _total_level([str(v) for v in levels.raw])
        if total is None or isinstance(total, tuple):
            why = (
                f"har ingen «I alt»/TOT-række; hent {table} med totaler (udelad {name} i udtrækket)"
                if total is None
                else f"har flere mulige totaler ({', '.join(_shown(t) for t in total)})"
            )
            structural.append(Problem(1, name, "", why))
            continue
        match = _per_row(levels.codes, [v == total for v in levels.raw], bool)
        body.skipped["breakdown"] += int((body.keep & ~match).sum())
        body.keep &= match
    if structural:
        ordered = sorted(structural + body.found.problems, key=lambda p: p.line)
        raise DstRejected(ordered[:MAX_PROBLEMS], total=len(structural) + body.found.total)


def _check_values(body: _Body, kept: np.ndarray, areas: _Column) -> np.ndarray:
    """Each kept row's value (None: missing), problems reported. A count above MAX_COUNT cannot be
    one municipality's in one period; the whole country and the regions may reach
    MAX_NATIONAL_COUNT (FOLK1A: about 6 million people)."""
    kinds, _ = _areas()
    wide = areas.per_row(lambda a: kinds.get(a.code) in ("country", "region"), bool)[kept]
    values = _by_value(body.column(body.layout.value).iloc[kept], str)
    by_limit = [
        [_parse_value(v, limit) for v in values.raw] for limit in (MAX_COUNT, MAX_NATIONAL_COUNT)
    ]

    def per_row(part: int) -> np.ndarray:
        municipal, national = (
            _per_row(values.codes, [p[part] for p in parsed]) for parsed in by_limit
        )
        return np.where(wide, national, municipal)

    numbers, why = per_row(0), per_row(1)
    body.found.rows(
        pd.notna(why),
        lines=body.lines[kept],
        column=body.name(body.layout.value),
        values=values.written(),
        why=lambda i: str(why[i]),
    )
    return numbers


def _check_repeats(body: _Body, kept: np.ndarray, keys: _Keys, *, checkable: np.ndarray) -> None:
    """Report kept rows that repeat an earlier one (same area, period, offence and ANMSIGT);
    rows whose area or period is already reported take no part."""
    frame = pd.DataFrame(
        {
            "area": keys.area,
            "period": keys.period,
            "offence": keys.offence,
            "anm": keys.anmsigt,
            "age": keys.age,
        }
    )
    repeated = frame.duplicated(keep="first").to_numpy() & checkable
    if not repeated.any():
        return
    key_of = list(zip(keys.area, keys.period, keys.offence, keys.anmsigt, keys.age, strict=True))
    first_line: dict[Hashable, int] = {}
    for i in np.flatnonzero(frame.duplicated(keep=False).to_numpy() & checkable):
        first_line.setdefault(key_of[i], int(body.lines[kept[i]]))
    layout = body.layout
    key_columns = [layout.area, layout.offence, layout.anmsigt, layout.period, body.age_column]
    same = ["område", "periode"]
    same += ["overtrædelse"] if layout.offence is not None else []
    same += ["anmeldt/sigtet"] if layout.anmsigt is not None else []
    same += ["alder"] if body.age_column is not None else []
    body.found.rows(
        repeated,
        lines=body.lines[kept],
        column="/".join(body.name(i) for i in sorted(i for i in key_columns if i is not None)),
        values=np.full(len(kept), "", dtype=object),
        empty="",
        why=lambda i: (
            f"gentager linje {first_line[key_of[i]]} (samme {', '.join(same[:-1])} og {same[-1]})"
        ),
    )


def _nothing_kept(
    table: DstTable, offence: int | frozenset[int], anmsigt: str | None, *, skipped_anmsigt: int
) -> DstRejected:
    codes = str(offence) if isinstance(offence, int) else ", ".join(map(str, sorted(offence)))
    what = f"overtrædelse {codes}" if table in CRIME_TABLES else "totaler"
    if table == DstTable.STRAF22 and anmsigt is not None and skipped_anmsigt:
        what += f" med ANMSIGT={anmsigt.upper()}"
    return _reject(f"Filen har ingen rækker for {what}")


def _rows(keys: _Keys, values: np.ndarray, *, lines: np.ndarray, crime: bool) -> list[DstRow]:
    kinds, _ = _areas()
    return [
        DstRow(
            area_code=int(area),
            area_kind=kinds[int(area)],
            period=str(period),
            value=value,
            offence=None if offence_code is None else int(offence_code),
            anmsigt=anm,
            line=int(line),
            maybe_suppressed=crime and value == 0,
            age=None if age is None else int(age),
        )
        for area, period, value, offence_code, anm, age, line in zip(
            keys.area, keys.period, values, keys.offence, keys.anmsigt, keys.age, lines, strict=True
        )
    ]


def _file(body: _Body, table: DstTable, rows: list[DstRow], *, cell_kind: str) -> DstFile:
    return DstFile(
        table=table,
        rows=rows,
        encoding=body.encoding,
        header_kind=body.layout.header_kind,
        cell_kind=cell_kind,
        skipped_offences=body.skipped["offences"],
        skipped_anmsigt=body.skipped["anmsigt"],
        skipped_breakdown=body.skipped["breakdown"],
        breakdown_columns=tuple(body.name(index) for index in body.layout.breakdown),
    )
