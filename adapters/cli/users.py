"""`tessera users create`: the way to make the first super admin, and any account after it."""

from __future__ import annotations

import click
import msgspec

from adapters.cli.context import CliState, pass_state
from adapters.validation_errors import field_error
from kernel.errors import InvalidInputError, NotFoundError
from kernel.identity import SYSTEM, Role
from modules.tenancy.schemas import UserCreate

__all__ = ("users",)


@click.group()
def users() -> None:
    """User accounts."""


@users.command("create")
@click.option("--email", required=True)
@click.option(
    "--password", prompt=True, hide_input=True, confirmation_prompt=True, help="Prompted when left out."
)
@click.option("--role", required=True, type=click.Choice([role.value for role in Role]))
@click.option("--platform", "platform_slug", default=None, help="Slug of the platform (platform_admin).")
@click.option(
    "--vendor", "vendor_slug", default=None, help="Slug of the vendor (vendor_owner, vendor_member)."
)
@pass_state
def create(
    state: CliState, email: str, password: str, role: str, platform_slug: str | None, vendor_slug: str | None
) -> None:
    """Create a user; the command line acts with full rights."""
    container = state.container()
    try:
        directory = container.tenant_directory()
        platform_id = vendor_id = None
        if platform_slug is not None:
            platform = directory.platform_by_slug(platform_slug)
            if platform is None:
                raise NotFoundError(f"no platform with slug '{platform_slug}'")
            platform_id = platform.id
        if vendor_slug is not None:
            vendor = directory.vendor_by_slug(vendor_slug)
            if vendor is None:
                raise NotFoundError(f"no vendor with slug '{vendor_slug}'")
            vendor_id = vendor.id
        raw = {
            "email": email,
            "password": password,
            "role": role,
            "platform_id": platform_id,
            "vendor_id": vendor_id,
        }
        try:
            data = msgspec.convert(raw, UserCreate)
        except msgspec.ValidationError as error:
            found = field_error(error)
            raise InvalidInputError(found.path or "user", found.message) from None
        user = container.tenancy.user_service().create(SYSTEM, data)
    finally:
        container.shutdown_resources()
    click.echo(f"created user {user.id}: {user.email} ({user.role.value})")
