"""An app container for tests that read only the served schema and docs, which touch no table:
its database lies in a directory that does not exist, so nothing needs migrating."""

from __future__ import annotations

from pathlib import Path

from adapters.bootstrap import bootstrap
from adapters.container import Container
from adapters.settings_file import settings_from_mapping
from tests.database import SECRET


def schema_only_container() -> Container:
    database = Path(__file__).parent / "no-such-directory" / "tessera.db"
    raw = {
        "database": {"url": f"sqlite:///{database}"},
        "auth": {"jwt_secret": SECRET},
        "ledger": {"fold_interval_ms": 0},  # nothing to fold, and no database to fold in
    }
    return bootstrap(settings_from_mapping(raw, source="test settings"))
