"""Which modules are on for one platform, asked on every request: by the dashboards (which
providers to call) and by the HTTP layer (which module routes answer); and for every platform at
once, asked by a Prometheus scrape, which exports each platform's figures of its modules only."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = ("EveryPlatformSwitches", "ModuleSwitches")


@runtime_checkable
class ModuleSwitches(Protocol):
    def enabled_codes(self, platform_id: int) -> frozenset[str]:
        """The codes of the modules on for this platform (settings, then the platform's switches).
        Cached; every process drops a platform's entry when it is told of its switch
        (`contracts.change_notices`)."""
        ...


@runtime_checkable
class EveryPlatformSwitches(Protocol):
    def every_platform(self, db: Session) -> Mapping[int, frozenset[str]]:
        """Each platform's codes of the modules on for it, by platform id, read in `db` in one
        statement whatever the number of platforms: asked per platform, a scrape of a thousand
        platforms would send a thousand statements whenever the cache is cold. Not cached."""
        ...
