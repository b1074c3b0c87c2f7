"""User text is text: one escaping rule per kind of place it reaches, never interpreted.

Titles, owners, notes, walk areas, goal notes, display names and file names are typed by people.
Where such text is shown it is escaped for the renderer of that place:
- `for_markdown`: Streamlit's markdown (st.markdown, st.caption, st.info..., widget and expander
  labels, page links) would otherwise render links, images (a browser fetching an outside image),
  emphasis, colour and icon directives (`:red[...]`, `:material/...:`) and LaTeX (`$...$`).
- `for_html`: plotly's labels and hover text and deck.gl's tooltips render a subset of HTML
  (`<a href>`, `<b style=...>`, `<br>`); the escaped text shows the characters as typed.
- `for_spreadsheet`: a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is a
  formula to Excel and LibreOffice when a CSV is opened; a leading apostrophe makes it text
  (OWASP's advice for CSV injection). The .xlsx writers store text cells as text instead.
"""

import html
import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# What a one-line markdown renderer (CommonMark with GitHub's extensions, as Streamlit uses) can
# read as markup, escaped with a backslash; other characters are left alone so that the text reads
# the same in the source (and in tests) as on the screen.
_INLINE = re.compile(r"([\\`*_\[\]<>~$|])")
_DIRECTIVE = re.compile(r":(?=[\w/+-]*\\?[:\[])")  # :red[...], :material/icon:, :smile:
_AUTOLINK = re.compile(r"(?<=https):(?=//)|(?<=http):(?=//)|(?<=www)\.", re.IGNORECASE)
_ENTITY = re.compile(r"&(?=#?\w+;)")
_BLOCK_START = re.compile(r"^(\s*\d*)([#+=.)-])")  # a heading, list item or rule
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def for_markdown(text: object) -> str:
    """The text shown literally by a markdown renderer (line breaks kept as spaces)."""
    plain = " ".join(_CONTROL.sub("", str(text)).split())
    for pattern in (_INLINE, _DIRECTIVE, _AUTOLINK, _ENTITY):
        plain = pattern.sub(lambda m: "\\" + m.group(0), plain)
    return _BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), plain, count=1)


def for_html(text: object) -> str:
    """The text shown literally where HTML is rendered (plotly labels, deck.gl tooltips).

    Only <, > and & are escaped: the text lands between tags, never in an attribute, and plotly
    turns &lt; &gt; &amp; back into characters but would show an escaped quote as "&quot;"."""
    return html.escape(str(text), quote=False)


def for_spreadsheet(text: object) -> str:
    """The text as a CSV cell that no spreadsheet turns into a formula."""
    value = str(text)
    return "'" + value if value.startswith(FORMULA_START) else value
