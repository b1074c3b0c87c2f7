"""Which Danish source strings (the catalogue's msgids) are left in a text meant to be English.

Only msgids whose English differs count (a word such as "Data" is the same in both), each as a
whole phrase: word boundaries on both sides, `{fields}` matching anything."""

import re
from functools import cache

from babel.messages.pofile import read_po

from models.i18n import ENGLISH, catalogue_path


@cache
def danish_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(msgid, pattern) for every msgid whose English translation is different."""
    with catalogue_path(ENGLISH).open("rb") as source:
        catalogue = read_po(source, locale=ENGLISH)
    patterns = []
    for message in catalogue:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for msgid, msgstr in zip(ids, strings, strict=False):
            if not msgid or msgid == msgstr:
                continue
            pieces = [re.escape(p) for p in re.split(r"\{[^{}]*\}", msgid.strip())]
            body = r".*?".join(p for p in pieces)
            if not body.strip():
                continue
            patterns.append((msgid, re.compile(rf"(?<!\w){body}(?!\w)")))
    return tuple(patterns)


def danish_left_in(text: str) -> list[str]:
    """The msgids (with a different English) found in `text`."""
    return [msgid for msgid, pattern in danish_patterns() if pattern.search(text)]
