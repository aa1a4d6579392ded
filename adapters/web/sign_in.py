"""Signing in and out of the pages: a form that exchanges email and password for the session cookie.

The cookie is the very token the API's sign-in returns, kept where scripts cannot read it
(HttpOnly), sent back only on same-site navigation and the site's own forms (SameSite=Lax), over
HTTPS only when the request came over HTTPS (`Secure`), and expiring with the token (`Max-Age`).
Signing out drops the cookie; the token itself stays valid until it expires, as an API token does.
"""

from __future__ import annotations

from typing import Any

from anyio import to_thread
from litestar import Controller, Request, get, post
from litestar.datastructures import Cookie
from litestar.di import NamedDependency
from litestar.response import Redirect, Template

from adapters.http.scopes import provide_tenant_context
from adapters.web.paths import SESSION_COOKIE
from contracts.security import TokenIssuer
from kernel.errors import AuthenticationError
from kernel.identity import Principal

__all__ = ("SignInController", "home_of")

_PUBLIC = {"exclude_from_auth": True}


def home_of(principal: Principal) -> str:
    return "/dashboard" if principal.role.is_vendor_role else "/admin"


def _form(status: int, message: str = "", email: str = "") -> Template:
    return Template("sign_in.html", context={"message": message, "email": email}, status_code=status)


class SignInController(Controller):
    include_in_schema = False

    @get("/", opt=_PUBLIC, include_in_schema=False)
    async def root(self) -> Redirect:
        return Redirect("/sign-in", status_code=303)

    @get("/sign-in", opt=_PUBLIC, include_in_schema=False)
    async def sign_in_form(self) -> Template:
        return _form(200)

    @post("/sign-in", opt=_PUBLIC, include_in_schema=False, status_code=303)
    async def sign_in(
        self,
        request: Request[Any, Any, Any],
        user_service: NamedDependency[Any],
        token_issuer: NamedDependency[TokenIssuer],
    ) -> Redirect | Template:
        """Every failure shows the form again with one sentence; a wrong email and a wrong password
        read the same, as the API's 401 does."""
        form = await request.form()
        email, password = str(form.get("email") or "").strip(), str(form.get("password") or "")
        if not email or not password:
            return _form(400, "Enter your email and your password.", email)
        platform = provide_tenant_context(request).platform
        hint = platform.id if platform is not None else None
        try:
            principal = await to_thread.run_sync(user_service.authenticate, email, password, hint)
        except AuthenticationError:
            return _form(401, "Wrong email or password.", email)
        issued = token_issuer.issue(principal)
        cookie = Cookie(
            key=SESSION_COOKIE,
            value=issued.access_token,
            max_age=issued.expires_in,
            httponly=True,
            samesite="lax",
            secure=request.url.scheme == "https",
            path="/",
        )
        return Redirect(home_of(principal), status_code=303, cookies=[cookie])

    @post("/sign-out", include_in_schema=False, status_code=303)
    async def sign_out(self) -> Redirect:
        gone = Cookie(key=SESSION_COOKIE, value="", max_age=0, httponly=True, samesite="lax", path="/")
        return Redirect("/sign-in", status_code=303, cookies=[gone])
