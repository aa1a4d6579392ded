"""Per-platform module switches: the `platform_modules` rows, the rules of `modules.tenancy.switch_rules`,
and a cache in front of the one question every request asks (which modules are on here?).

The cache is per process, and every process drops a platform's entry when any process commits a
switch of it (`contracts.change_notices`); `platform.host_cache_ttl_s` only bounds how long a lost
message leaves it stale. A read that was under way when a switch was told is not kept.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence

from cachetools import TTLCache
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from contracts.cache_only import refuse_to_block
from contracts.change_notices import Change, ChangeNotices
from kernel.access import require_platform_access
from kernel.clock import Clock
from kernel.errors import NotFoundError
from kernel.identity import Principal
from kernel.module import ModuleDefinition
from modules.tenancy.models import Platform, PlatformModule
from modules.tenancy.schemas import PlatformModuleOut, PlatformModulesOut
from modules.tenancy.switch_rules import ModuleState, check_switch, module_states

__all__ = ("PlatformModuleService",)


def _out(state: ModuleState) -> PlatformModuleOut:
    return PlatformModuleOut(
        code=state.code,
        name=state.name,
        is_core=state.is_core,
        requires=list(state.requires),
        required_by=list(state.required_by),
        enabled_in_settings=state.enabled_in_settings,
        enabled=state.enabled,
        platform_override=state.platform_override,
        metrics_category=state.metrics_category,
    )


def _overrides(session: Session, platform_id: int) -> dict[str, bool]:
    rows = session.execute(
        select(PlatformModule.module_code, PlatformModule.enabled).where(
            PlatformModule.platform_id == platform_id
        )
    )
    return dict(rows.all())


def _every_override(session: Session) -> dict[int, dict[str, bool]]:
    """Every platform's overrides (none: an empty mapping), in one statement."""
    rows = session.execute(
        select(Platform.id, PlatformModule.module_code, PlatformModule.enabled).outerjoin(
            PlatformModule, PlatformModule.platform_id == Platform.id
        )
    )
    overrides: dict[int, dict[str, bool]] = {}
    for platform_id, code, enabled in rows:
        platform = overrides.setdefault(platform_id, {})  # no row: settings' defaults
        if code is not None:
            platform[code] = enabled
    return overrides


def _codes_on(states: Sequence[ModuleState]) -> frozenset[str]:
    return frozenset(state.code for state in states if state.enabled)


class PlatformModuleService:
    """Implements the `ModuleSwitches` contract for the dashboards and the HTTP layer, and
    `EveryPlatformSwitches` for the Prometheus scrape; hears switches as a `ChangeListener`."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        clock: Clock,
        installed: Mapping[str, ModuleDefinition],
        started: Sequence[ModuleDefinition],
        ttl_s: float,
        notices: ChangeNotices,
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._installed = installed
        self._started = started
        self._notices = notices
        self._cache: TTLCache[int, frozenset[str]] | None = (
            TTLCache(maxsize=4096, ttl=ttl_s) if ttl_s > 0 else None
        )
        self._lock = threading.Lock()
        self._epoch = 0

    def enabled_codes(self, platform_id: int) -> frozenset[str]:
        if self._cache is None:
            return self._read_codes(platform_id)
        with self._lock:
            epoch, cached = self._epoch, self._cache.get(platform_id)
        if cached is not None:
            return cached
        codes = self._read_codes(platform_id)
        with self._lock:
            if self._epoch == epoch:  # no switch told while it was read
                self._cache[platform_id] = codes
        return codes

    def _read_codes(self, platform_id: int) -> frozenset[str]:
        refuse_to_block()
        with self._sessions() as session:
            return _codes_on(module_states(self._installed, self._started, _overrides(session, platform_id)))

    def changed(self, change: Change) -> None:
        if change.kind not in ("switch", "all") or self._cache is None:
            return
        with self._lock:
            self._epoch += 1
            if change.kind == "all":
                self._cache.clear()
            for platform_id in change.ids("platform"):
                self._cache.pop(platform_id, None)

    def every_platform(self, db: Session) -> dict[int, frozenset[str]]:
        return {
            platform_id: _codes_on(module_states(self._installed, self._started, overrides))
            for platform_id, overrides in _every_override(db).items()
        }

    def states(self, actor: Principal, platform_id: int) -> PlatformModulesOut:
        require_platform_access(actor, platform_id)
        with self._sessions() as session:
            if session.get(Platform, platform_id) is None:
                raise NotFoundError(f"platform {platform_id} not found")
            states = module_states(self._installed, self._started, _overrides(session, platform_id))
        return PlatformModulesOut(platform_id=platform_id, modules=[_out(state) for state in states])

    def switch(self, actor: Principal, platform_id: int, code: str, enabled: bool) -> PlatformModuleOut:
        """Check against the current states and write in one transaction; the platform row is locked
        (on PostgreSQL) so two admins cannot switch a module and its requirement past each other."""
        require_platform_access(actor, platform_id)
        with self._sessions.begin() as session:
            if session.get(Platform, platform_id, with_for_update=True) is None:
                raise NotFoundError(f"platform {platform_id} not found")
            states = module_states(self._installed, self._started, _overrides(session, platform_id))
            check_switch(states, code, enabled)
            session.merge(
                PlatformModule(
                    platform_id=platform_id, module_code=code, enabled=enabled, updated_at=self._clock.now()
                )
            )
            session.flush()
            after = module_states(self._installed, self._started, _overrides(session, platform_id))
            self._notices.after_commit(session, Change.switch(platform_id))
        return _out(next(state for state in after if state.code == code))
