"""The meeting pack as PowerPoint: read back with python-pptx, the slides say what
`botrygt status --json` says, carry the demo footer on every slide (and none without demo data),
the cover's snapshot id is the PDF's, a long plan splits over slides with no row lost, the goal
slides have the PDF's charts, and every shape stays inside the slide."""

import io
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pptx import Presentation
from pptx.presentation import Presentation as Deck
from pptx.shapes.base import BaseShape
from pptx.slide import Slide
from sqlalchemy import Engine

from dataio.db.engine import make_engine
from dataio.meeting_pack.pack import MeetingPack
from dataio.meeting_pack.pptx import (
    CAUSE_CAVEAT,
    CHART,
    CONTENT_WIDTH,
    DEMO,
    FIGURES,
    FOOTER_TOP,
    SLIDE_HEIGHT,
    SLIDE_WIDTH,
    STATUS,
    TABLE,
    TITLE,
    _row_height,
    line_count,
    report_pptx,
    split_rows,
)
from models.expected import ExpectedStatus
from models.expected_text import status_badge as expected_badge
from models.formatting import fmt_date, fmt_decimal, fmt_int, fmt_percent
from models.report import PlanBuckets, PlanRow
from models.vocabulary import status_mark
from tests.dataio.meeting_pack.test_meeting_pack import (
    TODAY,
    expected_pdf_phrases,
    pack_for,
    pdf_pages,
    status_json,
)
from tests.factories import ISHOJ

HORSHOLM = 223
EMU_PER_INCH = 914400
BURGLARIES = "Ishøj: Indbrud i beboelser mod målet"


def deck_of(data: bytes) -> Deck:
    return Presentation(io.BytesIO(data))


def shape_text(shape: BaseShape) -> str:
    """A shape's text, a table's cells joined by " | " row by row."""
    if getattr(shape, "has_table", False):
        table = shape.table  # type: ignore[attr-defined]
        return "\n".join(" | ".join(c.text for c in row.cells) for row in table.rows)
    if shape.has_text_frame:
        return str(shape.text_frame.text)  # type: ignore[attr-defined]
    return ""


def named(slide: Slide, name: str) -> list[BaseShape]:
    return [s for s in slide.shapes if s.name == name]


def title_of(slide: Slide) -> str:
    [title] = named(slide, TITLE)
    return shape_text(title)


def slide_text(slide: Slide) -> str:
    """All the slide's text, whitespace folded."""
    return " ".join(" ".join(shape_text(s) for s in slide.shapes).split())


def by_title(deck: Deck) -> dict[str, Slide]:
    return {title_of(slide): slide for slide in deck.slides}


def table_rows(slide: Slide) -> list[list[str]]:
    """The rows under the header of the slide's one table."""
    [frame] = named(slide, TABLE)
    rows = [[c.text for c in row.cells] for row in frame.table.rows]  # type: ignore[attr-defined]
    return rows[1:]


@pytest.fixture(scope="module")
def ishoj(demo_db_url: str) -> Iterator[MeetingPack]:
    engine = make_engine(demo_db_url)
    yield pack_for(engine, formats=("pdf", "pptx"))
    engine.dispose()


@pytest.fixture(scope="module")
def horsholm(demo_db_url: str) -> Iterator[MeetingPack]:
    engine = make_engine(demo_db_url)
    yield pack_for(engine, HORSHOLM, formats=("pptx",))
    engine.dispose()


def test_slides_have_the_status_figures_of_status_json(
    demo_db_url: str,
    ishoj: MeetingPack,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    document = status_json(demo_db_url, ISHOJ, monkeypatch, capsys)
    deck = deck_of(ishoj.pptx)
    slides = by_title(deck)
    everything = " ".join(slide_text(s) for s in deck.slides)
    for phrase in expected_pdf_phrases(document):  # the PDF's phrases: same words, same figures
        assert phrase in everything, phrase
    burglaries = document["burglaries"]
    goal = slides[BURGLARIES]
    [status] = named(goal, STATUS)
    assert shape_text(status) == f"Status: {status_mark(burglaries['status'])}"
    [figures] = named(goal, FIGURES)
    assert shape_text(figures).split("\n")[0] == (
        f"Indbrud i beboelser {burglaries['latest_year']}: {fmt_int(burglaries['count'])}"
    )
    plan = document["action_plan"]
    summary = slide_text(slides["Handlingsplanen: Ishøj"])
    assert (
        f"{plan['items']} aktiviteter, {plan['done']} færdige, {plan['overdue']} forsinkede, "
        f"{plan['stale']} ikke rørt i 90 dage"
    ) in summary
    overdue = slides["Ishøj: Forsinkede aktiviteter (fristen er overskredet)"]
    assert len(table_rows(overdue)) == plan["overdue"]
    helpers, insecurity = document["helpers"], document["insecurity"]
    helper_slide = slides["Ishøj: Nabohjælpere mod rekrutteringsmålet"]
    as_of = fmt_date(datetime.fromisoformat(helpers["as_of"]).date())
    assert f"Nabohjælpere pr. {as_of}: {fmt_int(helpers['latest'])}" in slide_text(helper_slide)
    assert (
        f"Pr. 100 husstande: {fmt_decimal(helpers['per_100_households'], digits=1)}"
        in slide_text(helper_slide)
    )
    assert shape_text(named(helper_slide, STATUS)[0]) == f"Status: {status_mark(helpers['status'])}"
    survey = slides["Ishøj: Utryghed for indbrud mod 10 %-målet"]
    assert (
        f"Utrygge for indbrud {insecurity['year']}: {fmt_percent(insecurity['share'])} "
        f"(95 %-interval {fmt_percent(insecurity['ci_low'])}–{fmt_percent(insecurity['ci_high'])}; "
        f"{fmt_int(insecurity['respondents'])} svar)"
    ) in slide_text(survey)
    assert shape_text(named(survey, STATUS)[0]) == f"Status: {status_mark(insecurity['status'])}"
    expected = document["expected"]
    expected_slide = slides["Ishøj: Forventet mod faktisk"]
    assert (
        f"I {expected['year']}: {fmt_int(expected['actual'])} indbrud, forventet "
        f"{fmt_decimal(expected['expected'], digits=1)}"
    ) in slide_text(expected_slide)
    badge = expected_badge(ExpectedStatus(expected["status"]))
    assert shape_text(named(expected_slide, STATUS)[0]) == f"Status: {badge}"


def test_the_cover_has_the_pdfs_snapshot_and_the_scope(ishoj: MeetingPack) -> None:
    cover = deck_of(ishoj.pptx).slides[0]
    match = re.search(r"Snapshot-id: ([0-9a-f]{12})", pdf_pages(ishoj.pdf)[0])
    assert match is not None
    [snapshot] = named(cover, "Snapshot")
    assert shape_text(snapshot) == f"Snapshot-id: {match.group(1)}"
    assert match.group(1) == ishoj.report.snapshot_id
    text = slide_text(cover)
    assert title_of(cover) == "Mødepakke: Ishøj"
    assert "Bo trygt-partnerskabet i Ishøj: Ishøj Kommune og Københavns Vestegns Politi" in text
    assert f"til {fmt_date(TODAY)}" in text  # 7. dec. 2026, not 2026-12-07
    assert "EKSEMPELDATA: rapporten bygger helt eller delvis" in text


def test_every_slide_is_marked_as_demo_and_numbered(ishoj: MeetingPack) -> None:
    deck = deck_of(ishoj.pptx)
    total = len(deck.slides)
    for number, slide in enumerate(deck.slides, start=1):
        [demo] = named(slide, DEMO)
        assert shape_text(demo).startswith("EKSEMPELDATA"), title_of(slide)
        assert demo.top >= FOOTER_TOP * EMU_PER_INCH - 1
        assert f"Snapshot {ishoj.report.snapshot_id} · side {number} af {total}" in slide_text(
            slide
        )


def test_no_demo_mark_without_demo_data(seeded_engine: Engine) -> None:
    pack = pack_for(seeded_engine, 101, formats=("pptx",))  # København: nothing demo
    assert not pack.report.demo
    deck = deck_of(pack.pptx)
    for slide in deck.slides:
        assert not named(slide, DEMO)
        assert "eksempeldata" not in slide_text(slide).lower(), title_of(slide)
    assert "København har ingen handlingsplan endnu." in slide_text(
        by_title(deck)["Handlingsplanen: København"]
    )


def test_goal_slides_carry_the_pdfs_charts(ishoj: MeetingPack) -> None:
    slides = by_title(deck_of(ishoj.pptx))
    report_goals = {g.title: g for g in ishoj.report.parts[0].goals}
    for title, goal in report_goals.items():
        pictures = named(slides[f"Ishøj: {title}"], CHART)
        assert len(pictures) == (goal.chart is not None), title
        for picture in pictures:
            assert picture.image.blob.startswith(b"\x89PNG")  # type: ignore[attr-defined]
    # four goals and the hotspots (the demo's police extract); three with a chart
    assert len(report_goals) == 5 and sum(g.chart is not None for g in report_goals.values()) == 3


def test_effect_and_expected_slides_say_it_is_a_comparison(horsholm: MeetingPack) -> None:
    slides = by_title(deck_of(horsholm.pptx))
    effect = slides["Hørsholm: Virker partnerskabet?"]
    assert shape_text(named(effect, STATUS)[0]) == "Status: ▼ Faldet mere end sammenlignelige"
    assert "Skøn: -13 % (95 %-interval -22 % til -4 %) mod sammenligningen." in slide_text(effect)
    expected = slides["Hørsholm: Forventet mod faktisk"]
    for slide in (effect, expected):
        assert CAUSE_CAVEAT in slide_text(slide)
    assert not named(expected, CHART)  # the section has no chart


def long_plan(pack: MeetingPack, count: int) -> Any:
    """The pack's report with `count` overdue items, some with long titles."""
    part = pack.report.parts[0]
    rows = [
        PlanRow(
            title=f"Aktivitet {n:03d}" + (" med en meget lang beskrivelse af indsatsen" * (n % 4)),
            track="Spor 1",
            owner="Mette Holm (kommunen)",
            organisation="kommune",
            status="i gang",
            progress=10,
            due_date=TODAY - timedelta(days=n + 1),
            changed_at=datetime(2026, 1, 1),
        )
        for n in range(count)
    ]
    plan = PlanBuckets(overdue=rows, stale=[], done_since=[], due_soon=[])
    return replace(pack.report, parts=[replace(part, plan=plan)])


def test_a_long_plan_splits_over_slides_with_no_row_lost(ishoj: MeetingPack) -> None:
    report = long_plan(ishoj, 60)
    deck = deck_of(report_pptx(report))
    prefix = "Ishøj: Forsinkede aktiviteter (fristen er overskredet)"
    parts = [s for s in deck.slides if title_of(s).startswith(prefix)]
    assert len(parts) >= 3
    assert [title_of(s) for s in parts] == [
        f"{prefix} ({n}/{len(parts)})" for n in range(1, len(parts) + 1)
    ]
    shown = [row for slide in parts for row in table_rows(slide)]
    assert [row[0] for row in shown] == [r.title for r in report.parts[0].plan.overdue]
    assert shown[0][4] == fmt_date(TODAY - timedelta(days=1))  # Danish dates in the table
    for slide in parts:
        assert table_rows(slide)  # no slide with a header only
    assert_inside(deck)


def assert_inside(deck: Deck) -> None:
    """16:9, every shape inside the slide, nothing but the footer below the body."""
    width, height = deck.slide_width, deck.slide_height
    assert (width, height) == (int(SLIDE_WIDTH * EMU_PER_INCH), int(SLIDE_HEIGHT * EMU_PER_INCH))
    assert width is not None and height is not None
    for slide in deck.slides:
        for shape in slide.shapes:
            left, top = int(shape.left or 0), int(shape.top or 0)
            right, bottom = left + int(shape.width or 0), top + int(shape.height or 0)
            where = f"{title_of(slide)}: {shape.name} {left, top, right, bottom}"
            assert left >= 0 and top >= 0, where
            assert right <= width and bottom <= height, where
            if top < FOOTER_TOP * EMU_PER_INCH:  # the body ends above the footer
                assert bottom <= FOOTER_TOP * EMU_PER_INCH, where


@pytest.mark.parametrize("which", ["ishoj", "horsholm"])
def test_every_shape_stays_inside_the_slide(which: str, request: pytest.FixtureRequest) -> None:
    pack: MeetingPack = request.getfixturevalue(which)
    assert_inside(deck_of(pack.pptx))


def test_the_ishoj_deck_has_these_slides(ishoj: MeetingPack) -> None:
    [hotspots] = [g for g in ishoj.report.parts[0].goals if g.key == "hotspots"]
    assert hotspots.table.title.startswith("Felter med mindst 3 indbrud (")
    assert [title_of(s) for s in deck_of(ishoj.pptx).slides] == [
        "Mødepakke: Ishøj",
        "Målene på ét blik",
        BURGLARIES,
        "Ishøj: Forventet mod faktisk",
        "Ishøj: Nabohjælpere mod rekrutteringsmålet",
        "Ishøj: Utryghed for indbrud mod 10 %-målet",
        "Ishøj: Hotspots",
        f"Ishøj: {hotspots.table.title}",  # "Felter med mindst 3 indbrud (<the window>)"
        "Handlingsplanen: Ishøj",
        "Ishøj: Forsinkede aktiviteter (fristen er overskredet)",
        "Ishøj: Ikke rørt i 90 dage",
        "Ishøj: Frist inden for de næste 30 dage",
        "Ishøj: ændret siden sidste møde",
        "Åbne opfølgninger fra tryghedsvandringer: Ishøj",
        "Datakilder",
        "Forbehold",
    ]


@pytest.mark.parametrize(
    ("text", "width", "size", "lines"),
    [
        ("", 5.0, 12, 1),  # an empty line still takes a line
        ("x" * 54, 5.0, 12, 1),  # 5 in = 360 pt; 0.55 * 12 pt a character: 54 a line
        ("x" * 55, 5.0, 12, 2),
        ("x" * 109, 5.0, 12, 3),
        ("ab\ncd", 5.0, 12, 2),  # a line break starts a line
    ],
)
def test_line_count(text: str, width: float, size: float, lines: int) -> None:
    assert line_count(text, width=width, size=size) == lines


WIDTHS = [CONTENT_WIDTH / 2, CONTENT_WIDTH / 2]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.text(max_size=400), st.text(max_size=60)), max_size=40),
    st.floats(min_value=0.5, max_value=6.0),
)
def test_split_rows_keeps_every_row_in_order_within_the_room(
    rows: list[tuple[str, str]], room: float
) -> None:
    runs = split_rows(rows, WIDTHS, room=room)
    assert [r for run in runs for r in run] == rows
    assert runs and all(runs[1:])  # only the one run of no rows is empty
    header = _row_height(["x", "x"], WIDTHS)
    for run in runs:
        if len(run) > 1:  # a run of one row may be taller than the room: it must go somewhere
            assert header + sum(_row_height(r, WIDTHS) for r in run) <= room + 1e-9
