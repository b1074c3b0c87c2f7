"""The English catalogue (locale/en/LC_MESSAGES/botrygt.po) against the source.

(a) every msgid has a translation, none is fuzzy, and a translation keeps the msgid's `{fields}`;
(b) the catalogue is up to date: Babel extracts the marked strings of the source here (as
`make i18n` does) and the set of msgids must be the catalogue's, so a new `_()` string without a
translation, or a translation of a string no longer in the source, fails until `make i18n` has
run and the new entry is translated.
"""

import re
import string
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir, extract_from_file
from babel.messages.pofile import read_po

from models.i18n import (
    DANISH,
    ENGLISH,
    EXTRACT_DIRS,
    EXTRACT_KEYWORDS,
    MENU,
    catalogue_path,
    language_of,
    translate,
    translate_context,
    translate_plural,
    translations,
    translator,
)

ROOT = Path(__file__).resolve().parents[1]


def _catalogue() -> Catalog:
    with catalogue_path(ENGLISH).open("rb") as source:
        return read_po(source, locale=ENGLISH)


def _ids(value: object) -> tuple[str, ...]:
    """A message's id or string as a tuple (a plural has several; None and '' count as '')."""
    if isinstance(value, tuple | list):
        return tuple(str(v or "") for v in value)
    return (str(value or ""),)


def _source_msgids() -> set[tuple[str | None, str]]:
    """Every string marked in the source, extracted by Babel with the project's keywords."""
    keywords = {**DEFAULT_KEYWORDS, **EXTRACT_KEYWORDS}
    found: set[tuple[str | None, str]] = set()
    for part in EXTRACT_DIRS:
        path = ROOT / part
        if path.is_file():
            messages = [
                (path.name, *rest)
                for rest in extract_from_file("python", str(path), keywords=keywords)
            ]
        else:
            messages = list(
                extract_from_dir(str(path), method_map=[("**.py", "python")], keywords=keywords)
            )
        for message in messages:
            context = message[4] if len(message) > 4 else None
            found |= {(context, m) for m in _ids(message[2]) if m}
    return found


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_entry_is_translated_and_none_is_fuzzy() -> None:
    catalogue = _catalogue()
    messages = [m for m in catalogue if m.id]
    assert len(messages) >= 100  # the catalogue was read
    untranslated = [m.id for m in messages if not all(_ids(m.string))]
    fuzzy = [m.id for m in messages if m.fuzzy]
    assert untranslated == [], "Danish strings without an English translation"
    assert fuzzy == [], "fuzzy entries are not translations yet"


def test_a_translation_keeps_the_fields_of_its_msgid() -> None:
    wrong = [
        (m.id, m.string)
        for m in _catalogue()
        if m.id
        for msgid, msgstr in zip(_ids(m.id), _ids(m.string), strict=False)
        if _fields(msgid) != _fields(msgstr)
    ]
    assert wrong == []


def test_the_catalogue_holds_exactly_the_strings_of_the_source() -> None:
    in_source = _source_msgids()
    in_catalogue = {(m.context, i) for m in _catalogue() if m.id for i in _ids(m.id)}
    assert (MENU, "Min konto") in in_source and (None, "Bo trygt i {name}") in in_source
    assert sorted(in_source - in_catalogue) == [], "run `make i18n` and translate the new entries"
    assert sorted(in_catalogue - in_source) == [], "run `make i18n`: the catalogue has old entries"


def test_the_makefile_extracts_as_the_test_does() -> None:
    target = re.search(r"^i18n:.*?(?=^\S|\Z)", (ROOT / "Makefile").read_text(), re.M | re.S)
    assert target is not None
    text = target.group(0)
    for name, spec in EXTRACT_KEYWORDS.items():
        given = ",".join(f"{i[0]}{i[1]}" if isinstance(i, tuple) else str(i) for i in spec)
        assert f"-k {name}:{given}" in text
    assert " ".join(EXTRACT_DIRS) + " &&" in text


def test_translations_are_compiled_from_the_po_and_danish_is_the_source() -> None:
    assert translate(ENGLISH, "Min konto") == "My account"
    assert translate(DANISH, "Min konto") == "Min konto"
    assert translate(ENGLISH, "ikke i kataloget") == "ikke i kataloget"  # falls back to Danish
    assert translator("en")("Log ind") == "Log in"
    assert translate_plural(DANISH, "ændring", "ændringer", 2) == "ændringer"
    # one Danish word, two English ones: the menu's page and a chart's target
    assert translate_context(ENGLISH, MENU, "Mål") == "Goals"
    assert translate(ENGLISH, "Mål") == "Target"
    assert translations(ENGLISH) is translations(ENGLISH)  # compiled once per process


@pytest.mark.parametrize(
    ("asked", "language"),
    [("en", "en"), ("EN", "en"), ("en-GB", "en"), ("en_US", "en"), ("da", "da"), ("de", "da")],
)
def test_a_requested_language_falls_back_to_danish(asked: str, language: str) -> None:
    assert language_of(asked) == language
    assert language_of(None) == DANISH


def test_a_refusal_is_danish_text_and_renders_in_english() -> None:
    from models.errors import PermissionDenied
    from models.permissions import Action, Actor, Role, require

    council = Actor(username="b", role=Role.COUNCIL, municipality_code=183)
    with pytest.raises(PermissionDenied) as refused:
        require(council, Action.EDIT_ACTION_PLAN, where="Ishøj")
    assert str(refused.value) == (
        "Ingen adgang: du er byråd for kommune 183 og må ikke ændre handlingsplanen for Ishøj."
    )
    assert refused.value.text(ENGLISH) == (
        "No access: you are council for municipality 183 and may not change the action plan "
        "for Ishøj."
    )
    assert refused.value.text(DANISH) == str(refused.value)
    plain = PermissionDenied("Bare tekst")  # a message given as text stays as it is
    assert plain.text(ENGLISH) == "Bare tekst"


def test_the_command_line_speaks_english_with_lang_or_botrygt_lang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from cli import main

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'empty.sqlite'}")
    monkeypatch.delenv("BOTRYGT_LANG", raising=False)
    assert main(["init"]) == 0
    args = ["publish", "--municipality", "183", "--as", "nobody"]
    assert main(args) == 2
    assert "Ukendt eller deaktiveret bruger: nobody" in capsys.readouterr().err
    monkeypatch.setenv("BOTRYGT_LANG", "en")
    assert main(args) == 2
    assert "Unknown or deactivated user: nobody" in capsys.readouterr().err
    monkeypatch.delenv("BOTRYGT_LANG")
    assert main(["--lang", "en", *args]) == 2
    assert "Unknown or deactivated user: nobody" in capsys.readouterr().err
