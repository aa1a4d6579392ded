"""Issuing access tokens: tenancy checks the password, the HTTP adapter signs the token."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from kernel.identity import Principal

__all__ = ("IssuedToken", "TokenIssuer")


@dataclass(frozen=True, slots=True)
class IssuedToken:
    access_token: str
    expires_in: int


@runtime_checkable
class TokenIssuer(Protocol):
    def issue(self, principal: Principal) -> IssuedToken: ...
