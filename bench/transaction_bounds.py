"""What `database.transaction_pooling` adds to a transaction: its bounds, one statement, sent first.

    python -m bench.transaction_bounds [--server-url postgresql+psycopg://postgres@127.0.0.1:5432/test]

Two engines on the same server, directly connected: one with the bounds at connect (the default),
one setting them per transaction as it does behind pgbouncer. Each round times `--transactions`
transactions of two `SELECT`s on each engine in turn; the medians of the rounds are printed side by
side. What is measured is the extra round trip alone: pgbouncer's own hop is the scale benchmark's.
"""

from __future__ import annotations

import argparse
import statistics
import time

from sqlalchemy import Engine, text

from adapters.database.engine import create_database_engine
from kernel.settings import DatabaseSettings

__all__ = ("main",)


def _per_transaction_ms(engine: Engine, transactions: int) -> float:
    started = time.perf_counter()
    for _ in range(transactions):
        with engine.begin() as connection:
            connection.execute(text("SELECT 1"))
            connection.execute(text("SELECT 2"))
    return (time.perf_counter() - started) / transactions * 1000


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--server-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    parser.add_argument("--transactions", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=10)
    arguments = parser.parse_args()
    engines = {
        "bounds at connect": create_database_engine(DatabaseSettings(url=arguments.server_url)),
        "bounds per transaction": create_database_engine(
            DatabaseSettings(url=arguments.server_url, transaction_pooling=True)
        ),
    }
    timings: dict[str, list[float]] = {name: [] for name in engines}
    for _ in range(arguments.rounds):
        for name, engine in engines.items():
            timings[name].append(_per_transaction_ms(engine, arguments.transactions))
    for name, values in timings.items():
        median = statistics.median(values)
        print(f"{name}: {median:.3f} ms per transaction (median of {arguments.rounds} rounds)")
    for engine in engines.values():
        engine.dispose()


if __name__ == "__main__":
    main()
