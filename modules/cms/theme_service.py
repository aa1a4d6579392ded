"""Create, list and activate a vendor's themes; at most one is active at a time.

Activating a theme switches the previous one off in the same transaction, first, so the partial
unique index on active themes never sees two. Two activations racing each other: the database
refuses the second, which becomes a 409 to retry.

The dashboards count every theme, active or not, so only a new theme changes the ledger.
"""

from __future__ import annotations

from sqlalchemy import func, select, true, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from kernel.clock import Clock
from kernel.contracts.ledger import LedgerWriter
from kernel.errors import ConflictError, NotFoundError
from modules.cms.ledger_keys import NEW_THEME
from modules.cms.models import Theme
from modules.cms.schemas import ThemeCreate, ThemeOut, ThemePage

__all__ = ("ThemeService",)

_RACE = "another theme of this vendor was activated at the same moment; try again"


def _theme_out(theme: Theme) -> ThemeOut:
    return ThemeOut(
        id=theme.id,
        vendor_id=theme.vendor_id,
        name=theme.name,
        is_active=theme.is_active,
        created_at=theme.created_at,
    )


def _deactivate_all(session: Session, vendor_id: int) -> None:
    session.execute(
        update(Theme).where(Theme.vendor_id == vendor_id, Theme.is_active == true()).values(is_active=False)
    )


class ThemeService:
    def __init__(self, sessions: sessionmaker[Session], clock: Clock, ledger: LedgerWriter) -> None:
        self._sessions = sessions
        self._clock = clock
        self._ledger = ledger

    def create(self, vendor_id: int, data: ThemeCreate) -> ThemeOut:
        try:
            with self._sessions.begin() as session:
                if data.is_active:
                    _deactivate_all(session, vendor_id)
                theme = Theme(
                    vendor_id=vendor_id,
                    name=data.name,
                    is_active=data.is_active,
                    created_at=self._clock.now(),
                )
                session.add(theme)
                session.flush()
                self._ledger.record(session, vendor_id, NEW_THEME)  # counted active or not
                return _theme_out(theme)
        except IntegrityError:
            raise ConflictError(_RACE) from None

    def activate(self, vendor_id: int, theme_id: int) -> ThemeOut:
        """Another vendor's theme is a 404, exactly like a theme that does not exist."""
        try:
            with self._sessions.begin() as session:
                theme = session.scalar(
                    select(Theme).where(Theme.id == theme_id, Theme.vendor_id == vendor_id)
                )
                if theme is None:
                    raise NotFoundError(f"there is no theme {theme_id} here")
                if not theme.is_active:
                    _deactivate_all(session, vendor_id)
                    theme.is_active = True
                    session.flush()
                return _theme_out(theme)
        except IntegrityError:
            raise ConflictError(_RACE) from None

    def list(self, vendor_id: int, *, limit: int, offset: int) -> ThemePage:
        query = select(Theme).where(Theme.vendor_id == vendor_id)
        with self._sessions() as session:
            total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
            rows = session.scalars(
                query.order_by(Theme.created_at.desc(), Theme.id.desc()).limit(limit).offset(offset)
            )
            return ThemePage(items=[_theme_out(t) for t in rows], total=total, limit=limit, offset=offset)
