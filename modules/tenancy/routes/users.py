"""User accounts: created for every role, switched off or on.

Switching has two routes for one rule (`user_switch.py`): the admins' under `/admin/`, and a vendor
owner's under `/vendor/`, since the tenant rule reserves each prefix to its audience."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, patch, post
from litestar.di import NamedDependency
from litestar.enums import RequestEncodingType
from litestar.params import Body, JSONBody

from kernel.identity import Principal, Role
from modules.tenancy.routes.params import PathId
from modules.tenancy.schemas import UserCreate, UserOut, UserSwitch
from modules.tenancy.user_service import UserService

__all__ = ("UserController", "VendorUserController")

_NULL: dict[str, Any] = {"type": "null"}
_ID: dict[str, Any] = {"type": "integer"}

# Which tenant id each role takes, as `user_service._check_shape` enforces it: said in the schema too,
# so that clients know before they are refused.
_ONE_SHAPE_PER_ROLE: list[dict[str, Any]] = [
    {"properties": {"role": {"const": Role.SUPER_ADMIN.value}, "platform_id": _NULL, "vendor_id": _NULL}},
    {
        "properties": {"role": {"const": Role.PLATFORM_ADMIN.value}, "platform_id": _ID, "vendor_id": _NULL},
        "required": ["platform_id"],
    },
    {
        "properties": {
            "role": {"enum": [Role.VENDOR_OWNER.value, Role.VENDOR_MEMBER.value]},
            "platform_id": _NULL,
            "vendor_id": _ID,
        },
        "required": ["vendor_id"],
    },
]

# One whole body, since the fields only make sense together: each property's own example would
# combine into a body no role accepts.
_A_VENDOR_OWNER = {
    "email": "owner@alpine-outfitters.com",
    "password": "correct-horse-battery-staple",
    "role": Role.VENDOR_OWNER.value,
    "vendor_id": 1,
}

NewUser = Annotated[
    UserCreate,
    Body(
        media_type=RequestEncodingType.JSON,
        schema_extra={"oneOf": _ONE_SHAPE_PER_ROLE, "examples": [_A_VENDOR_OWNER]},
    ),
]


class UserController(Controller):
    path = "/admin/users"
    tags = ["users"]

    @post("/", summary="Create a user", sync_to_thread=True)
    def create_user(
        self,
        data: NewUser,
        principal: NamedDependency[Principal],
        user_service: NamedDependency[UserService],
    ) -> UserOut:
        """Create a user: super_admin for anyone; a platform admin for its platform and its vendors."""
        return user_service.create(principal, data)

    @patch("/{user_id:int}", summary="Switch a user off or on", sync_to_thread=True)
    def switch_user(
        self,
        user_id: PathId,
        data: JSONBody[UserSwitch],
        principal: NamedDependency[Principal],
        user_service: NamedDependency[UserService],
    ) -> UserOut:
        """Switch an account off (it cannot sign in, and its tokens are refused from the next request)
        or back on: super_admin any account; a platform admin its platform's admins and the users of
        its vendors. Nobody switches their own account off."""
        return user_service.set_active(principal, user_id, data.is_active)


class VendorUserController(Controller):
    path = "/vendor/users"
    tags = ["users"]

    @patch("/{user_id:int}", summary="Switch one of the vendor's users off or on", sync_to_thread=True)
    def switch_vendor_user(
        self,
        user_id: PathId,
        data: JSONBody[UserSwitch],
        principal: NamedDependency[Principal],
        user_service: NamedDependency[UserService],
    ) -> UserOut:
        """A vendor owner switches an account of its own vendor off or back on, never its own."""
        return user_service.set_active(principal, user_id, data.is_active)
