"""The directory granian's workers keep their Prometheus counters in, named before they start.

prometheus-client's multiprocess mode: each worker writes its values to files of its own in
`PROMETHEUS_MULTIPROC_DIR`, and a scrape, whichever worker answers it, sums them. `tessera serve`
names a fresh directory (or empties the one the environment names: files left by an earlier run
would be counted again) before any worker starts, and it must be named before prometheus-client is
first imported, which is why this file does not import it (adapters/prometheus/__init__.py).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ("MULTIPROC_VARIABLE", "multiprocess_dir")

MULTIPROC_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"


@contextmanager
def multiprocess_dir() -> Iterator[Path]:
    """An empty directory, named in this process's environment (which the workers inherit) while
    the server runs; one made here is removed afterwards, one the environment named is kept."""
    named = os.environ.get(MULTIPROC_VARIABLE)
    if named:
        directory = Path(named)
        directory.mkdir(parents=True, exist_ok=True)
        for left in directory.glob("*.db"):
            left.unlink()
        yield directory
        return
    directory = Path(tempfile.mkdtemp(prefix="tessera-prometheus-"))
    os.environ[MULTIPROC_VARIABLE] = str(directory)
    try:
        yield directory
    finally:
        del os.environ[MULTIPROC_VARIABLE]
        shutil.rmtree(directory, ignore_errors=True)
