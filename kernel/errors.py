"""The one exception hierarchy of Tessera.

Services raise these; the HTTP layer maps each class to one status code in one place and the CLI
prints their message. A message always says what went wrong and, where it can, what to do.
"""

from __future__ import annotations

__all__ = (
    "AuthenticationError",
    "ConflictError",
    "ForbiddenError",
    "InvalidInputError",
    "NotFoundError",
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
