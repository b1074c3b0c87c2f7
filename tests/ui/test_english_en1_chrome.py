"""The shared page chrome in the session's language (AppTest on small scripts): the demo banner,
a flash message given as a Message, a domain error's message and a chart's text alternative
follow ui.i18n's active language; Danish stays the default."""

from streamlit.testing.v1 import AppTest

from ui.i18n import LANGUAGE_KEY


def _banner_script() -> None:
    from ui.page import demo_notice
    from ui.text import DEMO_HELPERS_BANNER

    demo_notice(True)
    demo_notice(True, text=DEMO_HELPERS_BANNER)


def _failure_script() -> None:
    from dataio.errors import UnknownMunicipality
    from ui.page import guarded

    def body() -> None:
        raise UnknownMunicipality(999)

    guarded(body)


def _flash_script() -> None:
    import streamlit as st

    from models.i18n import M_
    from ui import flash

    st.session_state["flash_messages"] = [
        ("page", "success", M_("Side {page} af {pages}", page=1, pages=2)),
        ("page", "info", "as given"),
    ]
    flash.show()


def _chart_script() -> None:
    import plotly.graph_objects as go

    from ui.described import chart

    figure = go.Figure(go.Bar(x=["2025", "2026"], y=[1450.0, 1234.5], name="Antal"))
    figure.update_layout(title="Tal")
    chart(figure, key="c")


def _run(script: object, lang: str | None) -> AppTest:
    at = AppTest.from_function(script)  # type: ignore[arg-type]
    if lang is not None:
        at.session_state[LANGUAGE_KEY] = lang
    return at.run()


def test_demo_banners_follow_the_language() -> None:
    danish = [w.value for w in _run(_banner_script, None).warning]
    assert danish[0].startswith("**Eksempeldata.** Kvartalstallene")
    assert danish[1].startswith("**Eksempeldata.** Nabohjælpertal")
    english = [w.value for w in _run(_banner_script, "en").warning]
    assert english[0].startswith("**Example data.** The quarterly figures")
    assert english[1].startswith("**Example data.** Neighbour-helper counts")


def test_a_domain_error_in_the_language() -> None:
    assert _run(_failure_script, None).error[0].value.startswith("Ukendt kommunekode: 999")
    assert _run(_failure_script, "en").error[0].value.startswith("Unknown municipality code: 999")


def test_a_flash_message_in_the_language() -> None:
    at = _run(_flash_script, "en")
    assert [s.value for s in at.success] == ["Page 1 of 2"]
    assert [i.value for i in at.info] == ["as given"]
    assert [s.value for s in _run(_flash_script, None).success] == ["Side 1 af 2"]


def test_a_chart_text_alternative_in_the_language() -> None:
    english = _run(_chart_script, "en")
    assert [e.label for e in english.expander] == ["The chart's figures as text"]
    sentence = english.expander[0].markdown[0].value
    assert "1,450" in sentence and "1,234.5" in sentence and sentence.startswith("Chart: Tal.")
    danish = _run(_chart_script, None)
    assert [e.label for e in danish.expander] == ["Diagrammets tal som tekst"]
    assert "1.450" in danish.expander[0].markdown[0].value
