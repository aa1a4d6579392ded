"""Exchange an email and password for a bearer token."""

from __future__ import annotations

from litestar import Controller, post
from litestar.di import NamedDependency
from litestar.params import JSONBody

from contracts.security import TokenIssuer
from contracts.tenancy import PlatformRef
from modules.tenancy.schemas import TokenRequest, TokenResponse
from modules.tenancy.user_service import UserService

__all__ = ("AuthController",)


class AuthController(Controller):
    path = "/auth"
    tags = ["auth"]

    @post(
        "/token",
        summary="Sign in for a bearer token",
        status_code=200,
        sync_to_thread=True,
        opt={"exclude_from_auth": True},
        security=[],
    )
    def issue_token(
        self,
        data: JSONBody[TokenRequest],
        user_service: NamedDependency[UserService],
        token_issuer: NamedDependency[TokenIssuer],
        platform_context: NamedDependency[PlatformRef | None],
    ) -> TokenResponse:
        """Sign in. A wrong email and a wrong password get the same 401."""
        hint = platform_context.id if platform_context is not None else None
        principal = user_service.authenticate(data.email, data.password, hint)
        token = token_issuer.issue(principal)
        return TokenResponse(access_token=token.access_token, expires_in=token.expires_in)
