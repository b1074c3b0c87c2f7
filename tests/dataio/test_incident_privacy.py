"""Issue 16's privacy rule over every output a non-police role gets: no count below `min_count`
and no incident position (nor address) in the hotspot JSON (`hotspot_document` of
`incident_scan`, `botrygt hotspots --json`), the Hotspots page (AppTest) and the meeting pack's
PDF, Excel and PowerPoint; the police of another district get none of it at all.

The pure aggregates (`cell_counts`, `scan`, `before_after`) and the store's aggregates on a
database (SQLite and PostgreSQL) are property-tested on generated extracts with a random
min_count >= 3; the page, the CLI and the pack, which cost seconds each, run on a fixed handful
of generated extracts imported through the police's own importer into a copy of the demo database.
"""

import io
import json
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pptx import Presentation
from pypdf import PdfReader
from sqlalchemy import Engine, delete

from cli import main
from dataio.db.engine import make_engine, transaction
from dataio.errors import PermissionDenied
from dataio.files.incidents import import_incidents
from dataio.meeting_pack.pack import MeetingPack, build_pack
from dataio.store.incidents import incident_aggregates, incident_rows, incident_scan
from dataio.store.incidents.actions import take_proposal
from dataio.store.users import add_user
from models.hotspot_actions import HotspotPlace, Proposal
from models.hotspot_sim import Cluster, simulate_extract
from models.hotspots import Point, before_after, cell_centre, cell_counts, cell_id, scan
from models.permissions import Actor, Role
from models.projection import to_wgs84
from models.tables import HotspotAction, Incident
from tests.factories import ADMIN, COUNCIL, LEADER, OTHER_POLICE, POLICE
from tests.support.incident_extracts import ExtractRow, extract, inside_positions

ISHOJ = 183
COUNT = re.compile(r"(\d[\d.]*) indbrud")  # "12 indbrud", "færre end 3 indbrud", "1.234 indbrud"
NON_POLICE = {"projektleder": LEADER, "byraad": COUNCIL}
ELSEWHERE_POLICE = "politi_aarhus"  # a police user of Østjyllands Politi, added to the database


# --- generated extracts ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Generated:
    """An extract of known rows (inside Ishøj) and the min_count it is shown with."""

    rows: tuple[ExtractRow, ...]
    min_count: int
    end: date

    def positions(self) -> list[tuple[float, float]]:
        """Every incident's WGS84 position, except one within a metre of its square's centre
        (its position would be the centre, which is what may be shown)."""
        kept = []
        for row in self.rows:
            cx, cy = cell_centre(cell_id(row.x, row.y, 250))
            if abs(row.x - cx) > 1 or abs(row.y - cy) > 1:
                kept.append(to_wgs84(row.x, row.y))
        return kept

    def addresses(self) -> list[str]:
        return [row.address for row in self.rows if row.address]


def generate(seed: int, *, background: int, cluster: int, min_count: int) -> Generated:
    """`background` burglaries over two years at random known-inside positions (moved by a few
    centimetres, so none sits on a square's centre) and `cluster` of them in one spot in the last
    four weeks; each with a made-up address."""
    rng = np.random.default_rng(seed)
    places = inside_positions()
    end = date.today() - timedelta(days=1)

    def row(index: int, spot: tuple[float, float], oldest: int) -> ExtractRow:
        dx, dy = rng.uniform(0.03, 0.3, size=2) * rng.choice([-1, 1], size=2)
        return ExtractRow(
            day=end - timedelta(days=int(rng.integers(0, oldest))),
            x=spot[0] + float(dx),
            y=spot[1] + float(dy),
            time_of_day="14:30",
            offence="Indbrud i beboelse",
            address=f"Hemmelighedsvej {seed % 997}-{index}",
        )

    rows = [row(i, places[int(rng.integers(len(places)))], 730) for i in range(background)]
    hot = places[int(rng.integers(len(places)))]
    rows += [row(background + i, hot, 28) for i in range(cluster)]
    rows.sort(key=lambda r: r.day)
    return Generated(tuple(rows), min_count, end)


def load(engine: Engine, generated: Generated) -> None:
    """Replace every incident of the municipality with the generated extract (the importer's
    own path: validated, all or nothing, demo incidents removed)."""
    with transaction(engine) as session:
        session.execute(delete(HotspotAction))
        session.execute(delete(Incident))
    import_incidents(
        engine,
        actor=ADMIN,
        municipality_code=ISHOJ,
        data=extract(list(generated.rows), layout="xy"),
        file_name="udtraek.csv",
    )


def leaks(text: str, generated: Generated) -> list[str]:
    """The addresses and incident positions (6 decimals, '.' or ',', both of a pair) in text."""
    found = [a for a in generated.addresses() if a in text]
    for lat, lon in generated.positions():
        lat6, lon6 = f"{lat:.6f}", f"{lon:.6f}"
        for a, b in ((lat6, lon6), (lat6.replace(".", ","), lon6.replace(".", ","))):
            if a in text and b in text:
                found.append(f"{a}, {b}")
    return found


def counts_in(text: str) -> list[int]:
    return [int(n.replace(".", "")) for n in COUNT.findall(text)]


# --- the pure aggregates ----------------------------------------------------------------------


@st.composite
def extracts(draw: st.DrawFn) -> tuple[list[Point], date]:
    until = date(2026, 12, 2)
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    cluster = draw(st.one_of(st.none(), st.integers(1, 20)))
    points = simulate_extract(
        rng,
        until=until,
        origin_x=700_000.0,
        origin_y=6_160_000.0,
        width_m=4_000.0,
        height_m=3_000.0,
        cells=draw(st.integers(5, 150)),
        per_year=draw(st.floats(5.0, 400.0)),
        days=draw(st.integers(7 * 10, 7 * 108)),
        cluster=None if cluster is None else Cluster(count=cluster, radius_m=150.0),
    )
    return points, until


@settings(max_examples=40, deadline=None)
@given(
    extracts(),
    st.integers(3, 12),
    st.sampled_from([250, 500]),
    st.integers(1, 8),
)
def test_pure_aggregates_never_show_a_small_count_or_a_position(
    generated: tuple[list[Point], date], min_count: int, size_m: int, weeks: int
) -> None:
    points, until = generated
    true_counts = Counter(
        cell_id(p.x, p.y, size_m) for p in points if p.day > until - timedelta(weeks=weeks)
    )
    result = scan(points, until=until, weeks=weeks, size_m=size_m, min_count=min_count)
    assert all(c.recent >= min_count for c in result.cells)
    assert {c.cell: c.recent for c in result.cells} == {
        cell: n for cell, n in true_counts.items() if n >= min_count
    }
    assert result.suppressed_cells == sum(1 for n in true_counts.values() if 0 < n < min_count)
    for c in result.cells:  # every position a square's centre
        assert (c.x, c.y) == cell_centre(c.cell)
        assert (c.lat, c.lon) == pytest.approx(to_wgs84(c.x, c.y), abs=1e-9)
    start = until - timedelta(weeks=weeks) + timedelta(days=1)
    rows, hidden = cell_counts(points, start=start, end=until, size_m=size_m, min_count=min_count)
    assert all(count >= min_count for *_, count in rows)
    assert {cell for cell, *_ in rows} == {c.cell for c in result.cells}
    assert hidden == result.suppressed_cells
    for cell in list(true_counts)[:3]:
        counts = before_after(
            points, cell=cell, action_day=until - timedelta(days=10), weeks=weeks,
            size_m=size_m, min_count=min_count, until=until,
        )  # fmt: skip
        assert all(n is None or n >= min_count for n in (counts.before, counts.after))


# --- the store's aggregates on a database (SQLite and PostgreSQL) -------------------------------


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    seed=st.integers(0, 2**31),
    background=st.integers(0, 250),
    cluster=st.integers(0, 15),
    min_count=st.integers(3, 8),
)
def test_store_aggregates_and_json_for_every_role_on_a_database(
    seeded_engine: Engine, seed: int, background: int, cluster: int, min_count: int
) -> None:
    from models.hotspots import hotspot_document

    if background + cluster == 0:
        cluster = 1  # an extract has at least one row
    generated = generate(seed, background=background, cluster=cluster, min_count=min_count)
    load(seeded_engine, generated)
    for viewer in NON_POLICE.values():
        found = incident_scan(
            seeded_engine, viewer=viewer, code=ISHOJ, until=generated.end, min_count=min_count
        )
        document = hotspot_document(found, ISHOJ)
        assert document["min_count"] == min_count
        assert all(cell["recent"] >= min_count for cell in document["cells"])
        for cell in document["cells"]:  # the square's centre, never an incident's position
            lat, lon = to_wgs84(*cell_centre(cell["cell"]))
            assert (cell["lat"], cell["lon"]) == (round(lat, 6), round(lon, 6))
        assert leaks(json.dumps(document, default=str), generated) == []
        rows, _ = incident_aggregates(
            seeded_engine,
            viewer=viewer,
            code=ISHOJ,
            start=generated.end - timedelta(days=27),
            end=generated.end,
            min_count=min_count,
        )
        assert all(count >= min_count for *_, count in rows)
        with pytest.raises(PermissionDenied):
            incident_rows(seeded_engine, viewer=viewer, code=ISHOJ)
    for read in (incident_scan, incident_rows):  # the police of another district: nothing
        with pytest.raises(PermissionDenied):
            read(seeded_engine, viewer=OTHER_POLICE, code=ISHOJ)


# --- the CLI, the page and the meeting pack on a copy of the demo database --------------------

# a fixed handful of generated extracts: (seed, background, cluster, min_count)
FIXED = [(11, 320, 12, 3), (2026, 180, 9, 5)]


@pytest.fixture(scope="module", params=FIXED, ids=lambda p: f"seed{p[0]}-min{p[3]}")
def generated_db(
    request: pytest.FixtureRequest, demo_db_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Generated]]:
    """A copy of the demo database holding a generated extract for Ishøj, a proposal taken from
    its busiest square (so the pack has a before/after), and a police user of another district."""
    seed, background, cluster, min_count = request.param
    copy = tmp_path_factory.mktemp("privacy") / "privacy.sqlite"
    shutil.copy(demo_db_url.removeprefix("sqlite:///"), copy)
    url = f"sqlite:///{copy}"
    engine = make_engine(url)
    generated = generate(seed, background=background, cluster=cluster, min_count=min_count)
    load(engine, generated)
    busiest = incident_scan(
        engine, viewer=LEADER, code=ISHOJ, until=generated.end, min_count=min_count
    ).cells[0]
    take_proposal(
        engine,
        actor=LEADER,
        municipality_code=ISHOJ,
        proposal=Proposal.WALK,
        place=HotspotPlace(busiest.cell, busiest.lat, busiest.lon),
        day=generated.end - timedelta(days=14),
    )
    add_user(
        engine,
        actor=ADMIN,
        username=ELSEWHERE_POLICE,
        display_name="Politi i Østjylland",
        role=Role.POLICE.value,
        password="Et-langt-kodeord-til-test-2026",
        police_district_number=OTHER_POLICE.police_district_number,
    )
    engine.dispose()
    yield url, generated


@pytest.mark.parametrize("user", sorted(NON_POLICE))
def test_cli_hotspots_json_for_non_police(
    generated_db: tuple[str, Generated],
    user: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url, generated = generated_db
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("BOTRYGT_HOTSPOT_MIN_COUNT", str(generated.min_count))
    capsys.readouterr()
    args = ["hotspots", "--municipality", str(ISHOJ), "--json", "--as", user]
    assert main([*args, "--until", generated.end.isoformat()]) == 0
    out = capsys.readouterr().out
    document = json.loads(out)
    assert document["min_count"] == generated.min_count and document["cells"]
    assert all(cell["recent"] >= generated.min_count for cell in document["cells"])
    assert leaks(out, generated) == []


def test_cli_hotspots_refuses_the_police_of_another_district(
    generated_db: tuple[str, Generated],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url, generated = generated_db
    monkeypatch.setenv("DATABASE_URL", url)
    capsys.readouterr()
    args = ["hotspots", "--municipality", str(ISHOJ), "--json", "--as", ELSEWHERE_POLICE]
    assert main(args) != 0
    captured = capsys.readouterr()
    assert "Ingen adgang" in captured.err and leaks(captured.out + captured.err, generated) == []


def _pack(url: str, viewer: Actor, generated: Generated) -> MeetingPack:
    engine = make_engine(url)
    try:
        return build_pack(
            engine,
            viewer=viewer,
            municipality_code=ISHOJ,
            police_district=None,
            since=None,
            today=date.today(),
            formats=("pdf", "xlsx", "pptx"),
            hotspot_min_count=generated.min_count,
        )
    finally:
        engine.dispose()


def _pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _slides_text(pptx: bytes) -> list[str]:
    """Each slide's text: its text frames and its tables' cells."""
    slides = []
    for slide in Presentation(io.BytesIO(pptx)).slides:
        parts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts.extend(cell.text for row in shape.table.rows for cell in row.cells)
        slides.append("\n".join(parts))
    return slides


TABLE_ROW = re.compile(r"\d+m:E-?\d+N-?\d+ (?:Ja \d+|Nej) (\d[\d.]*) ")


@pytest.mark.parametrize("user", sorted(NON_POLICE))
def test_meeting_pack_files_for_non_police(generated_db: tuple[str, Generated], user: str) -> None:
    url, generated = generated_db
    n = generated.min_count
    pack = _pack(url, NON_POLICE[user], generated)
    [section] = [g for g in pack.report.parts[0].goals if g.key == "hotspots"]
    assert section.table.rows and len(section.lines) >= 3
    # PDF: the hotspot part's counts and table, and no address or position anywhere
    text = _pdf_text(pack.pdf)
    assert leaks(text, generated) == []
    folded = " ".join(text.split())
    part = folded[folded.index("Hotspots Status:") : folded.index("Handlingsplanen: Ishøj")]
    assert "Sammenligning, ikke bevis for årsag" in part and "før (" in part
    assert counts_in(part) and min(counts_in(part)) >= n
    table_counts = [int(c.replace(".", "")) for c in TABLE_ROW.findall(part)]
    assert len(table_counts) == len(section.table.rows) and min(table_counts) >= n
    # Excel: the sheet "Hotspots 183", the Mål sheet's hotspot lines, and no leak in any cell
    workbook = openpyxl.load_workbook(io.BytesIO(pack.xlsx))
    cells = [
        str(v) for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True)
        for v in row if v is not None
    ]  # fmt: skip
    assert leaks("\n".join(cells), generated) == []
    rows = list(workbook[f"Hotspots {ISHOJ}"].iter_rows(values_only=True))
    header = next(i for i, r in enumerate(rows) if r[0] == "Felt")
    column = rows[header].index("Indbrud")
    shown = [int(str(r[column]).replace(".", "")) for r in rows[header + 1 :] if r[0]]
    assert len(shown) == len(section.table.rows) and min(shown) >= n
    goal_lines = [
        str(r[4]) for r in workbook["Mål"].iter_rows(values_only=True) if r[2] == "Hotspots"
    ]
    assert counts_in("\n".join(goal_lines)) and min(counts_in("\n".join(goal_lines))) >= n
    # PowerPoint: the hotspot slides' counts and table, and no leak on any slide
    slides = _slides_text(pack.pptx)
    assert leaks("\n".join(slides), generated) == []
    hotspot_slides = "\n".join(s for s in slides if "Hotspots" in s or "Felter med mindst" in s)
    assert counts_in(hotspot_slides) and min(counts_in(hotspot_slides)) >= n
    deck = Presentation(io.BytesIO(pack.pptx))
    table_cells = [
        [cell.text for cell in row.cells]
        for slide in deck.slides for shape in slide.shapes if shape.has_table
        for row in shape.table.rows
    ]  # fmt: skip
    felt = [r for r in table_cells if re.fullmatch(r"\d+m:E-?\d+N-?\d+", r[0])]
    assert len(felt) == len(section.table.rows)
    assert min(int(r[3].replace(".", "")) for r in felt) >= n


def test_meeting_pack_refuses_the_police_of_another_district(
    generated_db: tuple[str, Generated],
) -> None:
    url, generated = generated_db
    with pytest.raises(PermissionDenied):
        _pack(url, OTHER_POLICE, generated)


PAGE = "pages/14_Hotspots.py"


def _page_dump(at: object) -> str:
    from tests.pages.apptest import deck_specs, page_text

    frames = [d.value.to_dict() for d in at.dataframe]  # type: ignore[attr-defined]
    return "\n".join(
        [page_text(at), json.dumps(frames, default=str), json.dumps(deck_specs(at))]  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("user", sorted(NON_POLICE))
def test_hotspots_page_for_non_police(
    generated_db: tuple[str, Generated], user: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.pages.apptest import deck_specs, run_page

    url, generated = generated_db
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("BOTRYGT_DEMO", "1")
    monkeypatch.setenv("BOTRYGT_HOTSPOT_MIN_COUNT", str(generated.min_count))
    at = run_page(PAGE, query={"kommune": str(ISHOJ)}, user=user)
    assert not at.exception and not at.error
    assert at.title[0].value == "Hotspots: Ishøj"
    dump = _page_dump(at)
    assert leaks(dump, generated) == []
    [deck] = deck_specs(at)
    squares = {layer["id"]: layer for layer in deck["layers"]}["felter"]["data"]["features"]
    labels = [str(f["properties"]["label"]) for f in squares]
    assert labels and min(counts_in("\n".join(labels))) >= generated.min_count
    for frame in at.dataframe:
        table = frame.value
        if "Indbrud" in table.columns:
            assert (
                min(int(str(v).replace(".", "")) for v in table["Indbrud"]) >= generated.min_count
            )
    from tests.pages.apptest import page_text

    assert min(counts_in(page_text(at)), default=generated.min_count) >= generated.min_count


def test_hotspots_page_for_the_police_of_another_district(
    generated_db: tuple[str, Generated], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.pages.apptest import run_page

    url, generated = generated_db
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("BOTRYGT_DEMO", "1")
    at = run_page(PAGE, query={"kommune": str(ISHOJ)}, user=ELSEWHERE_POLICE)
    assert not at.exception
    assert not any(t.value == "Hotspots: Ishøj" for t in at.title)
    assert leaks(_page_dump(at), generated) == []


def test_the_generator_really_writes_addresses_and_positions(
    generated_db: tuple[str, Generated],
) -> None:
    """The leak checks above can fail: the district's police do get the addresses, and the rows'
    positions are the generated ones."""
    url, generated = generated_db
    engine = make_engine(url)
    try:
        rows = incident_rows(engine, viewer=POLICE, code=ISHOJ)
    finally:
        engine.dispose()
    dump = rows.to_csv(float_format="%.6f")
    assert set(generated.addresses()) <= set(rows["address"])
    assert len(leaks(dump, generated)) >= len(generated.rows)
