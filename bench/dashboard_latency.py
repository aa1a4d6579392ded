"""Latency of one dashboard request against a running Tessera server, one request at a time.

    python bench/dashboard_latency.py http://127.0.0.1:8000 owner@demo.example.com PASSWORD [-n 500]

Signs in once, warms up, then times `n` sequential requests on one keep-alive connection and prints
the median, p95 and p99 in milliseconds. It measures the whole request as a client sees it:
routing, auth, tenant context, every provider's query, serialisation.
"""

from __future__ import annotations

import argparse
import statistics
import time

import httpx


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base_url")
    parser.add_argument("email")
    parser.add_argument("password")
    parser.add_argument("-n", type=int, default=500)
    parser.add_argument("--path", default="/api/v1/vendor/dashboard/stats?period=30d&include_trends=true")
    arguments = parser.parse_args()
    with httpx.Client(base_url=arguments.base_url, timeout=30) as client:
        token = client.post(
            "/api/v1/auth/token", json={"email": arguments.email, "password": arguments.password}
        ).json()["access_token"]
        headers = {"Authorization": f"Bearer {token}"}
        for _ in range(50):
            client.get(arguments.path, headers=headers).raise_for_status()
        samples = []
        for _ in range(arguments.n):
            started = time.perf_counter()
            client.get(arguments.path, headers=headers).raise_for_status()
            samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    p95, p99 = samples[int(len(samples) * 0.95) - 1], samples[int(len(samples) * 0.99) - 1]
    median = statistics.median(samples)
    print(f"{arguments.n} requests: median {median:.2f} ms, p95 {p95:.2f} ms, p99 {p99:.2f} ms")


if __name__ == "__main__":
    main()
