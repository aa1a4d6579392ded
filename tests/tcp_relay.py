"""A TCP relay in front of a database server, which a test stops as `pg_ctl stop` or a lost network
would: nothing listens on its port any more, and every connection it carried is cut."""

from __future__ import annotations

import contextlib
import socket
import threading

__all__ = ("TcpRelay",)


class TcpRelay:
    def __init__(self, host: str, port: int) -> None:
        self._target = (host, port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)
        self.port: int = self._listener.getsockname()[1]
        self._carried: list[socket.socket] = []
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def stop(self) -> None:
        self._stopped.set()
        with self._lock:
            self._listener.close()
            for connection in self._carried:
                _cut(connection)

    def _accept(self) -> None:
        while not self._stopped.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(None)
            upstream = socket.create_connection(self._target)
            with self._lock:
                if self._stopped.is_set():
                    _cut(client)
                    _cut(upstream)
                    return
                self._carried += [client, upstream]
            threading.Thread(target=_pump, args=(client, upstream), daemon=True).start()
            threading.Thread(target=_pump, args=(upstream, client), daemon=True).start()


def _pump(source: socket.socket, sink: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        pass
    _cut(sink)


def _cut(connection: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already cut from the other side
        connection.shutdown(socket.SHUT_RDWR)
    connection.close()
