"""Translations: gettext catalogues keyed by language, for text built anywhere (pure, no streamlit).

The source text (the msgid) is the Danish text itself, so Danish needs no catalogue and stays the
default; English lives in `locale/en/LC_MESSAGES/botrygt.po` (in git, edited by hand or a
translation tool). No binary `.mo` file is committed or built by hand: the `.po` is compiled in
memory with Babel the first time a process asks for a language, and kept for the process.

Modules call `translate(lang, "Dansk tekst")` (or `_ = translator(lang)` once and then
`_("...")`); module-level constants are marked with `N_("...")` so that `make i18n` extracts them,
and are translated where they are shown. Values go in with `str.format` after translating:
`_("Mål {target} i {year}").format(...)`, so a translation can move them. `tests/test_i18n.py` fails when the catalogue lacks a string of
the source or leaves one untranslated.
"""

import gettext as _gettext
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from io import BytesIO
from pathlib import Path

DANISH = "da"
ENGLISH = "en"
LANGUAGES = (DANISH, ENGLISH)
DEFAULT_LANGUAGE = DANISH
# each language named in itself, so that the choice reads to whoever needs it
LANGUAGE_NAMES = {DANISH: "Dansk", ENGLISH: "English"}
DOMAIN = "botrygt"
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
# What extraction looks for besides Babel's defaults (`_`, `gettext`, `ngettext`, `N_`...): the
# pure functions here take the language first. The Makefile's `i18n` target passes the same.
EXTRACT_KEYWORDS: dict[str, tuple[int | tuple[int, str], ...]] = {
    "translate": (2,),
    "translate_plural": (2, 3),
    "translate_context": ((2, "c"), 3),
    "NC_": ((1, "c"), 2),
    "M_": (1,),
}
# The context of the menu's labels and page titles: one Danish word can be two English ones
# ("Mål": the Goals page, a chart's Target).
MENU = "menu"  # written out in NC_("menu", ...): extraction reads only literals
EXTRACT_DIRS = ("app.py", "pages", "ui", "models", "dataio", "cli")


def language_of(value: object) -> str:
    """A language code we have, else the default: 'en', 'EN', 'en-GB' -> 'en'; None, 'xx' -> 'da'."""
    if not isinstance(value, str):
        return DEFAULT_LANGUAGE
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def catalogue_path(lang: str) -> Path:
    """Where a language's catalogue (the .po source) lives."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    """The language's translations, compiled once per process from its .po file with Babel.

    Danish is the source language: its translations return the msgid. A language whose
    catalogue is missing falls back to Danish rather than failing a page."""
    lang = language_of(lang)
    path = catalogue_path(lang)
    if lang == DANISH or not path.exists():
        return _gettext.NullTranslations()
    from babel.messages.mofile import write_mo  # imported here: Danish pages never pay for it
    from babel.messages.pofile import read_po

    with path.open("rb") as source:
        catalog = read_po(source, locale=lang, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)  # a fuzzy entry is not a translation yet
    compiled.seek(0)
    return _gettext.GNUTranslations(compiled)


def translate(lang: str, message: str) -> str:
    """`message` (Danish) in the language; Danish itself when there is no translation."""
    return translations(language_of(lang)).gettext(message)


def translate_plural(lang: str, singular: str, plural: str, count: int) -> str:
    """The singular or plural (Danish msgids) in the language, chosen by `count`."""
    return translations(language_of(lang)).ngettext(singular, plural, count)


def translate_context(lang: str, context: str, message: str) -> str:
    """`message` in the language, as meant in `context` (gettext's pgettext)."""
    return translations(language_of(lang)).pgettext(context, message)


def translator(lang: str) -> Callable[[str], str]:
    """A `_` bound to one language, for a module that builds many strings in one go."""
    table = translations(language_of(lang))
    return table.gettext


def N_(message: str) -> str:
    """Mark a constant for extraction; it is translated where it is shown (`translate(lang, X)`)."""
    return message


def NC_(context: str, message: str) -> str:
    """Mark a constant with its context; translated where shown (`translate_context`)."""
    return message


@dataclass(frozen=True)
class Message:
    """A Danish template (its msgid) and the values of its `{fields}`, rendered in a language only
    when shown: for text made where the reader's language is unknown (a store's refusal, a model's
    sentence). A field's value may itself be a Message (an action's label inside a refusal)."""

    template: str
    fields: Mapping[str, object] = field(default_factory=dict)

    def render(self, lang: str) -> str:
        """The message in `lang`, each nested Message rendered in it too."""
        values = {
            name: value.render(lang) if isinstance(value, Message) else value
            for name, value in self.fields.items()
        }
        text = translate(lang, self.template)
        return text.format(**values) if values else text

    def __str__(self) -> str:
        return self.render(DANISH)


def M_(template: str, **fields: object) -> Message:
    """A Message: `M_("Ukendt sprog: {language}.", language=x)`; extracted like `_`."""
    return Message(template, fields)
