"""The two dashboard pages: the signed-in vendor's, and a platform's for its admins.

Who may open which page is the tenant rule's, as for the API (`/dashboard` serves vendor users,
`/admin` super and platform admins); the handlers only pick the owner, as the API's do, and a super
admin picks the platform from a list.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get
from litestar.di import NamedDependency
from litestar.response import Template

from adapters.http.dashboard_params import requested_platform, signed_in_vendor
from adapters.http.scopes import provide_principal, provide_tenant_context
from adapters.web.page_services import PageServices
from adapters.web.params import Day, Period, PlatformChoice
from adapters.web.period_picker import picked
from kernel.identity import Role

__all__ = ("DashboardPages",)


class DashboardPages(Controller):
    include_in_schema = False

    @get("/dashboard")
    async def vendor_page(
        self,
        request: Request[Any, Any, Any],
        pages: NamedDependency[PageServices],
        period: Period = None,
        date_from: Day = None,
        date_to: Day = None,
    ) -> Template:
        principal = provide_principal(request)
        vendor_id, platform_id = signed_in_vendor(request)
        chosen = picked(period, date_from, date_to)
        standing = provide_tenant_context(request).standing
        view = await pages.vendor(vendor_id, platform_id, chosen, standing)
        return Template("dashboard.html", context={"view": view, "principal": principal, "platforms": []})

    @get("/admin")
    async def platform_page(
        self,
        request: Request[Any, Any, Any],
        pages: NamedDependency[PageServices],
        platform_id: PlatformChoice = None,
        period: Period = None,
        date_from: Day = None,
        date_to: Day = None,
    ) -> Template:
        principal = provide_principal(request)
        target = requested_platform(request, platform_id)
        chosen = picked(period, date_from, date_to, platform_id)
        shown = await pages.platform_ref(target)
        view = await pages.platform(shown, chosen)
        platforms = await pages.platforms(principal, shown) if principal.role is Role.SUPER_ADMIN else []
        context = {"view": view, "principal": principal, "platforms": platforms, "platform_id": target}
        return Template("dashboard.html", context=context)
