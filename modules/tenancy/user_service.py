"""Accounts: creating users for each role, switching them off or on, and checking a password to
sign someone in.

Signing in answers the same way for an unknown email and a wrong password, and takes the same time
(a dummy hash is verified when the email is unknown), so the token route reveals nothing about
which emails have accounts.
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select, true
from sqlalchemy.orm import Session, sessionmaker

from contracts.change_notices import Change, ChangeNotices
from kernel.access import require_platform_access, require_role
from kernel.clock import Clock
from kernel.errors import AuthenticationError, ConflictError, InvalidInputError, NotFoundError
from kernel.identity import Principal, Role
from modules.tenancy.conflicts import conflict_on_duplicate
from modules.tenancy.counts import TenancyCounts
from modules.tenancy.models import Platform, TeamMember, User, Vendor, VendorPlatform
from modules.tenancy.schemas import UserCreate, UserOut
from modules.tenancy.user_switch import managed_user, switch_user
from modules.tenancy.vendor_service import visible_vendor

__all__ = ("UserService",)

_TEAM_ROLES = {Role.VENDOR_OWNER: "owner", Role.VENDOR_MEMBER: "member"}


def _user_out(user: User) -> UserOut:
    return UserOut(
        id=user.id,
        email=user.email,
        role=Role(user.role),
        platform_id=user.platform_id,
        vendor_id=user.vendor_id,
        is_active=user.is_active,
        created_at=user.created_at,
    )


def _check_shape(data: UserCreate) -> None:
    """Each role hangs off exactly one kind of tenant (or none, for super admins)."""
    if data.role is Role.SUPER_ADMIN:
        for field, value in (("platform_id", data.platform_id), ("vendor_id", data.vendor_id)):
            if value is not None:
                raise InvalidInputError(field, "a super_admin belongs to no platform or vendor; leave it out")
    elif data.role is Role.PLATFORM_ADMIN:
        if data.platform_id is None:
            raise InvalidInputError("platform_id", "required for role platform_admin")
        if data.vendor_id is not None:
            raise InvalidInputError(
                "vendor_id", "a platform_admin belongs to a platform, not a vendor; leave it out"
            )
    else:
        if data.vendor_id is None:
            raise InvalidInputError("vendor_id", f"required for role {data.role.value}")
        if data.platform_id is not None:
            raise InvalidInputError(
                "platform_id", "vendor users follow their vendor's platforms; leave it out"
            )


class UserService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        clock: Clock,
        hasher: PasswordHasher,
        counts: TenancyCounts,
        notices: ChangeNotices,
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._hasher = hasher
        self._counts = counts
        self._notices = notices
        self._dummy_hash: str | None = None

    def create(self, actor: Principal, data: UserCreate) -> UserOut:
        _check_shape(data)
        email = data.email.lower()
        taken = f"a user with email '{email}' already exists"
        with conflict_on_duplicate(taken), self._sessions.begin() as session:
            self._authorise(session, actor, data)
            if session.scalar(select(User.id).where(User.email == email)) is not None:
                raise ConflictError(taken)
            user = self._add(session, email, data)
            return _user_out(user)

    def _add(self, session: Session, email: str, data: UserCreate) -> User:
        """The user, its seat on its vendor's team if it has a vendor, and the platforms' counts."""
        now = self._clock.now()
        user = User(
            email=email,
            password_hash=self._hasher.hash(data.password),
            role=data.role.value,
            platform_id=data.platform_id,
            vendor_id=data.vendor_id,
            is_active=True,
            created_at=now,
        )
        if data.vendor_id is None:
            session.add(user)
            session.flush()
        else:
            with self._counts.vendor_change(session, data.vendor_id):  # hashed first: the lock is short
                session.add(user)
                session.flush()
                seat = TeamMember(
                    vendor_id=data.vendor_id,
                    user_id=user.id,
                    role=_TEAM_ROLES[data.role],
                    is_active=True,
                    created_at=now,
                )
                session.add(seat)
            self._counts.seat_added(session, data.vendor_id)
        if data.platform_id is not None:
            self._counts.platform_user_added(session, data.platform_id, active=user.is_active)
        return user

    def set_active(self, actor: Principal, user_id: int, is_active: bool) -> UserOut:
        """Switch an account off or back on (`user_switch.py` says who may). Off, it cannot sign in,
        and its tokens are refused (401) from the next request on, by every server process: each
        drops the account from its cache once told (`contracts.change_notices`)."""
        with self._sessions.begin() as session:
            user = managed_user(session, actor, user_id, is_active=is_active)
            if switch_user(session, self._counts, user, is_active):
                self._notices.after_commit(session, Change.account(user.id))
            return _user_out(user)

    @staticmethod
    def _authorise(session: Session, actor: Principal, data: UserCreate) -> None:
        """Super admins are made by super admins; a platform admin makes accounts for its platform
        and for the vendors currently on it."""
        if data.role is Role.SUPER_ADMIN:
            require_role(actor, Role.SUPER_ADMIN)
        elif data.platform_id is not None:
            require_platform_access(actor, data.platform_id)
            if session.get(Platform, data.platform_id) is None:
                raise NotFoundError(f"platform {data.platform_id} not found")
        elif data.vendor_id is not None:
            visible_vendor(session, actor, data.vendor_id, current_member=True)

    def set_password(self, actor: Principal, email: str, password: str) -> bool:
        """Give an existing account a new password (super admins: the operator, the demo's logins);
        False when no account has this email. The old password stops working at once."""
        require_role(actor, Role.SUPER_ADMIN)
        with self._sessions.begin() as session:
            user = session.scalar(select(User).where(User.email == email.strip().lower()))
            if user is None:
                return False
            user.password_hash = self._hasher.hash(password)
            return True

    def authenticate(self, email: str, password: str, platform_hint: int | None = None) -> Principal:
        """The principal for these credentials, or `AuthenticationError` whatever was wrong."""
        with self._sessions.begin() as session:
            user = session.scalar(select(User).where(User.email == email.strip().lower()))
            if user is None or not user.is_active or not self._vendor_is_active(session, user):
                self._verify(self._dummy(), password)
                raise AuthenticationError("wrong email or password")
            if not self._verify(user.password_hash, password):
                raise AuthenticationError("wrong email or password")
            if self._hasher.check_needs_rehash(user.password_hash):
                user.password_hash = self._hasher.hash(password)
            platform_id = user.platform_id
            if user.vendor_id is not None:
                platform_id = self._vendor_platform(session, user.vendor_id, platform_hint)
            return Principal(
                user_id=user.id, role=Role(user.role), platform_id=platform_id, vendor_id=user.vendor_id
            )

    @staticmethod
    def _vendor_is_active(session: Session, user: User) -> bool:
        if user.vendor_id is None:
            return True
        vendor = session.get(Vendor, user.vendor_id)
        return vendor is not None and vendor.is_active

    @staticmethod
    def _vendor_platform(session: Session, vendor_id: int, hint: int | None) -> int | None:
        """The platform a vendor user signs in to: the one the request came through, else its first."""
        active = select(VendorPlatform.platform_id).where(
            VendorPlatform.vendor_id == vendor_id, VendorPlatform.is_active == true()
        )
        platform_ids = list(session.scalars(active.order_by(VendorPlatform.platform_id)))
        if hint in platform_ids:
            return hint
        return platform_ids[0] if platform_ids else None

    def _verify(self, password_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    def _dummy(self) -> str:
        if self._dummy_hash is None:
            self._dummy_hash = self._hasher.hash("not a real password, only spends the same time")
        return self._dummy_hash
