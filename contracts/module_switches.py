"""Which modules are on for one platform, asked on every request: by the dashboards (which
providers to call) and by the HTTP layer (which module routes answer)."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

__all__ = ("ModuleSwitches",)


@runtime_checkable
class ModuleSwitches(Protocol):
    def enabled_codes(self, platform_id: int) -> frozenset[str]:
        """The codes of the modules on for this platform (settings, then the platform's switches).
        Cached; a switch through the same process is seen at once."""
        ...
