"""Domain errors with a Danish message for the person who caused them."""

from models.errors import DomainError, PermissionDenied
from models.i18n import M_

__all__ = ["DomainError", "NotFound", "PermissionDenied", "UnknownMunicipality", "ValidationFailed"]


class UnknownMunicipality(DomainError):
    """A municipality code that is not one of the 98 (or 411 Christiansø)."""

    def __init__(self, code: object) -> None:
        super().__init__(
            M_(
                "Ukendt kommunekode: {code} (brug en af de 98 kommuners tre-cifrede DST-koder, "
                "fx 183 for Ishøj)",
                code=code,
            )
        )
        self.code = code


class NotFound(DomainError):
    """Something asked for by name or number does not exist."""


class ValidationFailed(DomainError):
    """Input that breaks a rule; the message names the field and the rule."""
