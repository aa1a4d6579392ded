"""Who may act on which tenant: the few rules every service and route applies the same way."""

from __future__ import annotations

from kernel.errors import ForbiddenError
from kernel.identity import VENDOR_ROLES, Principal, Role

__all__ = ("own_platform", "require_platform_access", "require_role", "require_vendor")


def require_role(principal: Principal, *roles: Role) -> None:
    if principal.role not in roles:
        allowed = ", ".join(role.value for role in roles)
        raise ForbiddenError(f"this needs one of the roles {allowed}; you are {principal.role.value}")


def require_vendor(principal: Principal) -> int:
    """The vendor a vendor user acts for; anyone else is refused, because vendor routes are theirs."""
    require_role(principal, *sorted(VENDOR_ROLES))
    if principal.vendor_id is None:
        raise ForbiddenError("your account is not attached to a vendor")
    return principal.vendor_id


def own_platform(principal: Principal) -> int:
    """The platform a platform admin administers; an admin attached to none may do nothing."""
    require_role(principal, Role.PLATFORM_ADMIN)
    if principal.platform_id is None:
        raise ForbiddenError("your account is not attached to a platform")
    return principal.platform_id


def require_platform_access(principal: Principal, platform_id: int) -> None:
    """A super admin reaches every platform; a platform admin only its own."""
    require_role(principal, Role.SUPER_ADMIN, Role.PLATFORM_ADMIN)
    if principal.role is Role.PLATFORM_ADMIN and own_platform(principal) != platform_id:
        raise ForbiddenError(
            f"platform admins can only act on their own platform, not platform {platform_id}"
        )
