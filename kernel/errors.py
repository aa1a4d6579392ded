"""The one exception hierarchy of Tessera.

Services raise these; the HTTP layer maps each class to one status code in one place and the CLI
prints their message. A message always says what went wrong and, where it can, what to do.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = (
    "AuthenticationError",
    "ConflictError",
    "ForbiddenError",
    "InvalidInputError",
    "InvalidRowsError",
    "NotFoundError",
    "RowProblem",
    "SettingsError",
    "TesseraError",
)


class TesseraError(Exception):
    """Base of every error Tessera raises on purpose."""


class InvalidInputError(TesseraError):
    """A caller sent a value Tessera cannot use; `field` names it so the caller can fix it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True, slots=True)
class RowProblem:
    """One row of a batch that cannot be used: its line in the file, the field at fault and why."""

    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.field}: {self.message}"


class InvalidRowsError(InvalidInputError):
    """A batch (an import file) with rows that cannot be used: every one is reported, and nothing of
    the batch was done, so the whole file can be fixed and sent again."""

    def __init__(self, problems: Sequence[RowProblem]) -> None:
        first = problems[0]
        rows = len({problem.line for problem in problems})
        super().__init__(
            first.field, f"{rows} row{'s' if rows > 1 else ''} cannot be imported, so nothing was: {first}"
        )
        self.problems = tuple(problems)


class AuthenticationError(TesseraError):
    """Who is calling is unknown: no credentials, or credentials that do not check out."""


class ForbiddenError(TesseraError):
    """The caller is known but may not do this."""


class NotFoundError(TesseraError):
    """The thing asked for does not exist, or the caller may not know that it does."""


class ConflictError(TesseraError):
    """The request clashes with the current state (a duplicate slug, a vendor already attached)."""


class SettingsError(TesseraError):
    """A settings mistake, reported as one line naming the file, the key and the fix."""

    def __init__(self, source: str, key: str, problem: str, fix: str) -> None:
        super().__init__(f"Settings error in {source}, key '{key}': {problem}. Fix: {fix}")
        self.source = source
        self.key = key
        self.problem = problem
        self.fix = fix
