"""Every SQLite connection the engine opens is set up alike: WAL, foreign keys, the busy timeout and
the memory-mapped file, which keeps a large file from being read again into each pooled connection's
own page cache (docs/benchmarks.md, "Admin dashboard: small against xlarge")."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from adapters.database.engine import SQLITE_MMAP_BYTES, create_database_engine
from kernel.settings import DatabaseSettings


def test_every_pooled_connection_maps_the_file_and_keeps_its_rules(tmp_path: Path) -> None:
    engine = create_database_engine(
        DatabaseSettings(url=f"sqlite:///{tmp_path / 'shop.db'}", lock_timeout_ms=1500)
    )
    try:
        with engine.connect() as first, engine.connect() as second:
            for connection in (first, second):
                pragmas = {
                    name: connection.execute(text(f"PRAGMA {name}")).scalar()
                    for name in ("mmap_size", "journal_mode", "foreign_keys", "busy_timeout")
                }
                assert pragmas == {
                    "mmap_size": SQLITE_MMAP_BYTES,
                    "journal_mode": "wal",
                    "foreign_keys": 1,
                    "busy_timeout": 1500,
                }
    finally:
        engine.dispose()
