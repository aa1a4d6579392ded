"""The tenant matrix: every API route of an app's own route table, asked by every kind of caller from
every kind of host, each answer held to the one the tenant rule promises.

Routes come from `app.routes`, so a route added later is in the matrix without anyone listing it.
Each request is one the handler would refuse on its own if it ran (a body that is not JSON, ids
that name nothing), so no cell changes any data and one world serves every cell of a phase. A cell
whose caller may act expects exactly what that caller gets from its home host, naming the same
platform in the path ("home"); every
other cell expects the refusal, status and sentence, that the rule gives.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from litestar import Litestar
from litestar.routes import HTTPRoute
from litestar.testing import TestClient

from tests.api import Api

__all__ = ("CELLS", "PHASES", "RouteCall", "World", "api_routes", "build_world", "mismatches")

VENDOR_PREFIX, ADMIN_PREFIX = "/api/v1/vendor/", "/api/v1/admin/"
NOTHING = 999_999  # an id no row has: a handler that runs answers 404 and changes nothing
Outcome = tuple[int, str | None]


@dataclass(frozen=True, slots=True)
class RouteCall:
    method: str
    template: str
    params: tuple[tuple[str, type], ...]
    module: str | None
    has_body: bool
    public: bool

    def url(self, platform_id: int) -> str:
        values: dict[str, object] = {
            name: NOTHING if kind is int else "nothing" for name, kind in self.params
        }
        if "platform_id" in values:
            values["platform_id"] = platform_id
        return self.template.format(**values)


def api_routes(app: Litestar) -> list[RouteCall]:
    """Every method of every `/api/` route the app serves, but the automatic `OPTIONS`."""
    calls = []
    for route in app.routes:
        if not (isinstance(route, HTTPRoute) and route.path_format.startswith("/api/")):
            continue
        params = tuple((name, definition.type) for name, definition in route.path_parameters.items())
        for handler in route.route_handlers:
            module, has_body = handler.opt.get("module"), handler.parsed_data_field is not None
            public = bool(handler.opt.get("exclude_from_auth"))
            for method in sorted(handler.http_methods - {"OPTIONS", "HEAD"}):
                calls.append(RouteCall(method, route.path_format, params, module, has_body, public))
    return calls


@dataclass
class World:
    ids: dict[str, int]
    tokens: dict[str, dict[str, str]]
    change: dict[str, Callable[[], None]]


def build_world(api: Api) -> World:
    """Platforms main, eu, far and bare (every optional module off); vendor acme on main, eu and bare,
    bolt on main, solo on main only; their users, main's admin and a super admin."""
    root = api.super_admin()
    ids = {slug: api.platform(root, slug, f"{slug}.test") for slug in ("main", "eu", "far", "bare")}
    _switch_every_optional_module_off(api, root, ids["bare"])
    ids |= {
        "acme": api.vendor(root, "acme", [ids["main"], ids["eu"], ids["bare"]]),
        "bolt": api.vendor(root, "bolt", [ids["main"]]),
        "solo": api.vendor(root, "solo", [ids["main"]]),
    }
    tokens = {
        "root": root,
        "main_admin": api.user(root, "admin@main.test", "platform_admin", platform_id=ids["main"]),
        "owner": api.user(root, "owner@acme.test", "vendor_owner", vendor_id=ids["acme"]),
        "member": api.user(root, "staff@acme.test", "vendor_member", vendor_id=ids["acme"]),
        "solo_owner": api.user(root, "owner@solo.test", "vendor_owner", vendor_id=ids["solo"]),
        "forged": {"Authorization": "Bearer not-a-token"},
    }

    def detach() -> None:
        for vendor, platform in (("acme", "eu"), ("solo", "main")):
            path = f"/api/v1/admin/platforms/{ids[platform]}/vendors/{ids[vendor]}"
            assert api.client.delete(path, headers=root).status_code == 200

    def switch_off() -> None:
        path = f"/api/v1/admin/vendors/{ids['acme']}"
        assert api.client.patch(path, json={"is_active": False}, headers=root).status_code == 200

    return World(ids, tokens, {"detached": detach, "vendor switched off": switch_off})


def _switch_every_optional_module_off(api: Api, root: dict[str, str], platform_id: int) -> None:
    """Modules others need go last: try until none is left on (each pass frees another layer)."""
    path = f"/api/v1/admin/platforms/{platform_id}/modules"
    for _ in range(10):
        on = [
            m["code"]
            for m in api.client.get(path, headers=root).json()["modules"]
            if m["enabled"] and not m["is_core"]
        ]
        if not on:
            return
        for code in on:
            api.client.put(f"{path}/{code}", json={"enabled": False}, headers=root)
    raise AssertionError("optional modules could not all be switched off")


HOME = "home"
MODULE_OFF = "module off"
PATH_PLATFORM = "path platform"
Expect = str | Outcome


def _roles(roles: str, you: str) -> Outcome:
    return 403, f"this needs one of the roles {roles}; you are {you}"


def vendor_only(you: str) -> Outcome:
    return _roles("vendor_member, vendor_owner", you)


def admin_only(you: str) -> Outcome:
    return _roles("super_admin, platform_admin", you)


@dataclass(frozen=True, slots=True)
class Cell:
    name: str
    actor: str | None
    host: str
    vendor: Expect
    admin: Expect
    platform: str = "main"
    phase: str = "as built"


NO_TOKEN, FORGED = (401, None), (401, None)  # the auth middleware's own wording, tested in test_auth
NOT_ON = "vendor '{}' is not active on platform '{}'"
CELLS = (
    Cell("no token", None, "main.test", NO_TOKEN, NO_TOKEN),
    Cell("forged token", "forged", "main.test", FORGED, FORGED),
    Cell("owner on its home platform", "owner", "main.test", HOME, admin_only("vendor_owner")),
    Cell("member on its home platform", "member", "main.test", HOME, admin_only("vendor_member")),
    Cell("owner on another platform it is on", "owner", "eu.test", HOME, admin_only("vendor_owner")),
    Cell("owner on a host naming no platform", "owner", "testserver.local", HOME, admin_only("vendor_owner")),
    Cell(
        "owner on a platform it is not on",
        "owner",
        "far.test",
        (403, NOT_ON.format("acme", "far")),
        admin_only("vendor_owner"),
    ),
    Cell(
        "owner on another vendor's host",
        "owner",
        "bolt.main.test",
        (403, "this host belongs to vendor 'bolt', not to your vendor"),
        admin_only("vendor_owner"),
    ),
    Cell("owner where its modules are off", "owner", "bare.test", MODULE_OFF, admin_only("vendor_owner")),
    Cell("platform admin on its host", "main_admin", "main.test", vendor_only("platform_admin"), HOME),
    Cell(
        "platform admin, no platform host",
        "main_admin",
        "testserver.local",
        vendor_only("platform_admin"),
        HOME,
    ),
    Cell(
        "platform admin on another platform's host",
        "main_admin",
        "eu.test",
        vendor_only("platform_admin"),
        (403, "this host belongs to platform 'eu', not to yours"),
    ),
    Cell(
        "platform admin naming another platform",
        "main_admin",
        "main.test",
        vendor_only("platform_admin"),
        PATH_PLATFORM,
        platform="eu",
    ),
    Cell("super admin", "root", "main.test", vendor_only("super_admin"), HOME),
    Cell(
        "super admin on a host whose modules are off", "root", "bare.test", vendor_only("super_admin"), HOME
    ),
    Cell(
        "super admin naming a platform whose modules are off",
        "root",
        "main.test",
        vendor_only("super_admin"),
        MODULE_OFF,
        platform="bare",
    ),
    Cell(
        "owner, detached from the request's platform",
        "owner",
        "eu.test",
        (403, NOT_ON.format("acme", "eu")),
        admin_only("vendor_owner"),
        phase="detached",
    ),
    Cell(
        "owner, detached from its only platform",
        "solo_owner",
        "testserver.local",
        (403, NOT_ON.format("solo", "main")),
        admin_only("vendor_owner"),
        phase="detached",
    ),
    Cell(
        "owner, vendor switched off",
        "owner",
        "main.test",
        (403, "vendor 'acme' is switched off"),
        admin_only("vendor_owner"),
        phase="vendor switched off",
    ),
    Cell(
        "member, vendor switched off",
        "member",
        "main.test",
        (403, "vendor 'acme' is switched off"),
        admin_only("vendor_member"),
        phase="vendor switched off",
    ),
)
PHASES = ("as built", "detached", "vendor switched off")


def _outcome(
    client: TestClient[Any], call: RouteCall, token: dict[str, str], host: str, platform_id: int
) -> Outcome:
    headers = {**token, "host": host}
    if call.has_body:
        headers["content-type"] = "application/json"
    response = client.request(
        call.method, call.url(platform_id), headers=headers, content=b"{" if call.has_body else None
    )
    body = (
        response.json() if response.headers.get("content-type", "").startswith("application/json") else None
    )
    detail = body.get("detail") if isinstance(body, dict) and response.status_code >= 400 else None
    return response.status_code, detail


def _expected(call: RouteCall, cell: Cell, home: Outcome, platform_id: int) -> Outcome | None:
    """`None` for a route under no audience: the matrix has nothing to hold it to."""
    if call.public:
        return home
    expect = cell.vendor if call.template.startswith(VENDOR_PREFIX) else cell.admin
    if not call.template.startswith((VENDOR_PREFIX, ADMIN_PREFIX)):
        return None
    if expect == MODULE_OFF:
        return (404, f"the '{call.module}' module is switched off for this platform") if call.module else home
    if expect == PATH_PLATFORM:
        refused = f"platform admins can only act on their own platform, not platform {platform_id}"
        return (403, refused) if "platform_id" in dict(call.params) else home
    return home if expect == HOME else expect  # type: ignore[return-value]


def _matches(expected: Outcome, found: Outcome) -> bool:
    return expected[0] == found[0] and (expected[1] is None or expected[1] == found[1])


def mismatches(api: Api, world: World, cells: tuple[Cell, ...] = CELLS) -> Iterator[str]:
    """One line for each (route, cell) whose answer is not the one expected; none when all hold."""
    calls = api_routes(api.client.app)
    no_token: dict[str, str] = {}
    homes = {
        (actor, platform, call): _outcome(
            api.client, call, world.tokens.get(actor, no_token), "main.test", world.ids[platform]
        )
        for actor, platform in {(cell.actor or "", cell.platform) for cell in cells}
        for call in calls
    }
    for phase in PHASES:
        if phase in world.change:
            world.change[phase]()
        for cell in (cell for cell in cells if cell.phase == phase):
            platform_id = world.ids[cell.platform]
            token = world.tokens.get(cell.actor or "", no_token)
            for call in calls:
                expected = _expected(call, cell, homes[cell.actor or "", cell.platform, call], platform_id)
                where = f"{call.method} {call.template} [{cell.name}]"
                if expected is None:
                    yield f"{where}: the route serves no known audience ({VENDOR_PREFIX}, {ADMIN_PREFIX})"
                    continue
                found = _outcome(api.client, call, token, cell.host, platform_id)
                if not _matches(expected, found):
                    yield f"{where}: expected {expected}, got {found}"
