"""Create user accounts for every role."""

from __future__ import annotations

from litestar import Controller, post
from litestar.di import NamedDependency
from litestar.params import JSONBody

from kernel.identity import Principal
from modules.tenancy.schemas import UserCreate, UserOut
from modules.tenancy.user_service import UserService

__all__ = ("UserController",)


class UserController(Controller):
    path = "/admin/users"
    tags = ["users"]

    @post("/", sync_to_thread=True)
    def create_user(
        self,
        data: JSONBody[UserCreate],
        principal: NamedDependency[Principal],
        user_service: NamedDependency[UserService],
    ) -> UserOut:
        """Create a user: super_admin for anyone; a platform admin for its platform and its vendors."""
        return user_service.create(principal, data)
