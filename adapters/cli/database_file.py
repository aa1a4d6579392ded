"""Which SQLite file the settings name, and the rule that only commands that build a database create one.

SQLite creates a missing file on first connect, so a read-only command run in the wrong folder (or
before the first `tessera db upgrade`) used to leave an empty `tessera.db` behind and then fail with
"no such table". Every command gets its container through `CliState.container`, which refuses a
missing file up front unless the command says it builds the database (`db upgrade`, `demo`).
"""

from __future__ import annotations

from pathlib import Path

from adapters.database.engine import database_url
from adapters.settings_file import LoadedSettings
from kernel.errors import TesseraError

__all__ = ("MissingDatabaseError", "require_database", "sqlite_file")


class MissingDatabaseError(TesseraError):
    """The settings name a SQLite file that does not exist, and this command would only read it."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"no database at {path}: run `make demo` or `tessera db upgrade` first")
        self.path = path


def sqlite_file(loaded: LoadedSettings) -> Path | None:
    """The SQLite file the settings name, as written there (relative paths are the working folder's);
    None for PostgreSQL, and for a SQLite URI (`?uri=true`), whose file name is SQLite's to parse."""
    url = database_url(loaded.settings.database.url, loaded.origin("database.url"))
    if url.get_backend_name() != "sqlite" or url.query.get("uri") or not url.database:
        return None
    return Path(url.database)


def require_database(loaded: LoadedSettings) -> None:
    """Raise `MissingDatabaseError` when the settings name a SQLite file that is not there."""
    path = sqlite_file(loaded)
    if path is not None and not path.exists():
        raise MissingDatabaseError(path)
