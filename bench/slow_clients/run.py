"""One slow-clients run: serve a seeded database, time the vendor dashboard alone, then again while
the slow and huge clients (`attack.py`) hold connections, and say what happened to each of those.

The server is the real `tessera serve --workers N` with the settings a deployment starts from
(settings.yaml's limits, nothing lifted), and the dashboard is loaded by the same k6 script as
`python -m bench`, so its figures compare with the ones there.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import httpx

from adapters.settings_file import load_settings
from bench.databases import Kind, locate, prepare
from bench.load import Load, LoadResult, run_load, seconds
from bench.machine import describe_machine
from bench.memory import PeakMemory
from bench.processes import REPOSITORY, BenchError, Server, executable, free_port, serving
from bench.slow_clients.report import KindSummary, markdown, summarize

__all__ = ("Crowd", "SlowClientsOptions", "run")

_DASHBOARD = "/api/v1/vendor/dashboard/stats?period=30d&include_trends=true"


@dataclass(frozen=True)
class Crowd:
    slow_headers: int = 1000
    idle: int = 500
    slow_bodies: int = 300
    huge: int = 2
    huge_mb: int = 100

    def arguments(self) -> list[str]:
        return [f"--{name.replace('_', '-')}={value}" for name, value in asdict(self).items()]


@dataclass(frozen=True)
class SlowClientsOptions:
    database: Kind
    scale: str
    seed: int
    workers: int
    load: Load
    crowd: Crowd
    postgres_url: str
    data_dir: Path
    results_dir: Path


def _environ(url: str) -> dict[str, str]:
    """Only what a deployment must set: the database and a secret. Every limit is settings.yaml's."""
    settings = REPOSITORY / "settings.yaml"
    secret = secrets.token_urlsafe(48)
    return dict(os.environ) | {
        "TESSERA_SETTINGS": str(settings),
        "TESSERA_DATABASE__URL": url,
        "TESSERA_AUTH__JWT_SECRET": secret,
    }


def _token(server: Server, email: str, password: str) -> str:
    answer = httpx.post(
        f"{server.base_url}/api/v1/auth/token", json={"email": email, "password": password}, timeout=30
    )
    if answer.status_code != 200:
        raise BenchError(f"sign-in as {email}: {answer.status_code} {answer.text}")
    return str(answer.json()["access_token"])


def _attack(port: int, crowd: Crowd, seconds_: float) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "bench.slow_clients.attack", f"--port={port}", f"--seconds={seconds_}"]
    attack = subprocess.Popen(  # noqa: S603 - this interpreter, the harness's own module
        [*command, *crowd.arguments()], cwd=REPOSITORY, stdout=subprocess.PIPE, text=True
    )
    ready = attack.stdout.readline() if attack.stdout else ""
    if ready.strip() != "ready":
        attack.kill()
        raise BenchError(f"the slow clients did not start (exit {attack.wait()})")
    return attack


def _measure(
    options: SlowClientsOptions, server: Server, token: str, work: Path, environ: dict[str, str]
) -> dict[str, Any]:
    url = server.base_url + _DASHBOARD
    load_average = [os.getloadavg()[0]]  # other work on the machine skews both runs: say how much
    with PeakMemory(server.pid) as alone_memory:
        alone = run_load(options.load, url, token, "", work)
    limits = load_settings(environ=environ).settings.server  # what the server runs with
    timeouts = {
        "slow_header": limits.header_timeout_s,
        "idle": limits.header_timeout_s,
        "slow_body": limits.body_timeout_s,
        "huge": limits.header_timeout_s,
    }
    # long enough for the first slow bodies to meet their limit after the load has ended
    lasts = 3 + seconds(options.load.warmup) + seconds(options.load.duration) + limits.body_timeout_s + 5
    attack = _attack(int(server.base_url.rsplit(":", 1)[1]), options.crowd, lasts)
    try:
        with PeakMemory(server.pid) as crowded_memory:
            crowded = run_load(options.load, url, token, "", work)
        output, _ = attack.communicate(timeout=lasts + 120)
    finally:
        if attack.poll() is None:
            attack.kill()
    load_average.append(os.getloadavg()[0])
    attacked = json.loads(output)
    rows = summarize(attacked["fates"], timeouts)
    memory = (alone_memory.peak_mb, crowded_memory.peak_mb)
    return {
        "timeouts": timeouts,
        "rows": rows,
        "alone": alone,
        "crowded": crowded,
        "memory_mb": memory,
        "loop_lag": attacked["loop_lag"],
        "load_average": load_average,
    }


def run(options: SlowClientsOptions) -> tuple[str, Path]:
    """The Markdown report, and the JSON file the figures were written to."""
    database = locate(
        options.database, options.scale, options.data_dir, options.postgres_url, "tessera_bench"
    )
    environ = _environ(database.url)
    prepared, _ = prepare(database, options.seed, False, environ)
    port = free_port()
    command = [executable("tessera"), "serve", "--host", "127.0.0.1", "--port", str(port)]
    with tempfile.TemporaryDirectory(prefix="tessera-slow-") as scratch:
        work, log = Path(scratch), Path(scratch) / "server.log"
        with serving([*command, "--workers", str(options.workers)], environ, port, log) as server:
            token = _token(server, prepared.logins["owner"], prepared.password)
            found = _measure(options, server, token, work, environ)
        log_lines = len(log.read_text(errors="replace").splitlines())
    loads = (found["alone"], found["crowded"])
    table = markdown(found["rows"], found["timeouts"], *loads, found["memory_mb"], found["loop_lag"])
    table += f"\nThe server's whole log for the run: {log_lines} lines. "
    table += "The machine's load average (1 min): {:.1f} before, {:.1f} after.".format(*found["load_average"])
    path = _write(options, found, log_lines)
    return table, path


def _write(options: SlowClientsOptions, found: dict[str, Any], log_lines: int) -> Path:
    rows: list[KindSummary] = found["rows"]
    loads: tuple[LoadResult, LoadResult] = (found["alone"], found["crowded"])
    result = {
        "machine": describe_machine(options.postgres_url if options.database == "postgresql" else None),
        "options": {
            **asdict(options),
            "data_dir": str(options.data_dir),
            "results_dir": str(options.results_dir),
        },
        "timeouts": found["timeouts"],
        "clients": [asdict(row) for row in rows],
        "dashboard": {"unloaded": asdict(loads[0]), "with_slow_clients": asdict(loads[1])},
        "peak_rss_mb": {"unloaded": found["memory_mb"][0], "with_slow_clients": found["memory_mb"][1]},
        "slow_clients_loop_lag": found["loop_lag"],
        "load_average_1min": {"before": found["load_average"][0], "after": found["load_average"][1]},
        "server_log_lines": log_lines,
    }
    options.results_dir.mkdir(parents=True, exist_ok=True)
    path = options.results_dir / f"slow-clients-{options.database}-{options.scale}.json"
    path.write_text(json.dumps(result, indent=2) + "\n")
    return path
