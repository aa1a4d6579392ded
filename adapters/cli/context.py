"""What every command shares: the settings file the user chose, and a container built from it.

Settings are read when a command needs them, never at import, so `tessera --help` works even with a
broken settings file, and a settings mistake is reported as one line, not a traceback. A command that
only uses a database never creates one: a missing SQLite file is reported here, once for every command.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click
import msgspec

from adapters.bootstrap import bootstrap
from adapters.cli.database_file import require_database
from adapters.container import Container
from adapters.settings_file import LoadedSettings, load_settings

__all__ = ("CliState", "pass_state")


@dataclass
class CliState:
    settings_path: Path | None = None

    def settings(self, *, require_secret: bool = False) -> LoadedSettings:
        """Only `serve` signs tokens, so only `serve` insists on a secret."""
        return load_settings(self.settings_path, require_secret=require_secret)

    def container(
        self, loaded: LoadedSettings | None = None, *, creates_database: bool = False, batch: bool = False
    ) -> Container:
        """Only commands that build a database (`db upgrade`) pass `creates_database`: for every other
        one a missing SQLite file is an error, not an empty file left behind. Batch commands
        (migrations, seeding, ledger rebuilds) pass `batch`: the statement and lock bounds that keep a
        request short would cut them off."""
        loaded = loaded if loaded is not None else self.settings()
        if not creates_database:
            require_database(loaded)
        if batch:
            database = loaded.settings.database.for_batch()
            loaded = LoadedSettings(
                msgspec.structs.replace(loaded.settings, database=database), loaded.source, loaded.overrides
            )
        return bootstrap(loaded)


pass_state = click.make_pass_decorator(CliState, ensure=True)
