"""Survey answers from a file (kommune;år;måling;kategori;antal, one row per category), all or nothing."""

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import delete, insert
from sqlmodel import Session, col, select

from dataio.errors import ValidationFailed
from dataio.files.imports import FileImport, Parsed, Written, first_rows, preview_of
from dataio.files.tabular import (
    Column,
    Row,
    find_municipality,
    fold,
    parse_count,
    parse_year,
    problem,
    read_rows,
)
from models.formatting import fmt_int
from models.i18n import DANISH, M_, N_, translate_plural, translator
from models.permissions import Action, Actor
from models.tables import Municipality, SurveyAnswer, SurveyCategory, SurveyMeasure, SurveyRound

DATASET = "tryghedsmåling"
KOMMUNE = Column("municipality", "kommune", ("kommunekode", "kommunenavn"))
AAR = Column("year", "år", ("ar", "aarstal", "årstal", "year"))
MAALING = Column("measure", "måling", ("maling", "spørgsmål", "measure"))
KATEGORI = Column("category", "kategori", ("svar", "svarkategori", "category"))
ANTAL = Column("count", "antal", ("antal svar", "count"))
COLUMNS = (KOMMUNE, AAR, MAALING, KATEGORI, ANTAL)

RoundKey = tuple[int, int, str]  # municipality, year, measure


@dataclass(frozen=True)
class SurveyGroup:
    """One municipality's answers to one measure in one year, as read from the file."""

    municipality_code: int
    municipality_name: str
    year: int
    measure_code: str
    answers: dict[str, int]
    rows: tuple[int, ...]
    change: str = ""  # "ny" or "erstattet", set when compared with the database

    @property
    def key(self) -> RoundKey:
        """(municipality, year, measure): what identifies a round."""
        return (self.municipality_code, self.year, self.measure_code)

    @property
    def respondents(self) -> int:
        """Everyone who answered, all categories."""
        return sum(self.answers.values())


@dataclass(frozen=True)
class SurveyImportReport:
    """What a survey import did (or, for a preview, would do)."""

    rows: int
    rounds: int
    new: int
    replaced: int
    municipalities: int
    years: str
    demo_rounds_removed: int
    source_id: int | None = None
    groups: tuple[SurveyGroup, ...] = field(default=(), repr=False)

    def text(self, *, lang: str = DANISH) -> str:
        """One line for the CLI and the page (Danish unless `lang` says otherwise)."""
        _ = translator(lang)

        def n(count: int, words: str) -> str:
            return words.format(count=fmt_int(count, lang=lang))

        return _(
            "Tryghedsmålinger: {rounds} ({rows}) for {municipalities} ({years}); {new}, "
            "{replaced}; {removed} eksempeldata fjernet"
        ).format(
            rounds=n(
                self.rounds,
                translate_plural(lang, "{count} måling", "{count} målinger", self.rounds),
            ),
            rows=n(
                self.rows,
                translate_plural(lang, "{count} svarkategori", "{count} svarkategorier", self.rows),
            ),
            municipalities=n(
                self.municipalities,
                translate_plural(lang, "{count} kommune", "{count} kommuner", self.municipalities),
            ),
            years=self.years,
            new=n(self.new, translate_plural(lang, "{count} ny", "{count} nye", self.new)),
            replaced=n(
                self.replaced,
                translate_plural(lang, "{count} erstattet", "{count} erstattede", self.replaced),
            ),
            removed=n(
                self.demo_rounds_removed,
                translate_plural(
                    lang, "{count} måling", "{count} målinger", self.demo_rounds_removed
                ),
            ),
        )


def _categories(session: Session) -> dict[str, dict[str, str]]:
    """Measure code -> folded category code -> category code."""
    result: dict[str, dict[str, str]] = {m.code: {} for m in session.exec(select(SurveyMeasure))}
    for category in session.exec(select(SurveyCategory)):
        result.setdefault(category.measure_code, {})[_code(category.code)] = category.code
    return result


def _code(value: object) -> str:
    """A code as compared: 'Meget utryg', 'meget_utryg' and 'MEGET-UTRYG' are the same."""
    return fold(str(value)).replace(" ", "_")


def _measure(value: object, measures: dict[str, dict[str, str]], number: int) -> str:
    code = _code(value) if value is not None else ""
    if code not in measures:
        known = ", ".join(sorted(measures)) or "ingen i databasen"
        raise problem(
            number,
            MAALING,
            M_("ukendt måling «{value}» (kendte: {known})", value=value or "", known=known),
        )
    return code


def _category(value: object, categories: dict[str, str], measure: str, number: int) -> str:
    code = categories.get(_code(value)) if value is not None else None
    if code is None:
        known = ", ".join(sorted(categories.values()))
        raise problem(
            number,
            KATEGORI,
            M_(
                "ukendt kategori «{value}» for {measure} (kendte: {known})",
                value=value or "",
                measure=measure,
                known=known,
            ),
        )
    return code


def _groups(
    rows: list[Row],
    lookup: dict[str, Municipality],
    measures: dict[str, dict[str, str]],
    today: date,
) -> list[SurveyGroup]:
    answers: dict[RoundKey, dict[str, int]] = defaultdict(dict)
    numbers: dict[RoundKey, list[int]] = defaultdict(list)
    seen: dict[tuple[RoundKey, str], int] = {}
    names: dict[int, str] = {}
    for row in rows:
        cells, number = row.cells, row.number
        municipality = find_municipality(lookup, cells["municipality"], row=number, column=KOMMUNE)
        year = parse_year(cells["year"], row=number, column=AAR, today=today)
        measure = _measure(cells["measure"], measures, number)
        category = _category(cells["category"], measures[measure], measure, number)
        count = parse_count(cells["count"], row=number, column=ANTAL)
        key = (municipality.code, year, measure)
        if (key, category) in seen:
            raise ValidationFailed(
                M_(
                    "Række {number}: {municipality} {year}, {measure}, {category} står også i "
                    "række {other}; hver kategori må kun stå én gang",
                    number=number,
                    municipality=municipality.name,
                    year=year,
                    measure=measure,
                    category=category,
                    other=seen[key, category],
                )
            )
        seen[key, category] = number
        answers[key][category] = count
        numbers[key].append(number)
        names[municipality.code] = municipality.name
    groups = [
        SurveyGroup(k[0], names[k[0]], k[1], k[2], answers[k], tuple(numbers[k])) for k in answers
    ]
    for group in groups:
        if group.respondents == 0:
            raise ValidationFailed(
                M_(
                    "Række {number}: {municipality} {year}, {measure} har ingen svar (antal er 0 "
                    "i alle kategorier)",
                    number=group.rows[0],
                    municipality=group.municipality_name,
                    year=group.year,
                    measure=group.measure_code,
                )
            )
    return groups


def _write(session: Session, groups: list[SurveyGroup], *, source_id: int) -> tuple[int, int]:
    """Replace the file's rounds and remove demo rounds of its municipalities and measures.

    Returns (rounds replaced, demo rounds removed)."""
    pairs = {(g.municipality_code, g.measure_code) for g in groups}
    keys = {(g.municipality_code, g.year, g.measure_code) for g in groups}
    codes = sorted({code for code, _ in pairs})
    existing = session.exec(
        select(SurveyRound).where(col(SurveyRound.municipality_code).in_(codes))
    ).all()
    demo = [r for r in existing if r.is_demo and (r.municipality_code, r.measure_code) in pairs]
    replaced = [
        r
        for r in existing
        if not r.is_demo and (r.municipality_code, r.year, r.measure_code) in keys
    ]
    gone = [r.id for r in demo + replaced]
    if gone:
        session.execute(delete(SurveyAnswer).where(col(SurveyAnswer.round_id).in_(gone)))
        session.execute(delete(SurveyRound).where(col(SurveyRound.id).in_(gone)))
    for group in groups:
        survey_round = SurveyRound(
            municipality_code=group.municipality_code,
            year=group.year,
            measure_code=group.measure_code,
            respondents=group.respondents,
            source_id=source_id,
        )
        session.add(survey_round)
        session.flush()
        session.execute(
            insert(SurveyAnswer),
            [
                {"round_id": survey_round.id, "category": c, "count": n}
                for c, n in group.answers.items()
            ],
        )
    return len(replaced), len(demo)


def _replaced_keys(session: Session, groups: list[SurveyGroup]) -> set[RoundKey]:
    codes = sorted({g.municipality_code for g in groups})
    rounds = session.exec(
        select(SurveyRound).where(
            col(SurveyRound.municipality_code).in_(codes), col(SurveyRound.is_demo).is_(False)
        )
    ).all()
    return {(r.municipality_code, r.year, r.measure_code) for r in rounds}


def _read(
    data: bytes, *, session: Session, lookup: dict[str, Municipality], today: date
) -> Parsed[list[SurveyGroup]]:
    rows = read_rows(data, COLUMNS)
    groups = _groups(rows, lookup, _categories(session), today)
    firsts = first_rows((group.municipality_code, group.rows[0]) for group in groups)
    return Parsed(groups, rows=len(rows), first_rows=firsts)


def _write_file(
    session: Session, parsed: Parsed[list[SurveyGroup]], *, actor: Actor, source_id: int
) -> Written[SurveyImportReport]:
    groups = parsed.content
    before = _replaced_keys(session, groups)
    marked = tuple(
        replace(group, change=N_("erstattet") if group.key in before else N_("ny"))
        for group in groups
    )
    replaced, demo_removed = _write(session, groups, source_id=source_id)
    years = sorted({g.year for g in groups})
    report = SurveyImportReport(
        rows=parsed.rows,
        rounds=len(groups),
        new=len(groups) - replaced,
        replaced=replaced,
        municipalities=len(parsed.first_rows),
        years=str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}",
        demo_rounds_removed=demo_removed,
        source_id=source_id,
        groups=marked,
    )
    return Written(
        report,
        periods=report.years,
        changed=len(groups),
        after={"rounds": report.rounds, "new": report.new, "replaced": replaced},
    )


SURVEY_FILES: FileImport[list[SurveyGroup], SurveyImportReport] = FileImport(
    name="Tryghedsmåling (fil)",
    dataset=DATASET,
    action=Action.EDIT_SURVEYS,
    audit_action="survey.import",
    entity="survey_round",
    what="tryghedsmåling",
    read=_read,
    write=_write_file,
)
import_survey = SURVEY_FILES.run
"""Read, validate and write one file; on any error nothing is written."""
preview_survey = preview_of(import_survey)
