"""The ways the nodes meet the database, each started on the shared stack for its turn and stopped
after it: one node or two (two workers each), directly to the primary or through pgbouncer in
transaction pooling mode, and with the dashboards' reads sent to the replica (`database.read_url`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.processes import Server, executable, free_port, serving
from bench.scale.stack import Stack, base_environ
from kernel.settings import DatabaseSettings

__all__ = ("DEPLOYMENTS", "Deployment", "deployed", "replica_reads_supported")


def replica_reads_supported() -> bool:
    """Whether this tree has `database.read_url` (the replica deployment is left out before it)."""
    return "read_url" in DatabaseSettings.__struct_fields__


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
            environ["TESSERA_DATABASE__READ_URL"] = (
                f"postgresql+psycopg://postgres@127.0.0.1:{stack.replica.port}/tessera"
            )
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
    with ExitStack() as nodes:
        servers = []
        for number in range(deployment.nodes):
            port = free_port()
            command = [
                executable("tessera"),
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                "2",
            ]
            log = log_dir / f"{deployment.name.replace(', ', '-').replace(' ', '-')}-{number}.log"
            servers.append(nodes.enter_context(serving(command, environ, port, log)))
        yield servers
