"""The proof that every optional module can go: switched off in settings, switched off for a
platform at run time, or deleted from disk.

Every case starts pytest again with modules taken away (`tests/removal.py` lists the variables):

- `test_the_platform_works_without[module-way]`: the module and the modules that need it are taken
  away; the probe checks on SQLite and PostgreSQL that the app starts, migrates and serves both
  dashboards with exactly the remaining categories, none unavailable, and that the removed module's
  routes are gone while the others answer.
- `test_a_module_passes_its_own_tests_alone[module-way]`: every optional module the module does not
  require is taken away, and the module's own tests must pass unchanged (on SQLite). Modules only
  meet through the contracts of what they require (import-linter enforces it), so this is the
  strongest case: whatever subset of the others is removed, a remaining module has at least what it
  has here. Running every remaining suite for every removal instead would take over an hour.
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
from adapters.module_graph import enabled_modules
from adapters.settings_file import settings_from_mapping
from kernel.errors import SettingsError
from kernel.settings import Settings
from tests.adapters.http.test_dashboards_probe import BUILT_IN

ROOT = Path(__file__).resolve().parent.parent
INSTALLED = discover_modules(Settings())
START_ORDER = [d.code for d in enabled_modules(INSTALLED, Settings(), lambda key: key)]
OPTIONAL = [code for code in BUILT_IN if not INSTALLED[code].is_core]
WAYS = ["settings", "platform", "disk"]
PROBE = "tests/adapters/http/test_dashboards_probe.py"
_NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv", ".*_cache", "__pycache__", "*.db", "*.egg-info", "bench"
)


def _needed_by(code: str) -> set[str]:
    return {other for other, d in INSTALLED.items() if code in d.requires}


def removal(code: str) -> list[str]:
    """`code` and every module that needs it, directly or not, in switch-off order (needers first)."""
    found, todo = {code}, [code]
    while todo:
        for other in _needed_by(todo.pop()) - found:
            found.add(other)
            todo.append(other)
    return [name for name in reversed(START_ORDER) if name in found]


def alone(code: str) -> list[str]:
    """Every optional module that `code` does not need, in switch-off order."""
    kept, todo = {code}, [code]
    while todo:
        for needed in set(INSTALLED[todo.pop()].requires) - kept:
            kept.add(needed)
            todo.append(needed)
    return [name for name in reversed(START_ORDER) if name not in kept and not INSTALLED[name].is_core]


def _run(removed: list[str], way: str, targets: list[str], tmp_path: Path) -> None:
    variables = {"TESSERA_TEST_REMOVED": ",".join(removed)}
    cwd = ROOT
    if way == "settings":
        variables["TESSERA_TEST_MODULES_OFF"] = ",".join(removed)
    elif way == "platform":
        variables["TESSERA_TEST_PLATFORM_MODULES_OFF"] = ",".join(removed)
    else:  # a copy of the tree without the folders: the removed set is closed under "needs"
        cwd = tmp_path / "tree"
        shutil.copytree(ROOT, cwd, ignore=_NOT_COPIED)
        for code in removed:
            shutil.rmtree(cwd / "modules" / code)
            shutil.rmtree(cwd / "tests" / "modules" / code)
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST_")}
    env.update(variables)
    command = [sys.executable, "-m", "pytest", PROBE, *targets, "-q", "-x", "-p", "no:cacheprovider"]
    command += ["-m", "not postgres or removability_probe"]
    result = subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=1800, check=False
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout
    assert " failed" not in result.stdout


def test_removal_follows_the_graph() -> None:
    assert removal("catalog") == ["marketplace", "inventory", "catalog"]
    assert removal("orders") == ["orders"]
    assert alone("inventory") == ["orders", "marketplace", "customers", "cms"]
    assert alone("tenancy") == [code for code in reversed(START_ORDER) if code != "tenancy"]


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize("code", OPTIONAL)
def test_the_platform_works_without(code: str, way: str, tmp_path: Path) -> None:
    _run(removal(code), way, [], tmp_path)


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize("code", BUILT_IN)
def test_a_module_passes_its_own_tests_alone(code: str, way: str, tmp_path: Path) -> None:
    _run(alone(code), way, [f"tests/modules/{code}"], tmp_path)


def test_deleting_a_module_others_still_want_is_a_start_up_error_naming_both() -> None:
    installed = {code: definition for code, definition in INSTALLED.items() if code != "catalog"}
    with pytest.raises(SettingsError, match="'inventory' requires 'catalog', which is not installed"):
        bootstrap(settings_from_mapping({}, source="settings.yaml", require_secret=False), installed)
