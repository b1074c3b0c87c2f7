"""The base of domain errors: expected problems whose Danish message is shown as it is."""


class DomainError(Exception):
    """An expected problem with input or rights; its message is meant for the person."""


class PermissionDenied(DomainError):
    """The acting user's role or scope does not allow the action."""
