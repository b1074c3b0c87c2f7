"""The report's "Forventet mod faktisk" for every municipality: its burglaries in the latest
complete year against what its size and age structure predict, the status in words, its rank
among all municipalities and the model's coefficients, in the Effekt page's words
(`models.expected_text`); None when no expectation can be computed, so the pack is as before.

A section like the goals' (`models.report.GoalSection`, key "expected"); its status is an
`ExpectedStatus` value, which the PDF draws with the expected-status shapes and colours. The fit
(98 negative-binomial fits) is made once per data version and reused for every municipality of a
district's pack.
"""

import threading

from sqlalchemy import Engine

from dataio.db.engine import data_version
from dataio.store.expected import ExpectedView, expected_view
from models.expected import STATUS_TEXT, ExpectedStatus
from models.expected_text import (
    COVARIATE_TEXT,
    EXPECTED_CAVEAT,
    expected_sentence,
    model_line,
    rank_line,
    ratio_text,
)
from models.i18n import DANISH, N_, translate, translator
from models.permissions import Actor
from models.report import GoalSection, ReportTable

EXPECTED_KEY = "expected"
EXPECTED_TITLE = N_("Forventet mod faktisk")
CAVEAT_NOTE = f"{EXPECTED_TITLE}: {EXPECTED_CAVEAT}"


def caveat_note(*, lang: str = DANISH) -> str:
    """'Forventet mod faktisk: ...' (models.expected_text's caveat, translated where it is
    marked)."""
    return f"{translate(lang, EXPECTED_TITLE)}: {translate(lang, EXPECTED_CAVEAT)}"


_lock = threading.Lock()
_last: dict[tuple[str, int], ExpectedView] = {}


def _view(con: Engine) -> ExpectedView:
    """The fit for the database's current data version (one kept; a write makes a new one)."""
    key = (con.url.render_as_string(hide_password=True), data_version(con))
    with _lock:
        if key not in _last:
            _last.clear()
            _last[key] = expected_view(con)
        return _last[key]


def expected_section(
    con: Engine, code: int, viewer: Actor, *, lang: str = DANISH
) -> GoalSection | None:
    """The section for one municipality (public statistics: the same for every viewer who may
    read the municipality's pack); None when there is no expectation for it. The sentences of
    models.expected_text stay Danish until it takes a language."""
    _ = translator(lang)
    view = _view(con)
    if view.table is None or view.model is None:
        return None
    match = view.table[view.table["code"] == code]
    if match.empty:
        return None
    row, model = match.iloc[0], view.model
    status = ExpectedStatus(row["status"])
    actual, expected = int(row["actual"]), float(row["expected"])
    low, high, ratio = float(row["low"]), float(row["high"]), float(row["ratio"])
    lines = [
        expected_sentence(
            year=model.year,
            actual=actual,
            expected=expected,
            low=low,
            high=high,
            status=status,
            lang=lang,
        ),
        _("Forholdet er {ratio}.").format(ratio=ratio_text(ratio, lang=lang)),
        rank_line(rank=int(row["rank"]), total=len(view.table), lang=lang),
        model_line(
            year=model.year,
            municipalities=model.municipalities,
            dispersion=model.dispersion,
            lang=lang,
        ),
    ]
    verdict = translate(lang, STATUS_TEXT[status])  # models.expected's word, where marked
    return GoalSection(
        key=EXPECTED_KEY,
        title=translate(lang, EXPECTED_TITLE),
        status=status.value,
        status_label=verdict,
        lines=lines,
        figures=[
            (_("År"), model.year),
            (_("Faktiske indbrud"), actual),
            (_("Forventede indbrud"), round(expected, 1)),
            (_("95 %-interval fra"), round(low)),
            (_("95 %-interval til"), round(high)),
            (_("Faktisk / forventet"), round(ratio, 3)),
            (_("Placering (1 = lavest forhold)"), int(row["rank"])),
            (_("Kommuner i modellen"), model.municipalities),
            (_("Vurdering"), verdict),
        ],
        table=ReportTable(
            title=_("Modellens koefficienter ({year}, log-skala)").format(year=model.year),
            columns=[
                _("Forklarende forhold"),
                _("Koefficient"),
                _("95 %-interval fra"),
                # Danish says only "til" under "95 %-interval fra"; a bare "til" in the catalogue
                # would count as Danish left in any English text quoting Danish data
                "til" if lang == DANISH else _("95 %-interval til"),
            ],
            rows=[
                [
                    translate(lang, COVARIATE_TEXT.get(c.name, c.name)),
                    round(c.estimate, 4),
                    round(c.low, 4),
                    round(c.high, 4),
                ]
                for c in model.coefficients
            ],
        ),
        demo=bool(row["demo"]),
        sources=[],  # counts and households: the burglary section lists their sources
        notes=[caveat_note(lang=lang)],
    )
