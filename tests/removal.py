"""How the removability matrix re-runs ordinary tests with modules taken away.

`tests/test_removability.py` starts pytest again with these variables set; every fixture that
builds settings or a platform reads them, so the same tests run unchanged against a smaller platform:

- TESSERA_TEST_MODULES_OFF: codes switched off in settings (for migrations and every container);
- TESSERA_TEST_PLATFORM_MODULES_OFF: codes switched off at run time on every platform a test
  creates, in this order (modules that need others first);
- TESSERA_TEST_REMOVED: the codes the matrix took away, whichever way, for the probe's expectations.
"""

from __future__ import annotations

import os
from typing import Any

__all__ = ("PLATFORM_OFF", "REMOVED", "SETTINGS_OFF", "module_settings")


def _codes(variable: str) -> tuple[str, ...]:
    return tuple(code for code in os.environ.get(variable, "").split(",") if code)


SETTINGS_OFF = _codes("TESSERA_TEST_MODULES_OFF")
PLATFORM_OFF = _codes("TESSERA_TEST_PLATFORM_MODULES_OFF")
REMOVED = _codes("TESSERA_TEST_REMOVED")


def module_settings() -> dict[str, Any]:
    """The `modules:` part of test settings: empty (every installed module on) unless the matrix says."""
    return {"modules": {code: {"enabled": False} for code in SETTINGS_OFF}} if SETTINGS_OFF else {}
