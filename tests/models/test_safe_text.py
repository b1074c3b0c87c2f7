"""User text stays text: the escaping rules, by hand-written cases and as properties."""

import html
import re

import markdown_it
import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.safe_text import FORMULA_START, for_html, for_markdown, for_spreadsheet

# CommonMark with the two GitHub extensions markdown-it ships (Streamlit renders GitHub markdown)
_RENDERER = markdown_it.MarkdownIt("commonmark").enable(["strikethrough", "table"])
PAYLOADS = [
    '<a href="https://evil.example">klik</a>',
    '<b style="font-size:90px">STOR</b>',
    "![billede](https://evil.example/x.png)",
    "[link](javascript:alert(1))",
    "**fed** _kursiv_ ~~streg~~",
    ":red[rød] :material/warning: $x^2$",
    "# Overskrift",
    "1. punkt",
    "- punkt",
    "> citat",
    "&amp; &#60;",
    "https://evil.example www.evil.example",
    "| a | b |",
    '=HYPERLINK("https://evil.example")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "Ishøj Landsby & Vejleåparken",
]


def _rendered_text(markdown: str) -> str:
    """What CommonMark renders, with the tags taken away (the visible text)."""
    rendered = _RENDERER.render(markdown)
    return html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_shows_the_text_as_typed_and_renders_nothing(payload: str) -> None:
    rendered = _RENDERER.render(for_markdown(payload))
    assert "<a" not in rendered and "<img" not in rendered and "<strong" not in rendered
    assert "<h1" not in rendered and "<em" not in rendered
    assert _rendered_text(for_markdown(payload)) == payload


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<b>x</b>", "&lt;b&gt;x&lt;/b&gt;"),
        ('<a href="u">', '&lt;a href="u"&gt;'),
        ('Bo trygt\'s "møde"', 'Bo trygt\'s "møde"'),
        ("Ishøj & Co", "Ishøj &amp; Co"),
        ("æøå", "æøå"),
    ],
)
def test_html_escaping_by_hand(text: str, expected: str) -> None:
    assert for_html(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+45 12 34 56 78", "'+45 12 34 56 78"),
        ("-1 dag før", "'-1 dag før"),
        ("@møde", "'@møde"),
        ("\tx", "'\tx"),
        ("Møde 1=2", "Møde 1=2"),
        ("", ""),
    ],
)
def test_spreadsheet_cells_by_hand(text: str, expected: str) -> None:
    assert for_spreadsheet(text) == expected


VISIBLE = st.text(st.characters(exclude_categories=("Cc", "Cs", "Co", "Cn")), max_size=80)


@given(VISIBLE)
def test_markdown_escaping_keeps_every_visible_character(text: str) -> None:
    assert _rendered_text(for_markdown(text)) == " ".join(text.split())


@given(st.text(max_size=80))
def test_html_escaping_leaves_no_tag(text: str) -> None:
    escaped = for_html(text)
    assert "<" not in escaped and ">" not in escaped
    assert html.unescape(escaped) == text


@given(st.text(max_size=40))
def test_no_spreadsheet_cell_starts_a_formula(text: str) -> None:
    cell = for_spreadsheet(text)
    assert not cell.startswith(FORMULA_START)
    assert cell.removeprefix("'") == text or cell == text
