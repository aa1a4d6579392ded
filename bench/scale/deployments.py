"""The ways the nodes meet the database, each started on the shared stack for its turn and stopped
after it: one node or two (two workers each), directly to the primary or through pgbouncer in
transaction pooling mode, and with the dashboards' reads sent to the replica (`database.read_url`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.processes import Server
from bench.scale.stack import Stack, base_environ
from tests.cluster.harness import node

__all__ = ("DEPLOYMENTS", "Deployment", "deployed")


@dataclass(frozen=True)
class Deployment:
    name: str
    nodes: int
    via_pgbouncer: bool = False
    replica_reads: bool = False

    def environ(self, stack: Stack) -> dict[str, str]:
        primary = stack.primary.url
        if not self.via_pgbouncer:
            environ = base_environ(primary, stack.secret)
        else:
            environ = base_environ(stack.bouncer.url, stack.secret) | {
                "TESSERA_DATABASE__TRANSACTION_POOLING": "true",
                "TESSERA_DATABASE__LISTEN_URL": primary,
            }
        if self.replica_reads:
            environ["TESSERA_DATABASE__READ_URL"] = stack.replica.url
        return environ


DEPLOYMENTS = (
    Deployment("one node", 1),
    Deployment("two nodes", 2),
    Deployment("two nodes, pgbouncer", 2, via_pgbouncer=True),
    Deployment("two nodes, replica reads", 2, replica_reads=True),
)


@contextmanager
def deployed(deployment: Deployment, stack: Stack, log_dir: Path) -> Iterator[list[Server]]:
    """Its nodes, each `tessera serve --workers 2` answering `/ready`; stopped on the way out."""
    environ = deployment.environ(stack)
    name = deployment.name.replace(", ", "-").replace(" ", "-")
    with ExitStack() as nodes:
        yield [node(nodes, environ, log_dir / f"{name}-{number}.log") for number in range(deployment.nodes)]
