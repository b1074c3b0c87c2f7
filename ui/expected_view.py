"""'Forventet mod faktisk' on the Effekt page: the municipality's burglaries against what its size
and age structure predict (a card with the status in a word and a shape), its place among all
municipalities in a chart, and the model's coefficients behind an expander. In the session's
language."""

import streamlit as st

from models.expected import ExpectedStatus
from models.expected_text import (
    EXPECTED_CAVEAT,
    coefficient_line,
    counts_in_words,
    expected_sentence,
    model_line,
    rank_line,
    ratio_text,
    status_badge,
)
from models.i18n import N_, translate
from models.safe_text import for_markdown
from ui import loaders
from ui.described import cached_chart
from ui.expected_charts import expected_chart
from ui.i18n import _, active_language, error_text

DEMO_CAPTION = N_("Eksempeldata: indbrudstal og aldersfordeling er genererede og må ikke citeres.")


def expected_demo(version: int) -> bool:
    """Whether the section rests on demo data (the page's banner says so too)."""
    view = loaders.load_expected(version)
    return view.model is not None and view.model.demo


def expected_section(*, version: int, code: int, name: str) -> None:
    """The section's body for one municipality (the fit is made once per data version)."""
    lang = active_language()
    view = loaders.load_expected(version)
    if view.table is None or view.model is None:
        problem = error_text(view.refusal) if view.refusal is not None else view.problem or ""
        st.info(_("Ingen forventning: {problem}").format(problem=for_markdown(problem)))
        return
    table, model = view.table, view.model
    match = table[table["code"] == code]
    card, chart = st.columns([1, 2])
    with card, st.container(border=True):
        heading = _("Indbrud mod det forventede, {year}").format(year=model.year)
        st.markdown(f"**{heading}**")
        if match.empty:
            st.markdown(
                _(
                    "{name} mangler indbrudstal, husstande eller aldersfordeling for {year}, så "
                    "der er ingen forventning."
                ).format(name=for_markdown(name), year=model.year)
            )
        else:
            row = match.iloc[0]
            status = ExpectedStatus(row["status"])
            st.markdown(f"### {status_badge(status, lang=lang)}")
            st.markdown(f"**{ratio_text(float(row['ratio']), lang=lang)}**")
            st.markdown(
                expected_sentence(
                    year=model.year,
                    actual=int(row["actual"]),
                    expected=float(row["expected"]),
                    low=float(row["low"]),
                    high=float(row["high"]),
                    status=status,
                    lang=lang,
                )
            )
            st.caption(rank_line(rank=int(row["rank"]), total=len(table), lang=lang))
        if model.demo:
            st.caption(":orange[" + translate(lang, DEMO_CAPTION) + "]")
    with chart:
        cached_chart(
            lambda: expected_chart(table, code=code, demo=model.demo, lang=lang),
            key="expected_chart",
            version=version,
            cache_key=code,
            lang=lang,
        )
        counts = table["status"].value_counts()
        st.caption(
            counts_in_words(
                below=int(counts.get(ExpectedStatus.BELOW.value, 0)),
                as_expected=int(counts.get(ExpectedStatus.AS_EXPECTED.value, 0)),
                above=int(counts.get(ExpectedStatus.ABOVE.value, 0)),
                lang=lang,
            )
            + " "
            + _(
                "Stregen ved hver kommune viser, hvor forholdet ligger 95 % af gangene, når "
                "kommunen har det forventede niveau."
            )
        )
    st.caption(for_markdown(translate(lang, EXPECTED_CAVEAT)))
    with st.expander(_("Modellen bag forventningen")):
        st.markdown(
            for_markdown(
                model_line(
                    year=model.year,
                    municipalities=model.municipalities,
                    dispersion=model.dispersion,
                    lang=lang,
                )
            )
        )
        st.markdown(
            "\n".join(
                f"- {for_markdown(coefficient_line(c, lang=lang))}" for c in model.coefficients
            )
        )
        st.caption(
            _(
                "Koefficienterne er på log-skala: 0,10 betyder omkring 10 % flere indbrud pr. "
                "husstand for hver enhed, forholdet stiger."
            )
        )
