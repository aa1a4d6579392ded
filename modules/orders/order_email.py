"""An order's customer email as stored, counted and matched with the vendor's customers: lower-case.

A few capitals lower-case to two characters (`İ` to `i̇`), so an email within the 254 characters
the request allows can outgrow the column once lower-cased: that is a 400 naming the field, before
anything is written (PostgreSQL would refuse the row, SQLite keep it whole, the customers module
refuse it as a customer).
"""

from __future__ import annotations

from kernel.errors import InvalidInputError

__all__ = ("EMAIL_LENGTH", "order_email")

EMAIL_LENGTH = 254


def order_email(email: str) -> str:
    lowered = email.lower()
    if len(lowered) > EMAIL_LENGTH:
        raise InvalidInputError(
            "customer_email",
            f"longer than {EMAIL_LENGTH} characters once lower-cased (some capitals, like İ, become two)",
        )
    return lowered
