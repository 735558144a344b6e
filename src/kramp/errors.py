"""The one error type that user input can raise.

Every message names the field, its unit and its allowed range, so the CLI can print it on one line
and exit with code 2 (the sklearn ``_param_validation`` habit: the sentence shape is fixed).
"""


class KrampInputError(ValueError):
    """Bad user input: unknown scenario or parameter, wrong unit, value out of range, bad file."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field


def out_of_range(field: str, unit: str, low: float, high: float, got: str) -> KrampInputError:
    """The fixed sentence for a value outside its declared physiological range."""
    return KrampInputError(
        f"`{field}` must be in [{low:g}, {high:g}] {unit}, got {got}", field=field
    )
