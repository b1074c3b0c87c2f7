"""Domain errors with a Danish message for the person who caused them."""


class DomainError(Exception):
    """An expected problem with input or rights; its message is shown as it is."""


class UnknownMunicipality(DomainError):
    """A municipality code that is not one of the 98 (or 411 Christiansø)."""

    def __init__(self, code: object) -> None:
        super().__init__(
            f"Ukendt kommunekode: {code} (brug en af de 98 kommuners tre-cifrede DST-koder, fx 183 for Ishøj)"
        )
        self.code = code
