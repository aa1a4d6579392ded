"""No request gets a 500, whatever its bytes: every route of the app's own route table, signed in
with a role that reaches its handler, on SQLite and PostgreSQL.

Bodies are hostile on purpose (arbitrary bytes, JSON nested a thousand deep, numbers of thousands
of digits, invalid UTF-8, NUL characters) and so are query strings (repeated, percent-encoded
garbage), and so are Host values and header sizes. Every answer must be below 500; every error
must have the API's one error shape; and a refused request (4xx) must change nothing: the row
count of every table is the same after it.

The first test sends a fixed set of hostile requests to every route, so none is left out; the
second lets hypothesis generate more, `TESSERA_FUZZ_EXAMPLES` of them (default 60 per database).
"""

from __future__ import annotations

import json
import os
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from litestar.routes import HTTPRoute
from litestar.testing import TestClient
from sqlalchemy import Engine, create_engine, inspect, text

from adapters.http.app import create_app
from adapters.web.paths import is_page
from tests.adapters.http.test_schemathesis import _container
from tests.api import Api
from tests.database import empty_tables

EXAMPLES = int(os.environ.get("TESSERA_FUZZ_EXAMPLES", "60"))
ERROR_SHAPE = {"status_code", "detail", "extra"}
PATH_VALUES = {"code": "orders"}  # every other path parameter is an id, and row 1 exists

HOSTILE_BODIES = [
    b"[" * 1000,
    b"{" * 1000,
    b'{"a":' * 1000 + b"1" + b"}" * 1000,
    b'{"email":"' + b"a\xffb" + b'","password":"x"}',
    b'{"email":"nul\\u0000@example.com","total_cents":1}',
    b'{"total_cents":' + b"9" * 5000 + b"}",
    b'{"total_cents":1e999,"price_cents":-1e999}',
    b"\x00\x01\x02\xff\xfe",
    b"",
    b"null",
    b'"just a string"',
    b"[1,2,3]",
]
HOSTILE_QUERIES = [
    "limit=1&limit=2",
    "period=7d&date_from=2026-01-01",
    "period=%00&status=%ff",
    "limit=" + "9" * 400,
    "offset=-1&platform_id=1e999",
    "%zz=%zz&&=&=x",
]
CONTENT_TYPES = [
    "application/json",
    "multipart/form-data; boundary=x",
    "text/plain",
    "application/json; charset=latin-1",
]


@dataclass(frozen=True)
class Target:
    method: str
    path: str
    headers: dict[str, str]

    @property
    def is_api(self) -> bool:
        """The schema's own pages (`/schema/…`, Litestar's), the web pages and their static files
        answer errors in HTML (or plain text); the rest in JSON."""
        return not (self.path.startswith(("/schema", "/static")) or is_page(self.path))


@dataclass
class World:
    client: TestClient[Any]
    engine: Engine
    targets: list[Target]
    counts: dict[str, int]


def _targets(client: TestClient[Any], tokens: dict[str, dict[str, str]]) -> list[Target]:
    """Every (method, path) of the route table, path parameters filled, with the token that reaches it."""
    found = []
    for route in client.app.routes:
        if not isinstance(route, HTTPRoute):
            continue
        path = route.path_format.format_map(
            {name: PATH_VALUES.get(name, "1") for name in route.path_parameters}
        )
        role = (
            "owner"
            if path.startswith(("/api/v1/vendor/", "/dashboard"))
            else "root"
            if path.startswith(("/api/v1/", "/admin"))
            else None
        )
        headers = tokens[role] if role else {}
        found += [Target(method, path, headers) for method in sorted(route.methods) if method != "OPTIONS"]
    return found


def _seed(api: Api) -> dict[str, dict[str, str]]:
    """Row 1 of what the routes name, as far as the modules on allow (a module off answers 404)."""
    root = api.super_admin()
    main = api.platform(root, "main")
    acme = api.vendor(root, "acme", [main])
    owner = api.user(root, "owner@example.com", "vendor_owner", vendor_id=acme)
    for path, body in [
        ("/api/v1/vendor/orders", {"customer_email": "c@example.com", "total_cents": 1250}),
        ("/api/v1/vendor/customers", {"email": "c@example.com", "name": "C"}),
        ("/api/v1/vendor/cms/pages", {"slug": "home", "title": "Home", "body": "Hi"}),
        ("/api/v1/vendor/cms/themes", {"name": "Plain"}),
        ("/api/v1/vendor/cms/media", {"filename": "a.png", "content_type": "image/png", "size_bytes": 1}),
        ("/api/v1/vendor/catalog/products", {"sku": "A-1", "title": "A", "price_cents": 100}),
        ("/api/v1/vendor/inventory/stock", {"product_id": 1, "quantity": 5}),
        (f"/api/v1/admin/platforms/{main}/cms/pages", {"slug": "about", "title": "About", "body": "Hi"}),
    ]:
        api.client.post(path, json=body, headers=root if "/admin/" in path else owner)
    api.client.post(
        "/api/v1/vendor/marketplace/imports",
        files={"file": ("a.csv", b"sku,title,price\nB-1,B,1.00\n")},
        headers=owner,
    )
    return {"root": root, "owner": owner}


def _row_counts(engine: Engine) -> dict[str, int]:
    tables = sorted(inspect(engine).get_table_names())
    union = " UNION ALL ".join(f"SELECT '{t}', COUNT(*) FROM \"{t}\"" for t in tables)  # noqa: S608 - schema names
    with engine.connect() as connection:
        return {str(name): int(count) for name, count in connection.execute(text(union))}


@pytest.fixture(scope="module")
def world(migrated_database: str) -> Iterator[World]:
    container = _container(migrated_database)
    engine = create_engine(migrated_database)
    try:
        with TestClient(create_app(container)) as client:
            tokens = _seed(Api(client, container))
            yield World(client, engine, _targets(client, tokens), _row_counts(engine))
    finally:
        container.shutdown_resources()
        empty_tables(engine)
        engine.dispose()


def _send(world: World, target: Target, body: bytes, query: str, content_type: str) -> bool:
    """Send one request and check its answer; whether it was refused (4xx)."""
    url = f"{target.path}?{query}" if query else target.path
    headers = {**target.headers, "content-type": content_type}
    response = world.client.request(target.method, url, content=body, headers=headers)
    where = f"{target.method} {url} {body[:80]!r}"
    assert response.status_code < 500, f"{where}: {response.status_code} {response.text[:300]}"
    if response.status_code < 400:
        return False
    assert not target.is_api or set(response.json()) == ERROR_SHAPE, f"{where}: {response.text[:300]}"
    for word in ("regex", "Expected `", "<class", "Traceback"):
        assert word not in response.text, f"{where}: {response.text[:300]}"
    return True


def _changes_nothing_when_refused(world: World, refused: bool, what: str) -> None:
    """Refused requests leave every table as it was; an accepted one moves the baseline on."""
    counts = _row_counts(world.engine)
    if refused:
        assert counts == world.counts, f"{what} was refused yet changed rows"
    world.counts = counts


def test_hostile_requests_on_every_route_get_a_4xx_and_change_nothing(world: World) -> None:
    assert len(world.targets) > 30  # the route table, not a list kept by hand
    for target in world.targets:
        refused = [_send(world, target, body, "", "application/json") for body in HOSTILE_BODIES]
        refused += [_send(world, target, b"{}", query, "application/json") for query in HOSTILE_QUERIES]
        refused.append(_send(world, target, b"\x00--x\r\n\xff", "", "multipart/form-data; boundary=x"))
        _changes_nothing_when_refused(world, all(refused), f"{target.method} {target.path}")


def _nested(depth: int, opener: str) -> bytes:
    closer = "]" if opener == "[" else "}"
    inner = "[" if opener == "[" else '{"a":'
    return (inner * depth + "1" + closer * depth).encode()


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)
_BODIES = st.one_of(
    st.binary(max_size=200),
    st.builds(_nested, st.integers(1, 3000), st.sampled_from("[{")),
    st.integers(min_value=10**20, max_value=10**400).map(
        lambda n: f'{{"total_cents": {n}, "quantity": -{n}}}'.encode()
    ),
    _JSON_VALUES.map(lambda value: json.dumps(value).encode()),
    st.dictionaries(
        st.sampled_from(["email", "password", "slug", "name", "status", "total_cents", "file"]),
        _JSON_VALUES,
        max_size=4,
    ).map(lambda value: json.dumps(value).encode()),
    st.binary(max_size=40).map(lambda raw: b'{"email": "' + raw + b'@example.com", "name": "' + raw + b'"}'),
)
_QUERIES = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "limit",
                "offset",
                "period",
                "date_from",
                "date_to",
                "status",
                "platform_id",
                "email",
                "include_trends",
                "is_active",
            ]
        )
        | st.text(max_size=6),
        st.binary(max_size=20),
    ),
    max_size=4,
).map(lambda pairs: "&".join(f"{urllib.parse.quote(k)}={urllib.parse.quote_from_bytes(v)}" for k, v in pairs))


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_generated_requests_never_get_a_server_error(world: World, data: st.DataObject) -> None:
    target = data.draw(st.sampled_from(world.targets), label="route")
    body = data.draw(_BODIES, label="body")
    query = data.draw(_QUERIES, label="query")
    refused = _send(
        world, target, body, query, data.draw(st.sampled_from(CONTENT_TYPES), label="content type")
    )
    _changes_nothing_when_refused(world, refused, f"{target.method} {target.path}?{query} {body[:80]!r}")


ODD_HOSTS = [
    b"",
    b"..",
    b"-.-",
    b"a" * 300,
    b"\xff\xfe.example",
    b"main.test:99999",
    b"[::1]:8000",
    b"has spaces.example",
    b"*.main.test",
    b"xn--nxasmq6b.example",
    b"acme.main.test.",
    b"%00.example",
]


def test_odd_hosts_and_oversized_headers_get_no_server_error(world: World) -> None:
    """Host names people never type, and headers far past any browser's, on every route's GET or POST."""
    for target in world.targets:
        for host in ODD_HOSTS:
            refused = _send_raw(world, target, [(b"host", host)])
            _changes_nothing_when_refused(world, refused, f"{target.method} {target.path} host {host[:40]!r}")
        for huge in (
            [(b"x-padding", b"p" * 65_536)],
            [(b"x-h", b"v")] * 300,
            [(b"authorization", b"Bearer " + b"t" * 65_536)],
        ):
            refused = _send_raw(world, target, huge)
            _changes_nothing_when_refused(world, refused, f"{target.method} {target.path} with huge headers")


def _send_raw(world: World, target: Target, extra: list[tuple[bytes, bytes]]) -> bool:
    """httpx refuses to send some of these bytes, so build the ASGI request by hand."""
    headers = [
        (k.encode(), v.encode()) for k, v in target.headers.items() if not extra or k.lower() != "host"
    ]
    headers = [(k, v) for k, v in headers if k.lower() not in {name for name, _ in extra}] + extra
    sent: list[dict[str, Any]] = []
    received: list[bool] = []

    async def receive() -> dict[str, Any]:
        """The body once, then the client gone, as a server says once the client closes: a streamed
        answer listens for that, and one that kept hearing the body would ask again for ever."""
        received.append(True)
        if len(received) > 1:
            return {"type": "http.disconnect"}
        return {"type": "http.request", "body": b"{}", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": target.method,
        "scheme": "http",
        "path": target.path,
        "raw_path": target.path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [*headers, (b"content-type", b"application/json")],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
    }
    world.client.blocking_portal.call(world.client.app, scope, receive, send)
    status = int(next(message["status"] for message in sent if message["type"] == "http.response.start"))
    body = b"".join(message.get("body", b"") for message in sent if message["type"] == "http.response.body")
    where = f"{target.method} {target.path} {extra[0][0]!r}={extra[0][1][:40]!r}"
    assert status < 500, f"{where}: {status} {body[:300]!r}"
    if status >= 400 and target.is_api:
        assert set(json.loads(body)) == ERROR_SHAPE, f"{where}: {body[:300]!r}"
    return status >= 400
