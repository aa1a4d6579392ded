"""`sentence`: what a person reads for each kind of msgspec failure, read off the declared type."""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec
import pytest

from adapters.validation_errors import sentence, type_at
from contracts.fields import Email, Id, Slug
from kernel.identity import Role


class Item(msgspec.Struct):
    sku: Annotated[str, msgspec.Meta(pattern=r"^[A-Z]+$")]
    count: Annotated[int, msgspec.Meta(ge=1)]


class Form(msgspec.Struct):
    email: Email
    slug: Slug
    status: Literal["pending", "paid"] | None = None
    role: Role = Role.VENDOR_MEMBER
    ids: Annotated[list[Id], msgspec.Meta(min_length=1, max_length=3)] = []
    items: list[Item] = []
    ratio: Annotated[float, msgspec.Meta(le=1.5)] = 0.0


@pytest.mark.parametrize(
    ("path", "message", "expected"),
    [
        ("email", "Expected `str`, got `int`", "email must look like name@example.com"),
        ("email", "Expected `str` of length <= 254", "email must be text of 3 to 254 characters"),
        (
            "slug",
            "Expected `str` matching regex '^x$'",
            "slug must be lower-case letters, digits and '-', neither first nor last (like my-shop-2)",
        ),
        ("status", "Invalid enum value 'PAID'", "status must be one of pending, paid"),
        (
            "role",
            "Invalid enum value 'king'",
            "role must be one of super_admin, platform_admin, vendor_owner, vendor_member",
        ),
        ("ids", "Expected `array` of length >= 1", "ids must be a list of 1 to 3 items"),
        ("ids.0", "Expected `int`, got `str`", "ids.0 must be a whole number from 1 to 2147483647"),
        (
            "items.0.sku",
            "Expected `str` matching regex '^[A-Z]+$'",
            "items.0.sku must be in the form the API schema documents",
        ),
        ("items.0.count", "Expected `int` >= 1", "items.0.count must be a whole number of at least 1"),
        ("ratio", "Expected `float` <= 1.5", "ratio must be a number of at most 1.5"),
        ("", "Expected `object`, got `array`", "the body must be a JSON object"),
        ("nowhere", "Expected `int`, got `str`", "nowhere is not valid"),
        ("", "Object missing required field `email`", "email is required"),
        ("", "Object contains unknown field 'extra'", "extra is not a field of this request: remove it"),
    ],
)
def test_each_failure_reads_as_a_sentence(path: str, message: str, expected: str) -> None:
    parts = path.split(".") if path else []
    assert sentence(path, message, type_at(Form, parts)) == expected


def test_no_sentence_shows_a_regex_or_a_type() -> None:
    said = sentence(
        "items.0.sku", "Expected `str` matching regex '^[A-Z]+$'", type_at(Form, ["items", "0", "sku"])
    )
    assert "^" not in said
    assert "`" not in said
