"""Who is calling: the roles Tessera knows and the principal a token or the CLI stands for.

A principal is plain data decoded from a signed token; nothing here touches the database, so every
layer (HTTP, CLI, services) can reason about access the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = ("SYSTEM", "VENDOR_ROLES", "Principal", "Role")


class Role(StrEnum):
    SUPER_ADMIN = "super_admin"
    PLATFORM_ADMIN = "platform_admin"
    VENDOR_OWNER = "vendor_owner"
    VENDOR_MEMBER = "vendor_member"

    @property
    def is_vendor_role(self) -> bool:
        return self in VENDOR_ROLES


VENDOR_ROLES = frozenset({Role.VENDOR_OWNER, Role.VENDOR_MEMBER})


@dataclass(frozen=True, slots=True)
class Principal:
    """The signed-in user as the token describes it."""

    user_id: int
    role: Role
    platform_id: int | None = None
    vendor_id: int | None = None


SYSTEM = Principal(user_id=0, role=Role.SUPER_ADMIN)
"""The operator at the command line: the CLI acts with full rights, as the person who runs it has them."""
