"""Danish numbers written by people: counts ("1.450", "1 450") and decimals ("17,3", "1.234,5").

Danish writing: "," is the decimal mark and "." (or a space) groups thousands, so "1.450" is one
thousand four hundred and fifty and "17.3" is not a number at all (it is refused rather than
guessed). A count is a whole number from 0 to a plausible maximum; a bigger one is a typing or
export error, never a real count, and is refused before Python is asked to convert its digits
(a 100,000-digit cell costs nothing). Every refusal is a NumberRefused (a ValueError) with a
Danish message naming the value; callers add the row and the column.
"""

import re
from typing import Literal

from models.formatting import fmt_int
from models.i18n import DANISH, M_, Message

MAX_COUNT = 1_000_000  # per municipality and period: more people, homes or offences than any has
MAX_NATIONAL_COUNT = (
    100_000_000  # the whole country or a region (Denmark has about 6 million people)
)
_SHOWN = 20  # characters of a refused value written into the message

# sign, whole part (grouped by "." or by spaces, or plain digits), decimals after ","
_NUMBER = re.compile(
    r"(-?)([0-9]{1,3}(?:\.[0-9]{3})+|[0-9]{1,3}(?: [0-9]{3})+|[0-9]+)(?:,([0-9]+))?"
)
_SPACES = str.maketrans({"\xa0": " ", "\u202f": " ", "\u2009": " "})
_MAX_DECIMAL_DIGITS = 300  # a float holds about 1.8e308


Refusal = Literal["not a number", "not whole", "negative", "too large"]  # why a text is refused


class NumberRefused(ValueError):
    """A text that is not the number asked for; str() is the Danish message, `why` the part after
    the value (for messages that show the value themselves) and `refusal` the reason;
    `text(lang)` and `why_text(lang)` are the same in another language."""

    def __init__(self, refusal: Refusal, *, shown: str, why: str | Message) -> None:
        self.refusal, self.shown = refusal, shown
        self.why_message = why if isinstance(why, Message) else M_(why)
        self.why = str(why)
        value = shown if refusal == "negative" else f"«{shown}»"
        super().__init__(f"{value} {self.why}")

    def why_text(self, lang: str = DANISH) -> str:
        """The part after the value, in the language."""
        return self.why_message.render(lang)

    def text(self, lang: str = DANISH) -> str:
        """The whole message in the language ('«abc» er ikke et helt tal' / '... is not ...')."""
        value = self.shown if self.refusal == "negative" else f"«{self.shown}»"
        return f"{value} {self.why_text(lang)}"


class _Count(Message):
    """A count inside a Message, written as the language writes it (1.000.000 / 1,000,000)."""

    def render(self, lang: str) -> str:
        return fmt_int(int(self.template), lang=lang)


def _shown(text: str) -> str:
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"


def _split(text: str) -> tuple[str, str, str, str] | None:
    """(cleaned text, sign, digits of the whole part without leading zeros, decimals) or None."""
    clean = " ".join(text.translate(_SPACES).split())
    match = _NUMBER.fullmatch(clean)
    if match is None:
        return None
    sign, whole, decimals = match.groups()
    digits = whole.replace(".", "").replace(" ", "").lstrip("0") or "0"
    return clean, sign, digits, decimals or ""


def check_count(number: int, *, maximum: int = MAX_COUNT) -> int:
    """The number itself if it is a count: from 0 to `maximum`."""
    if number < 0:
        raise NumberRefused(
            "negative",
            shown=_shown(str(number)),
            why=M_("er negativ; antal skal være 0 eller mere"),
        )
    if number > maximum:
        raise _too_large(str(number), maximum)
    return number


def _too_large(shown: str, maximum: int) -> NumberRefused:
    return NumberRefused(
        "too large",
        shown=_shown(shown),
        why=M_("er for stort et antal (højst {maximum})", maximum=_Count(str(maximum))),
    )


def parse_count(text: str, *, maximum: int = MAX_COUNT) -> int:
    """A whole number from 0 to `maximum` written the Danish way: "1450", "1.450", "1 450" (also
    with a non-breaking space) or "1.450,0"; NumberRefused for "1,5", "abc", "-3" or too much."""
    parts = _split(text)
    if parts is None:
        raise NumberRefused(
            "not a number", shown=_shown(text.strip()), why=M_("er ikke et helt tal")
        )
    clean, sign, digits, decimals = parts
    if decimals.strip("0"):
        raise NumberRefused("not whole", shown=_shown(clean), why=M_("er ikke et helt tal"))
    if sign and digits != "0":
        raise NumberRefused(
            "negative", shown=_shown(clean), why=M_("er negativ; antal skal være 0 eller mere")
        )
    # too long to be a count: refused before int() (which refuses 4,300 digits with a traceback)
    if len(digits) > len(str(maximum)) or int(digits) > maximum:
        raise _too_large(clean, maximum)
    return int(digits)


def parse_decimal(text: str) -> float:
    """A number written the Danish way: "17,3", "-0,5", "1.234,5", "1 234,5" or "17"; NumberRefused
    for "17.3" (a decimal point is not Danish, and "1.234" would be ambiguous) or "abc"."""
    parts = _split(text)
    if parts is None:
        raise NumberRefused(
            "not a number",
            shown=_shown(text.strip()),
            why=M_("er ikke et tal (skriv decimaler med komma, fx 17,3)"),
        )
    clean, sign, digits, decimals = parts
    if len(digits) > _MAX_DECIMAL_DIGITS:
        raise NumberRefused("too large", shown=_shown(clean), why=M_("er for stort et tal"))
    return float(f"{sign}{digits}.{decimals or '0'}")
