"""Which platform and which vendor a request is for, decided once per request from its host.

Platform: the one a route's path names (`/admin/platforms/{platform_id}/...`); else the one the host
names; else, for a vendor user, the token's platform while its vendor
is still active there, or else the first platform it is active on; else the token's platform; else
`platform.default`. Vendor: a vendor's custom domain, or `<vendor-slug>.<platform domain>`.
Modules: those switched on for that platform. The same pass looks up whether the signed-in account
is still active and, for a vendor user, where its vendor stands now. All of it goes on
`request.state.tenant`, for the tenant rule (`tenant_rule.py`) and the route dependencies. The
look-ups go through tenancy's cached `TenantDirectory` and `ModuleSwitches`: on the event loop while
every answer is cached, on a worker thread when one needs the database (`contracts.cache_only`).
First, `catch_up` applies the changes other processes told since the last request (on SQLite, read
from the file they share; nothing to do on PostgreSQL, where a thread applies them as they come).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from anyio import to_thread
from litestar.datastructures import Headers
from litestar.enums import ScopeType
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Receive, Scope, Send

from adapters.web.paths import is_page
from contracts.cache_only import CacheMissError, cache_only
from contracts.fields import MAX_ID
from contracts.module_switches import ModuleSwitches
from contracts.tenancy import PlatformRef, TenantDirectory, VendorRef, VendorStanding
from kernel.identity import Principal

__all__ = ("NO_TENANT", "TenantContext", "TenantContextMiddleware", "resolve_tenant")


@dataclass(frozen=True, slots=True)
class TenantContext:
    platform: PlatformRef | None
    host_platform: PlatformRef | None
    """The platform the host names, if any: a platform admin may not use another's host."""
    vendor: VendorRef | None
    account_matches: bool = True
    """The token's user still exists, is active, and has the role, vendor and platform it names."""
    modules: frozenset[str] | None = None
    """Codes of the modules on for `platform`; `None` without a platform (settings alone decide)."""
    standing: VendorStanding | None = None
    """Where the signed-in vendor user's vendor stands now; `None` for every other caller."""


NO_TENANT = TenantContext(None, None, None)


def resolve_tenant(
    directory: TenantDirectory,
    host: str,
    principal: Principal | None,
    default_slug: str,
    switches: ModuleSwitches | None = None,
    path_platform_id: int | None = None,
) -> TenantContext:
    """Blocking look-ups (cached): run off the event loop unless inside `cache_only()`."""
    matches = principal is None or _matches(principal, directory.account(principal.user_id))
    standing = None
    if principal is not None and principal.role.is_vendor_role and principal.vendor_id is not None:
        standing = directory.vendor_standing(principal.vendor_id)
    match = directory.resolve_host(host)
    platform = directory.platform_by_id(path_platform_id) if path_platform_id is not None else None
    platform = platform or match.platform
    if platform is None and principal is not None:
        platform_id = _home_platform(principal, standing)
        platform = directory.platform_by_id(platform_id) if platform_id is not None else None
    if platform is None and default_slug:
        platform = directory.platform_by_slug(default_slug)
    modules = switches.enabled_codes(platform.id) if switches is not None and platform is not None else None
    return TenantContext(platform, match.platform, match.vendor, matches, modules, standing)


def _matches(token: Principal, account: Principal | None) -> bool:
    """A vendor user's token names the platform it signed in to, which is not part of its account."""
    if account is None or (token.role, token.vendor_id) != (account.role, account.vendor_id):
        return False
    return token.role.is_vendor_role or token.platform_id == account.platform_id


def _home_platform(principal: Principal, standing: VendorStanding | None) -> int | None:
    """Without a platform host, a vendor user acts where its token says while its vendor is still
    active there, else where its vendor is now active first: leaving one platform of several does
    not lock its users out until they sign in again."""
    if standing is None or principal.platform_id in standing.platform_ids:
        return principal.platform_id
    return standing.platform_ids[0] if standing.platform_ids else principal.platform_id


def _outside_the_api(scope: Scope) -> bool:
    """Health checks, the schema and static files belong to no tenant; skipping them keeps probes
    free of look-ups. Pages are the API's other face and get the same tenant."""
    path = scope["path"]
    return not path.startswith("/api/") and not is_page(path)


class TenantContextMiddleware(ASGIMiddleware):
    scopes = (ScopeType.HTTP,)
    should_bypass_for_scope = staticmethod(_outside_the_api)

    def __init__(
        self,
        directory: TenantDirectory,
        default_slug: str,
        switches: ModuleSwitches | None = None,
        catch_up: Callable[[], None] = lambda: None,
    ) -> None:
        self._directory = directory
        self._default_slug = default_slug
        self._switches = switches
        self._catch_up = catch_up

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        self._catch_up()
        host = Headers.from_scope(scope).get("host", "")
        user = scope.get("user")
        principal = user if isinstance(user, Principal) else None
        path_platform: object = scope.get("path_params", {}).get("platform_id")
        # an id no row can have is the handler's to refuse (400), not a look-up to make
        path_platform_id = (
            path_platform if isinstance(path_platform, int) and 1 <= path_platform <= MAX_ID else None
        )
        arguments = (self._directory, host, principal, self._default_slug, self._switches, path_platform_id)
        try:
            with cache_only():
                context = resolve_tenant(*arguments)
        except CacheMissError:
            context = await to_thread.run_sync(resolve_tenant, *arguments)
        scope.setdefault("state", {})["tenant"] = context
        await next_app(scope, receive, send)
