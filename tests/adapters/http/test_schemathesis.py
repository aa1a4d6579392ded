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

import copy
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from dependency_injector import providers
from hypothesis import HealthCheck, Phase, settings
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
# their window must end within ten years of its start, and of today, which no JSON Schema can say
# (and a series' keys must be figures of modules on for the platform, which depend on the platform);
# and for platforms and vendors: a `timezone` must be a zone the zone database knows, which a pattern
# cannot say either (an enum of ~600 names would bury the schema and every error message); and for a
# new order: its total must be its lines' sum, and it needs one or the other, across two fields; and
# for an order's move: `restock` goes with a move to refunded only, across two fields again; and
# for an import of past orders: each row is any object to the schema, checked row by row after.
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
                "include-path-regex": path,
                "checks": {"positive_data_acceptance": {"expected-statuses": [*_ACCEPTED, "400"]}},
            }
            for path in (
                "/dashboard/(stats|series|top-vendors)$",
                "/admin/(platforms|vendors)(/[{][a-z_]+[}])?$",
                "/vendor/orders/?$",
                "/vendor/orders/[{]order_id[}]$",
                "/orders/import/?$",
            )
        ],
    }
)


def _container(database_url: str) -> Container:
    """The real bootstrap, with the clock frozen and password hashing cheap as in `tests/conftest.py`."""
    raw = {
        # `/ready` answers 503 when a check overruns its budget; on a loaded 2-core CI machine one did,
        # and these tests are about what bytes do, not how fast the database answers
        "database": {"url": database_url, "ready_timeout_ms": 60_000},
        "auth": {"jwt_secret": SECRET},
        "ledger": {"fold_interval_ms": 0},  # a refused request must change no row; folds would
    }
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
SERVED = copy.deepcopy(schema.raw_schema)  # the stateful mode adds the links it infers to `raw_schema`


@dataclass(frozen=True)
class Fuzzed:
    app: Litestar
    headers: dict[str, str]
    reset: Callable[[], None]  # back to the seeded state: every table emptied, then seeded again


def _seed(api: Api) -> dict[str, dict[str, str]]:
    """A platform, a vendor, its owner and an order, through the API; the two roles' tokens."""
    admin = api.super_admin()
    main = api.platform(admin, "main")  # `platform.default`: the platform of a host that names none
    acme = api.vendor(admin, "acme", [main])
    owner = api.user(admin, "owner@example.com", "vendor_owner", vendor_id=acme)
    api.order(owner, 1250)
    return {"super_admin": admin, "vendor_owner": owner}


@pytest.fixture(scope="module", params=ROLES)
def fuzzed(request: pytest.FixtureRequest, migrated_database: str) -> Iterator[Fuzzed]:
    """An app over the migrated test database (SQLite, then PostgreSQL), seeded through the API,
    and the role's bearer token; the tables are emptied again afterwards."""
    container = _container(migrated_database)
    app = create_app(container)
    engine = create_engine(migrated_database)

    with TestClient(app) as client:  # open throughout: leaving it runs the app's shutdown
        assert client.get(SCHEMA_PATH).json() == SERVED
        api = Api(client, container)
        tokens = _seed(api)

        def reset() -> None:
            # Caches (tenants by host, accounts, tokens) may stay: the same seed makes the same rows.
            empty_tables(engine)
            _seed(api)

        yield Fuzzed(app, tokens[request.param], reset)
    container.shutdown_resources()
    empty_tables(engine)
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


StatefulFuzz = schema.as_state_machine()
STATEFUL_EXAMPLES = int(os.environ.get("TESSERA_STATEFUL_EXAMPLES", "8"))


def test_sequences_of_calls_find_no_server_error(fuzzed: Fuzzed) -> None:
    """schemathesis's stateful mode: chains of calls that feed one response into the next request
    (a created vendor's id into its read, update and domain; a page's into its status change),
    along links schemathesis infers from the schema itself, as the same role."""

    class AgainstThisApp(StatefulFuzz):  # type: ignore[misc,valid-type]
        def setup(self) -> None:
            """Each scenario from the same seeded state: the same calls then meet the same answers,
            as hypothesis requires (else it reports the scenarios as flaky data generation)."""
            fuzzed.reset()

        def get_call_kwargs(self, case: schemathesis.Case) -> dict[str, Any]:
            return {"app": fuzzed.app, "headers": fuzzed.headers}

    AgainstThisApp.run(
        settings=settings(
            max_examples=STATEFUL_EXAMPLES,
            stateful_step_count=6,
            # As schemathesis runs its own: the database outlives each scenario, so a replayed
            # prefix may meet other responses and draw otherwise; only fresh scenarios are sound.
            phases=[Phase.generate],
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
    )
