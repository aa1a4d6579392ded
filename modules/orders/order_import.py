"""Bring a shop's past orders in: a file (CLI) or a list (a platform admin's endpoint), whole or not
at all.

Every row is checked first (import_check.py, then here what needs the database: the vendor, the
catalog products its lines name, its external id); every bad row is reported with its line and
reason and nothing is written (`InvalidRowsError`: the CLI exits 1, the endpoint answers 400). Else
the rows are written in one transaction (import_writes.py). A row's `external_id` is how a second
run knows it: already there with the same details, the row is skipped and counted; with other
details (or taken by an order sent through the API), it is a bad row.

The command line imports for any vendor; a platform admin only for vendors active on its platform,
and a row naming any other vendor reads as one naming no vendor at all (nothing leaks of others').
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from contracts.catalog import ProductCatalog
from contracts.customers import CustomerBook
from contracts.field_errors import FieldErrors
from contracts.tenancy import TenantDirectory
from kernel.access import require_platform_access
from kernel.clock import Clock
from kernel.contracts.ledger import LedgerWriter
from kernel.errors import InvalidInputError, InvalidRowsError, NotFoundError, RowProblem
from kernel.identity import Principal
from modules.orders.external_ids import external_key, order_named
from modules.orders.idempotency import fingerprint
from modules.orders.import_check import CheckedRow, check_row
from modules.orders.import_file import FileFormat, Record, read_records
from modules.orders.import_schemas import ImportOut
from modules.orders.import_writes import ImportWriter
from modules.orders.lines import check_products
from modules.orders.models import IdempotencyKey

__all__ = ("OrderImportService",)

_ROUTE = "import"
_CHUNK = 500  # keys looked up per statement: far below either database's limit on parameters


@dataclass(slots=True)
class _Batch:
    problems: list[RowProblem] = field(default_factory=list)
    ready: list[tuple[int, CheckedRow, str]] = field(default_factory=list)
    """(vendor id, row, what it asks): rows to write."""
    skipped: int = 0


class OrderImportService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        clock: Clock,
        ledger: LedgerWriter,
        tenants: TenantDirectory,
        errors: FieldErrors,
        catalogs: Sequence[ProductCatalog] = (),
        customers: Sequence[CustomerBook] = (),
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._tenants = tenants
        self._errors = errors
        self._catalogs = catalogs
        self._writer = ImportWriter(ledger, customers)

    def import_file(self, content: bytes, file_format: FileFormat) -> ImportOut:
        """The command line's import: any vendor. CSV cells are text, read as the API reads query
        strings ("4999" is a number); JSON Lines as the API reads a body."""
        return self._run(read_records(content, file_format), None, strict=file_format == "jsonl")

    def import_rows(self, actor: Principal, rows: list[dict[str, Any]], platform_id: int) -> ImportOut:
        """A platform admin's import (or a super admin's), for the platform's active vendors."""
        require_platform_access(actor, platform_id)
        if self._tenants.platform_by_id(platform_id) is None:
            raise NotFoundError(f"there is no platform {platform_id}")
        return self._run(list(enumerate(rows, start=1)), platform_id, strict=True)

    def _run(self, records: Sequence[Record], platform_id: int | None, *, strict: bool) -> ImportOut:
        now = self._clock.now()
        with self._sessions.begin() as session:
            batch = self._checked(session, records, platform_id, now, strict=strict)
            if batch.problems:
                raise InvalidRowsError(sorted(batch.problems, key=lambda problem: problem.line))
            written = sum(
                self._writer.write(session, vendor_id, row, asked, now)
                for vendor_id, row, asked in batch.ready
            )
        skipped = batch.skipped + len(batch.ready) - written
        return ImportOut(rows=len(records), imported=written, skipped=skipped)

    def _checked(
        self,
        session: Session,
        records: Sequence[Record],
        platform_id: int | None,
        now: datetime,
        *,
        strict: bool,
    ) -> _Batch:
        batch, vendors = _Batch(), _Vendors(self._tenants, platform_id)
        rows: list[tuple[int, CheckedRow]] = []
        for line, record in records:
            checked = (
                record if isinstance(record, RowProblem) else self._row(line, record, now, strict=strict)
            )
            if isinstance(checked, RowProblem):
                batch.problems.append(checked)
                continue
            vendor_id = vendors.find(checked.row.vendor)
            if vendor_id is None:
                batch.problems.append(RowProblem(line, "vendor", vendors.missing(checked.row.vendor)))
                continue
            try:
                check_products(session, vendor_id, checked.row.lines, self._catalogs)
            except InvalidInputError as error:
                batch.problems.append(RowProblem(line, error.field, error.message))
                continue
            rows.append((vendor_id, checked))
        self._sort_out(session, rows, batch)
        return batch

    def _row(self, line: int, record: Any, now: datetime, *, strict: bool) -> CheckedRow | RowProblem:
        if not isinstance(record, dict):
            return RowProblem(line, "row", "must be a JSON object: one order")
        return check_row(line, record, now, self._errors, strict=strict)

    def _sort_out(self, session: Session, rows: list[tuple[int, CheckedRow]], batch: _Batch) -> None:
        """New rows to write, rows already there to skip, and rows whose external id is taken."""
        recorded = _recorded(session, [(vendor_id, row.row.external_id) for vendor_id, row in rows])
        first_line: dict[tuple[int, str], int] = {}
        for vendor_id, row in rows:
            name = (vendor_id, row.row.external_id)
            if name in first_line:
                message = f"'{name[1]}' is on line {first_line[name]} too: each order once"
                batch.problems.append(RowProblem(row.line, "external_id", message))
                continue
            first_line[name] = row.line
            asked = _asked(vendor_id, row)
            earlier = recorded.get(name)
            if earlier is None:
                batch.ready.append((vendor_id, row, asked))
            elif earlier == asked:
                batch.skipped += 1
            else:
                order_id = order_named(session, vendor_id, name[1])
                message = (
                    f"'{name[1]}' is already order {order_id} of this vendor, with other details: "
                    "change the row to match it, or give the order another external_id"
                )
                batch.problems.append(RowProblem(row.line, "external_id", message))


def _asked(vendor_id: int, row: CheckedRow) -> str:
    """What "the same row" means: the same order of the same vendor, however the vendor was named."""
    same = msgspec.structs.replace(row.row, vendor=vendor_id)
    return fingerprint(_ROUTE, msgspec.json.encode(same))


def _recorded(session: Session, names: Iterable[tuple[int, str]]) -> dict[tuple[int, str], str]:
    """What each (vendor, external id) already there was recorded with."""
    wanted = sorted({(vendor_id, external_key(name)) for vendor_id, name in names})
    found: dict[tuple[int, str], str] = {}
    table = IdempotencyKey
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        for vendor_id in {vendor_id for vendor_id, _ in chunk}:
            keys = [key for owner, key in chunk if owner == vendor_id]
            query = select(table.key, table.request).where(table.vendor_id == vendor_id, table.key.in_(keys))
            for key, request in session.execute(query):
                found[(vendor_id, key.removeprefix(external_key("")))] = request
    return found


class _Vendors:
    """The vendors rows name, looked up once each: any vendor for the command line, those active on
    the platform for its admin."""

    def __init__(self, tenants: TenantDirectory, platform_id: int | None) -> None:
        self._tenants = tenants
        self._platform_id = platform_id
        self._found: dict[str | int, int | None] = {}

    def find(self, named: str | int) -> int | None:
        if named not in self._found:
            self._found[named] = self._look_up(named)
        return self._found[named]

    def _look_up(self, named: str | int) -> int | None:
        if isinstance(named, str):
            vendor = self._tenants.vendor_by_slug(named)
            vendor_id = vendor.id if vendor is not None else None
        else:
            vendor_id = named
        standing = self._tenants.vendor_standing(vendor_id) if vendor_id is not None else None
        if standing is None:
            return None
        if self._platform_id is not None and not standing.is_active_on(self._platform_id):
            return None
        return standing.vendor.id

    def missing(self, named: str | int) -> str:
        kind = "slug" if isinstance(named, str) else "id"
        where = " is active on this platform" if self._platform_id is not None else ""
        return f"no vendor with the {kind} '{named}'{where}: name a vendor by its slug or id"
