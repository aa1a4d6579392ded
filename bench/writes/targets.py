"""The code measured: the working tree, and a baseline commit checked out into a temporary `git
worktree` with a virtualenv of its own (`make install` there), so both run side by side.

Each target runs its own `tessera` (its own code, migrations and settings.yaml) from its own folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from bench.processes import REPOSITORY, BenchError

__all__ = ("BASELINE", "CURRENT", "Target", "baseline_worktree", "run_tessera")

CURRENT = "current"
BASELINE = "baseline"


@dataclass(frozen=True)
class Target:
    name: str
    """`current` (the working tree) or `baseline`."""
    root: Path
    commit: str
    """The short commit; the working tree's ends in `+changes` when its code differs from HEAD."""

    @property
    def tessera(self) -> str:
        return str(self.root / ".venv" / "bin" / "tessera")

    def environ(self, base: Mapping[str, str]) -> dict[str, str]:
        """`base` with this target's settings file, and nothing that would import the other's code."""
        cleaned = {k: v for k, v in base.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        return cleaned | {"TESSERA_SETTINGS": str(self.root / "settings.yaml")}


def _git(*arguments: str, cwd: Path = REPOSITORY) -> str:
    git = shutil.which("git")
    if git is None:
        raise BenchError("git is not installed: a baseline is checked out with `git worktree`")
    done = subprocess.run([git, *arguments], cwd=cwd, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BenchError(f"`git {' '.join(arguments)}` failed: {done.stderr.strip()}")
    return done.stdout.strip()


def run_tessera(target: Target, environ: Mapping[str, str], *arguments: str) -> str:
    """One `tessera` command of `target`; its output, or a `BenchError` with what it printed."""
    done = subprocess.run(  # noqa: S603 - the target's own tessera, arguments from the harness
        [target.tessera, *arguments],
        env=dict(environ),
        cwd=target.root,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        shown = " ".join(arguments[:2])
        raise BenchError(
            f"{target.name}: `tessera {shown}` failed ({done.returncode}):\n{done.stdout}{done.stderr}"
        )
    return done.stdout


def current_target(commit: str | None) -> Target:
    return Target(CURRENT, REPOSITORY, commit or "unknown")


@contextmanager
def baseline_worktree(ref: str, progress: Callable[[str], None] = print) -> Iterator[Target]:
    """`ref` checked out (detached) in a temporary folder and installed; removed on the way out."""
    commit = _git("rev-parse", "--short", f"{ref}^{{commit}}")
    folder = Path(tempfile.mkdtemp(prefix="tessera-baseline-")) / "tree"
    _git("worktree", "add", "--detach", str(folder), commit)
    try:
        progress(f"baseline {ref} ({commit}): make install in {folder}")
        environ = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "MAKEFLAGS")}
        make = shutil.which("make")
        if make is None:
            raise BenchError("make is not installed: the baseline's virtualenv is made by `make install`")
        done = subprocess.run(  # noqa: S603 - make, in the worktree the harness just made
            [make, "install"],
            cwd=folder,
            env=environ,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise BenchError(f"`make install` of the baseline failed:\n{(done.stdout + done.stderr)[-3000:]}")
        yield Target(BASELINE, folder, commit)
    finally:  # the folder goes first, then git forgets it: nothing is left if either fails
        shutil.rmtree(folder.parent, ignore_errors=True)
        with suppress(BenchError):
            _git("worktree", "prune")
