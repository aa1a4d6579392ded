"""Read an import file, CSV or JSON Lines, into records (one per order) with their line numbers.

JSON Lines: one JSON object per line, as `POST /vendor/orders` takes an order plus the history
fields (import_schemas.py). CSV: a header naming those fields, one row per order; `lines` and
`refunds` hold their JSON list in the cell, an empty cell leaves a field out, and a `vendor` of
digits is an id. Line numbers are the file's physical lines (CSV: the header is line 1; a quoted
cell spanning lines counts from where its row starts); blank lines are skipped.

A file is refused as a whole (one 400, nothing read) when no row of it can be trusted: not UTF-8,
NUL bytes, broken CSV quoting, a CSV header without the required fields or with unknown ones, no
rows, too many. A line that is not a JSON object is a bad row like any other.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any, Literal

import msgspec

from kernel.errors import InvalidInputError, RowProblem
from modules.orders.import_schemas import MAX_IMPORT_ROWS, OrderRow

__all__ = ("FileFormat", "Record", "read_records")

FileFormat = Literal["csv", "jsonl"]
Record = tuple[int, dict[str, Any] | RowProblem]
"""A row's line and its fields, or why the line could not be read as a row."""

_FIRST = (
    "vendor",
    "external_id",
    "customer_email",
    "status",
    "currency",
    "total_cents",
    "lines",
    "placed_at",
)
_COLUMNS = tuple(
    sorted(
        (field.encode_name for field in msgspec.structs.fields(OrderRow)),
        key=lambda name: _FIRST.index(name) if name in _FIRST else len(_FIRST),  # the rest as declared
    )
)
_REQUIRED = tuple(f.encode_name for f in msgspec.structs.fields(OrderRow) if f.required)
_JSON_CELLS = ("lines", "refunds")


def read_records(content: bytes, file_format: FileFormat) -> list[Record]:
    text = _decoded(content)
    records = list(_csv_records(text) if file_format == "csv" else _json_records(text))
    if not records:
        raise InvalidInputError("file", "the file holds no orders: one order per line")
    if len(records) > MAX_IMPORT_ROWS:
        raise InvalidInputError(
            "file",
            f"the file holds {len(records)} orders, more than one import takes ({MAX_IMPORT_ROWS}): "
            "split it into files of at most that many (each is imported whole or not at all)",
        )
    return records


def _decoded(content: bytes) -> str:
    if b"\x00" in content:
        raise InvalidInputError("file", "the file contains NUL bytes: save it as UTF-8 text")
    try:
        return content.decode("utf-8-sig")  # the BOM spreadsheets write is dropped, not read as a column
    except UnicodeDecodeError as error:
        line = content.count(b"\n", 0, error.start) + 1
        raise InvalidInputError(
            "file", f"the file is not UTF-8 text (line {line}): save it as UTF-8"
        ) from None


def _json_records(text: str) -> Iterator[Record]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            yield number, RowProblem(number, "row", f"is not JSON ({error.msg}): one order object per line")
            continue
        if isinstance(value, dict):
            yield number, value
        else:
            yield number, RowProblem(number, "row", "is not a JSON object: one order object per line")


def _csv_records(text: str) -> Iterator[Record]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise InvalidInputError("file", "the file is empty: a header line first, then one order per line")
        columns = _checked_header([cell.strip() for cell in header])
        start = reader.line_num + 1
        for cells in reader:
            if any(cell.strip() for cell in cells):
                yield start, _csv_row(start, columns, cells)
            start = reader.line_num + 1
    except csv.Error as error:
        raise InvalidInputError(
            "file", f"the file is not valid CSV (line {reader.line_num}: {error}): check its quotes"
        ) from None


def _checked_header(columns: list[str]) -> list[str]:
    unknown = [name for name in columns if name not in _COLUMNS]
    if unknown:
        raise InvalidInputError(
            "file", f"the header names unknown columns ({', '.join(unknown)}): use {', '.join(_COLUMNS)}"
        )
    missing = [name for name in _REQUIRED if name not in columns]
    if missing:
        raise InvalidInputError("file", f"the header lacks the required columns {', '.join(missing)}")
    return columns


def _csv_row(line: int, columns: list[str], cells: list[str]) -> dict[str, Any] | RowProblem:
    if len(cells) != len(columns):
        return RowProblem(line, "row", f"has {len(cells)} cells for {len(columns)} columns")
    row: dict[str, Any] = {}
    for name, cell in zip(columns, cells, strict=True):
        value = cell.strip()
        if not value:
            continue
        if name in _JSON_CELLS:
            try:
                row[name] = json.loads(value)
            except ValueError:
                return RowProblem(line, name, "must be a JSON list, like [] or [{...}]")
        elif name == "vendor" and value.isascii() and value.isdigit():
            row[name] = int(value)
        else:
            row[name] = value
    return row
