"""The query parameters the pages share: the platform a super admin picks and the period picker's."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from litestar import Request
from litestar.params import QueryParameter

from adapters.http.scopes import provide_principal, provide_tenant_context
from contracts.fields import MAX_ID
from kernel.access import require_vendor

__all__ = ("Day", "Period", "PlatformChoice", "signed_in_vendor")

PlatformChoice = Annotated[int | None, QueryParameter(ge=1, le=MAX_ID)]
Period = Annotated[str | None, QueryParameter(max_length=10)]
"""A preset of the picker (`7d` … `12m`) or `custom`; `period_picker.py` names the choices."""
Day = Annotated[date | None, QueryParameter()]


def signed_in_vendor(request: Request[Any, Any, Any]) -> tuple[int, int | None]:
    """The signed-in vendor user's vendor, and the platform the request sees it through."""
    vendor_id = require_vendor(provide_principal(request))
    platform = provide_tenant_context(request).platform
    return vendor_id, platform.id if platform else None
