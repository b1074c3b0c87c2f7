"""The base of domain errors: expected problems whose message is shown to the person as it is.

A message is Danish text, or a `models.i18n.Message` (a marked Danish template and its fields)
that the page renders in the reader's language with `DomainError.text(lang)`. `str(error)` is
always the Danish text (logs, the command line, older callers)."""

from models.i18n import Message


class DomainError(Exception):
    """An expected problem with input or rights; its message is meant for the person."""

    def __init__(self, message: str | Message = "", *args: object) -> None:
        self.message = message if isinstance(message, Message) else None
        super().__init__(str(message), *args)

    def text(self, lang: str) -> str:
        """The message in `lang` (Danish when it was given as plain text)."""
        return self.message.render(lang) if self.message is not None else str(self)


class PermissionDenied(DomainError):
    """The acting user's role or scope does not allow the action."""
