"""Signing in and out of the pages: a form that exchanges email and password for the session cookie.

The cookie is the very token the API's sign-in returns, kept where scripts cannot read it
(HttpOnly), sent back only on same-site navigation and the site's own forms (SameSite=Lax), over
HTTPS only when the request came over HTTPS (`Secure`), and expiring with the token (`Max-Age`).
Signing out drops the cookie; the token itself stays valid until it expires, as an API token does.
"""

from __future__ import annotations

from typing import Any

import msgspec
from anyio import to_thread
from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.response import Redirect, Template

from adapters.http.scopes import provide_tenant_context
from adapters.validation_errors import field_error, sentence, type_at
from adapters.web.session_cookie import is_secure, no_session, session_cookie
from contracts.security import TokenIssuer
from kernel.errors import AuthenticationError
from kernel.identity import Principal
from modules.tenancy.schemas import TokenRequest

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
        secure_cookies: NamedDependency[bool],
    ) -> Redirect | Template:
        """Every failure shows the form again with one sentence; a wrong email and a wrong password
        read the same, as the API's 401 does."""
        form = await request.form()
        email, password = str(form.get("email") or "").strip(), str(form.get("password") or "")
        if not email or not password:
            return _form(400, "Enter your email and your password.", email)
        try:  # the API's rules for the same two fields, and its sentences
            msgspec.convert({"email": email, "password": password}, TokenRequest)
        except msgspec.ValidationError as error:
            problem = field_error(error)
            annotation = type_at(TokenRequest, [problem.path]) if problem.path else None
            said = sentence(problem.path, problem.message, annotation)
            return _form(400, f"{said[:1].upper()}{said[1:]}.", email)
        platform = provide_tenant_context(request).platform
        hint = platform.id if platform is not None else None
        try:
            principal = await to_thread.run_sync(user_service.authenticate, email, password, hint)
        except AuthenticationError:
            return _form(401, "Wrong email or password.", email)
        issued = token_issuer.issue(principal)
        secure = is_secure(request, secure_cookies)
        cookie = session_cookie(issued.access_token, issued.expires_in, secure)
        return Redirect(home_of(principal), status_code=303, cookies=[cookie])

    @post("/sign-out", include_in_schema=False, status_code=303)
    async def sign_out(self) -> Redirect:
        return Redirect("/sign-in", status_code=303, cookies=[no_session()])
