"""Which Danish source strings (the catalogue's msgids) are left in a text meant to be English.

Only msgids whose English differs count (a word such as "Data" is the same in both), each as a
whole phrase: word boundaries on both sides, `{fields}` matching anything. A msgid that is fields
around one short word ("{first} og {last}", "under {value}") is left out: it would match English
prose ("under 10 %") and any text with the word; its function's unit tests check its English."""

import re
from functools import cache

from babel.messages.pofile import read_po

from models.i18n import ENGLISH, catalogue_path


def _texts(value: object) -> tuple[str, ...]:
    """A message's id or string as a tuple (a plural has several)."""
    if isinstance(value, tuple | list):
        return tuple(str(v or "") for v in value)
    return (str(value or ""),)


@cache
def danish_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(msgid, pattern) for every msgid whose English translation is different."""
    with catalogue_path(ENGLISH).open("rb") as source:
        catalogue = read_po(source, locale=ENGLISH)
    patterns: list[tuple[str, re.Pattern[str]]] = []
    for message in catalogue:
        for msgid, msgstr in zip(_texts(message.id), _texts(message.string), strict=False):
            if not msgid or msgid == msgstr:
                continue
            literal = re.split(r"\{[^{}]*\}", msgid.strip())
            words = re.findall(r"\w+", " ".join(literal))
            if len(literal) > 1 and len(words) <= 1 and all(len(w) <= 5 for w in words):
                continue  # fields around one short word: see the module's docstring
            pieces = [re.escape(p) for p in literal]
            # a field's value is short (a name, a number, a date): bounded, so that a long text (a whole
            # PDF on one line) is searched in linear time instead of backtracking over all of it
            body = r".{0,80}?".join(p for p in pieces)
            if not body.strip():
                continue
            patterns.append((msgid, re.compile(rf"(?<!\w){body}(?!\w)")))
    return tuple(patterns)


# an address's query ("?kommune=183&lang=en", in a link's target) is not text anyone reads
_QUERY = re.compile(r"[?&][\w-]+=[\w-]*")


def danish_left_in(text: str) -> list[str]:
    """The msgids (with a different English) found in `text` (addresses' queries left out)."""
    text = _QUERY.sub(" ", text)
    return [msgid for msgid, pattern in danish_patterns() if pattern.search(text)]
