"""Fuzz every operation of the HTTP API with schemathesis, in process, against the schema it serves.

Each operation gets schemathesis's coverage cases and a few tens of generated requests, valid and
invalid, once signed in as a super admin and once as a vendor owner, over the migrated test
databases (SQLite and PostgreSQL) holding a platform, a vendor, its owner and an order. Every
default check runs on each response: no 5xx, a documented status code, a body and content type
that match the schema, invalid input refused, valid input accepted, requests without a token or
with a forged one refused.

How the pieces meet:
- schemathesis makes one test per operation when it collects this module, so the schema is read
  then, from an app over a database nobody opens (serving the schema reads no table). Each role's
  requests go to its own seeded app, which serves the very same schema (checked when it is built).
  `schemathesis.pytest.from_fixture` would spare the import-time app, but 4.32.5 reads the
  `_nodeid` attribute pytest 9 removed.
- The role's bearer token goes with every call, so schemathesis generates no Authorization header
  of its own (`with-security-parameters`): the token would overwrite it and turn its "no token"
  cases into false alarms. Its `ignored_auth` check still sends every request once without the
  token and once with a forged one, and expects a 401.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import schemathesis
from dependency_injector import providers
from hypothesis import HealthCheck, settings
from litestar import Litestar
from litestar.testing import TestClient
from sqlalchemy import create_engine

from adapters.bootstrap import bootstrap
from adapters.container import Container
from adapters.http.app import create_app
from adapters.settings_file import settings_from_mapping
from tests.api import Api
from tests.conftest import FAST_HASHER
from tests.database import SECRET, empty_tables
from tests.fakes.clock import FrozenClock

SCHEMA_PATH = "/schema/openapi.json"
ROLES = ("super_admin", "vendor_owner")

# What schemathesis expects from a request that is valid by the schema, plus 400 for the dashboards:
# their window must end within ten years of its start, and of today, which no JSON Schema can say.
_ACCEPTED = ["2xx", "3xx", "401", "403", "404", "409", "429", "5xx"]
CONFIG = schemathesis.Config.from_dict(
    {
        "generation": {"with-security-parameters": False},
        # On by default in schemathesis 4; named so that a change of defaults cannot drop them.
        "checks": {
            "not_a_server_error": {"enabled": True},
            "status_code_conformance": {"enabled": True},
            "content_type_conformance": {"enabled": True},
            "response_schema_conformance": {"enabled": True},
        },
        "operations": [
            {
                "include-path-regex": "/dashboard/stats$",
                "checks": {"positive_data_acceptance": {"expected-statuses": [*_ACCEPTED, "400"]}},
            }
        ],
    }
)


def _container(database_url: str) -> Container:
    """The real bootstrap, with the clock frozen and password hashing cheap as in `tests/conftest.py`."""
    raw = {"database": {"url": database_url}, "auth": {"jwt_secret": SECRET}}
    container = bootstrap(settings_from_mapping(raw, source="test settings"))
    container.clock.override(providers.Object(FrozenClock()))
    container.tenancy.password_hasher.override(providers.Object(FAST_HASHER))
    return container


def _served_schema() -> schemathesis.BaseSchema:
    """Serving the schema reads no table, so its database lies in a directory that does not exist."""
    container = _container(f"sqlite:///{Path(__file__).parent / 'no-such-directory' / 'tessera.db'}")
    try:
        return schemathesis.openapi.from_asgi(SCHEMA_PATH, create_app(container), config=CONFIG)
    finally:
        container.shutdown_resources()


schema = _served_schema()


@dataclass(frozen=True)
class Fuzzed:
    app: Litestar
    headers: dict[str, str]


@pytest.fixture(scope="module", params=ROLES)
def fuzzed(request: pytest.FixtureRequest, migrated_database: str) -> Iterator[Fuzzed]:
    """An app over the migrated test database (SQLite, then PostgreSQL), seeded through the API,
    and the role's bearer token; the tables are emptied again afterwards."""
    container = _container(migrated_database)
    app = create_app(container)
    with TestClient(app) as client:
        assert client.get(SCHEMA_PATH).json() == schema.raw_schema
        api = Api(client, container)
        admin = api.super_admin()
        main = api.platform(admin, "main")  # `platform.default`: the platform of a host that names none
        acme = api.vendor(admin, "acme", [main])
        owner = api.user(admin, "owner@example.com", "vendor_owner", vendor_id=acme)
        api.order(owner, 1250)
    yield Fuzzed(app, {"super_admin": admin, "vendor_owner": owner}[request.param])
    container.shutdown_resources()
    engine = create_engine(migrated_database)
    try:
        empty_tables(engine)
    finally:
        engine.dispose()


def test_the_served_schema_is_valid_openapi() -> None:
    schema.validate()


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],  # how fast data is generated depends on the machine
)
def test_every_response_is_documented_and_no_server_error(case: schemathesis.Case, fuzzed: Fuzzed) -> None:
    case.call_and_validate(app=fuzzed.app, headers=fuzzed.headers)
