"""The HTTP server: granian, with `server.*`'s limits on clients, for one worker process or many.

Why granian. Tessera must bound what a client can hold: the size of a request's headers, the time
to send them, the time an idle kept-alive connection stays open, and the connections one worker
serves. Measured here against the app (1,000 connections sending headers a line a second, a 1 MB
header, idle connections; docs/benchmarks.md, "Slow and huge clients"):

- uvicorn 0.54 has a keep-alive timeout (only after a first response), a concurrency cap that
  answers 503 while slow clients hold the slots, and a header size bound only with its pure-Python
  h11 parser (a 400, and only for headers that arrive in pieces); it has no timeout for headers or
  for a connection that never sends any: all 1,000 slow connections stayed open, and so did an
  idle one.
- hypercorn 0.18 closes a connection that has not sent a whole request within its keep-alive
  timeout (all 1,000 in 3.0 s) and answers 431, but has no cap on connections, parses HTTP in
  Python, and its `read_timeout` bounds each read, not the headers.
- granian 2.8 (Rust, hyper) has each natively: `header_read_timeout` closed all 1,000 within
  3.0 s, on the Rust side, without waking Python; a header past `max_buffer_size` gets 431 before
  it is buffered; `backpressure` caps the connections a worker takes; it runs a factory with the
  ASGI lifespan in each of N worker processes.

No server bounds the wait for a request's body: `adapters/http/body_deadline.py` does, in the app.
In hyper one clock counts the wait for headers on a new connection and between requests on a
kept-alive one, so `server.header_timeout_s` is also the idle keep-alive timeout.

Each worker builds its own app from the settings (`app_from_settings`), after this process has
let go of its database connections: a worker shares no connection, pool or thread with another.
They share one thing: the directory their Prometheus counters are kept in, named before they start
(adapters/prometheus/multiprocess_dir.py), so a scrape answered by any worker counts them all.
"""

from __future__ import annotations

import resource
from functools import partial

from granian import Granian
from granian.constants import HTTPModes, Interfaces
from granian.http import HTTP1Settings
from granian.log import LogLevels

from adapters.http.asgi import app_from_settings
from adapters.prometheus.multiprocess_dir import multiprocess_dir
from adapters.settings_file import LoadedSettings
from kernel.errors import TesseraError
from kernel.settings import ServerSettings

__all__ = ("open_files_needed", "serve_app")

_STOP_GRACE_S = 10
"""How long a worker may take to stop before it is killed: in-flight requests end well within it
(statements stop at `database.statement_timeout_ms`), and a worker told to stop while it was still
starting may never hear it, which would otherwise keep `tessera serve` waiting for ever."""
_THROUGH_ROOT = {
    "loggers": {
        name: {"handlers": [], "level": "INFO", "propagate": True} for name in ("_granian", "granian.access")
    }
}
"""granian's own lines (start-up, workers, access) go to the root logger, so they are written like
Tessera's, in the `logging` settings' format and through the same repeat collapsing."""
_OTHER_FILES = 256
"""Beyond the clients' sockets, what one worker keeps open: pooled database connections, the
listening socket, pipes to the main process, log files."""


def serve_app(loaded: LoadedSettings, host: str, port: int, workers: int) -> None:
    """Serve until stopped (Ctrl+C, SIGTERM); each worker builds its app from `loaded`."""
    server = loaded.settings.server
    _allow_open_files(open_files_needed(server), loaded.origin("server.max_connections"))
    with multiprocess_dir():
        _serve(loaded, host, port, workers)


def _serve(loaded: LoadedSettings, host: str, port: int, workers: int) -> None:
    server = loaded.settings.server
    Granian(
        "adapters.http.asgi:app_from_environment",  # the same app a standalone granian would serve
        address=host,
        port=port,
        interface=Interfaces.ASGI,  # with the lifespan: the app releases its resources on shutdown
        workers=workers,
        # HTTP/1.1 only: the limits below are HTTP/1's, and an HTTP/2 client (prior knowledge,
        # as Tessera serves no TLS) would get HTTP/2's own, 16 MB of headers among them.
        http=HTTPModes.http1,
        websockets=False,
        http1_settings=HTTP1Settings(
            header_read_timeout=max(1, round(server.header_timeout_s * 1000)),
            keep_alive=server.keep_alive,
            max_buffer_size=server.max_header_bytes,
        ),
        backpressure=server.max_connections,
        log_level=LogLevels.info,
        log_access=server.access_log,
        log_dictconfig=_THROUGH_ROOT,
        workers_kill_timeout=_STOP_GRACE_S,
    ).serve(target_loader=partial(app_from_settings, loaded), wrap_loader=False)


def open_files_needed(server: ServerSettings) -> int:
    """Open files one worker may need: a socket per client it serves, and the rest."""
    return server.max_connections + _OTHER_FILES


def _allow_open_files(needed: int, origin: str) -> None:
    """Raise this process's open-file limit, which workers inherit, to what `max_connections` needs.

    Past the limit a worker could not accept a connection it has a slot for, and would fail the
    clients it holds in the queue instead; so a limit that cannot be raised stops start-up here.
    """
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY or soft >= needed:
        return
    if hard != resource.RLIM_INFINITY and hard < needed:
        raise TesseraError(
            f"server.max_connections in {origin} needs {needed:,} open files per worker, and this system "
            f"allows {hard:,} (ulimit -Hn): lower server.max_connections, or raise the limit"
        )
    resource.setrlimit(resource.RLIMIT_NOFILE, (needed, hard))
