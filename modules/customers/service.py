"""Record and list a vendor's customers; an email names one customer per vendor."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from kernel.clock import Clock
from kernel.contracts.ledger import LedgerWriter
from kernel.errors import ConflictError, InvalidInputError
from modules.customers.ledger_keys import NEW_CUSTOMER
from modules.customers.models import EMAIL_LENGTH, Customer
from modules.customers.schemas import CustomerCreate, CustomerOut, CustomerPage

__all__ = ("CustomerService", "normalise_email")


def normalise_email(email: str) -> str:
    """Lower-case, the form stored and compared. A few capitals (`İ`) lower-case to two characters,
    so the result is checked against the column's length rather than overflowing it."""
    lowered = email.lower()
    if len(lowered) > EMAIL_LENGTH:
        raise InvalidInputError("email", f"longer than {EMAIL_LENGTH} characters once lower-cased")
    return lowered


def _customer_out(customer: Customer) -> CustomerOut:
    return CustomerOut(
        id=customer.id,
        vendor_id=customer.vendor_id,
        email=customer.email,
        name=customer.name,
        created_at=customer.created_at,
    )


def _duplicate(email: str) -> ConflictError:
    return ConflictError(f"a customer with email '{email}' already exists for this vendor")


class CustomerService:
    def __init__(self, sessions: sessionmaker[Session], clock: Clock, ledger: LedgerWriter) -> None:
        self._sessions = sessions
        self._clock = clock
        self._ledger = ledger

    def create(self, vendor_id: int, data: CustomerCreate) -> CustomerOut:
        email = normalise_email(data.email)
        try:
            with self._sessions.begin() as session:
                taken = select(Customer.id).where(Customer.vendor_id == vendor_id, Customer.email == email)
                if session.scalar(taken) is not None:
                    raise _duplicate(email)
                customer = Customer(
                    vendor_id=vendor_id, email=email, name=data.name, created_at=self._clock.now()
                )
                session.add(customer)
                session.flush()  # a duplicate fails here, before the ledger counts it
                self._ledger.record(session, vendor_id, NEW_CUSTOMER, at=customer.created_at)
                return _customer_out(customer)
        except IntegrityError:  # a concurrent request took the email after the check: same answer
            raise _duplicate(email) from None

    def list(self, vendor_id: int, *, email: str | None, limit: int, offset: int) -> CustomerPage:
        query = select(Customer).where(Customer.vendor_id == vendor_id)
        if email is not None:
            query = query.where(Customer.email == email.lower())
        with self._sessions() as session:
            total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
            rows = session.scalars(
                query.order_by(Customer.created_at.desc(), Customer.id.desc()).limit(limit).offset(offset)
            )
            return CustomerPage(
                items=[_customer_out(c) for c in rows], total=total, limit=limit, offset=offset
            )
