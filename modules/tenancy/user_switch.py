"""Switching an account off or on: who may, and what the platforms' and vendors' counts do.

Who may: super admins any account; a platform admin its platform's admins and the users of the
vendors currently on its platform; a vendor owner its own vendor's users. Any other account is "not
found", as for vendors, so accounts of other tenants cannot even be probed for. Nobody switches
their own account off (a 409): a team would lock out the one who can switch it back.

Counts (`ledger_keys.py`): an account counts in its platforms' `users_active` and, through its
active seats, in its vendor's `team_members`. A vendor user's platforms follow through the vendor's
`vendor_change`, which locks the vendor's row first (the order every vendor change takes); the
account's row is then read again under a lock, so two switches of one account never both count.
"""

from __future__ import annotations

from sqlalchemy import select, true
from sqlalchemy.orm import Session

from kernel.access import own_platform, require_role, require_vendor
from kernel.errors import ConflictError, NotFoundError
from kernel.identity import Principal, Role
from modules.tenancy.counts import TenancyCounts
from modules.tenancy.models import TeamMember, User, VendorPlatform

__all__ = ("managed_user", "switch_user")


def managed_user(session: Session, actor: Principal, user_id: int, *, is_active: bool) -> User:
    """The account if `actor` may switch it to `is_active`; 404 for one it may not know of."""
    require_role(actor, Role.SUPER_ADMIN, Role.PLATFORM_ADMIN, Role.VENDOR_OWNER)
    user = session.get(User, user_id)
    if user is None or not _manages(session, actor, user):
        raise NotFoundError(f"user {user_id} not found")
    if user.id == actor.user_id and not is_active:
        raise ConflictError("you cannot switch your own account off: another admin of your tenant can")
    return user


def _manages(session: Session, actor: Principal, user: User) -> bool:
    if actor.role is Role.SUPER_ADMIN:
        return True
    if actor.role is Role.VENDOR_OWNER:
        return user.vendor_id == require_vendor(actor)
    platform_id = own_platform(actor)
    if user.vendor_id is None:
        return user.platform_id == platform_id  # a super admin has neither: not a platform admin's
    membership = session.get(VendorPlatform, (user.vendor_id, platform_id))
    return membership is not None and membership.is_active


def switch_user(session: Session, counts: TenancyCounts, user: User, is_active: bool) -> bool:
    """Switch it, with the counts; False if it already was (nothing written)."""
    if user.vendor_id is None:
        return _switch(session, counts, user, is_active)
    with counts.vendor_change(session, user.vendor_id):
        return _switch(session, counts, user, is_active)


def _switch(session: Session, counts: TenancyCounts, user: User, is_active: bool) -> bool:
    session.refresh(user, with_for_update=True)  # as committed, and held until this commits
    if user.is_active == is_active:
        return False
    user.is_active = is_active
    step = 1 if is_active else -1
    seats = select(TeamMember.vendor_id).where(TeamMember.user_id == user.id, TeamMember.is_active == true())
    for vendor_id in session.scalars(seats):
        counts.seat_switched(session, vendor_id, step)
    if user.platform_id is not None:
        counts.platform_user_switched(session, user.platform_id, step)
    return True
