"""The proof that every optional module can go: switched off in settings, switched off for a
platform at run time, or deleted from disk.

Each case starts pytest again (SQLite, plus PostgreSQL for the probe) with the module taken away,
together with the modules that need it (they cannot run without it): the probe checks that the app
starts, migrates and serves both dashboards with exactly the remaining categories, and the remaining
modules' own tests must all pass unchanged. See `tests/removal.py` for the variables each case sets.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from adapters.bootstrap import bootstrap
from adapters.module_discovery import discover_modules
from adapters.settings_file import settings_from_mapping
from kernel.errors import SettingsError
from kernel.settings import Settings
from tests.adapters.http.test_dashboards_probe import BUILT_IN

ROOT = Path(__file__).resolve().parent.parent
INSTALLED = discover_modules(Settings())
OPTIONAL = [code for code in BUILT_IN if not INSTALLED[code].is_core]
PROBE = "tests/adapters/http/test_dashboards_probe.py"
_NOT_COPIED = shutil.ignore_patterns(".git", ".venv", "*cache*", "__pycache__", "*.db", "*.egg-info", "bench")


def removal(code: str) -> list[str]:
    """`code` and every module that needs it, directly or not, in switch-off order (needers first)."""
    needers = [other for other, d in INSTALLED.items() if code in d.requires]
    found: list[str] = []
    for needer in needers:
        found.extend(name for name in removal(needer) if name not in found)
    return [*found, code]


def _pytest(cwd: Path, remaining: list[str], variables: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST_")}
    env.update(variables)
    targets = [PROBE, *(f"tests/modules/{code}" for code in remaining)]
    command = [sys.executable, "-m", "pytest", *targets, "-q", "-x", "-p", "no:cacheprovider"]
    command += ["-m", "not postgres or removability_probe"]
    return subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=900, check=False
    )


def test_removal_sets_follow_the_graph() -> None:
    assert removal("catalog") == ["inventory", "marketplace", "catalog"]
    assert removal("orders") == ["orders"]


@pytest.mark.parametrize("way", ["settings", "platform", "disk"])
@pytest.mark.parametrize("code", OPTIONAL)
def test_the_platform_works_without(code: str, way: str, tmp_path: Path) -> None:
    removed = removal(code)
    remaining = [other for other in BUILT_IN if other not in removed]
    variables = {"TESSERA_TEST_REMOVED": ",".join(removed)}
    cwd = ROOT
    if way == "settings":
        variables["TESSERA_TEST_MODULES_OFF"] = ",".join(removed)
    elif way == "platform":
        variables["TESSERA_TEST_PLATFORM_MODULES_OFF"] = ",".join(removed)
    else:  # deleted from disk; the modules that needed it stay installed but must be switched off
        cwd = tmp_path / "tree"
        shutil.copytree(ROOT, cwd, ignore=_NOT_COPIED)
        shutil.rmtree(cwd / "modules" / code)
        shutil.rmtree(cwd / "tests" / "modules" / code)
        variables["TESSERA_TEST_MODULES_OFF"] = ",".join(removed[:-1])
    result = _pytest(cwd, remaining, variables)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout
    assert " failed" not in result.stdout


def test_deleting_a_module_others_still_want_is_a_start_up_error_naming_both() -> None:
    installed = {code: definition for code, definition in INSTALLED.items() if code != "catalog"}
    with pytest.raises(SettingsError, match="'inventory' requires 'catalog', which is not installed"):
        bootstrap(settings_from_mapping({}, source="settings.yaml", require_secret=False), installed)
