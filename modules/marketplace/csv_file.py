"""Read an uploaded file into valid rows and row problems, or refuse it as a whole.

A file is refused as a whole (the job fails) when no row of it can be trusted: it is not UTF-8
text, holds NUL bytes, is not valid CSV, has no header or lacks a required column, has no data
rows, or has too many. Otherwise every data row is checked on its own: bad rows are reported with
their line number and reason and the good ones are staged.

Line numbers are the file's physical lines, header = line 1, so they match what an editor shows;
a quoted cell spanning lines is reported on the line where its row starts. Blank lines are skipped
and not counted as rows.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from modules.marketplace.rows import ProductRow, parse_row

__all__ = (
    "MAX_DATA_ROWS",
    "REQUIRED_COLUMNS",
    "FileContents",
    "RowProblem",
    "StagedRow",
    "UnusableFileError",
    "read_import_file",
)

MAX_DATA_ROWS = 10_000
REQUIRED_COLUMNS = ("sku", "title", "price")
KNOWN_COLUMNS = (*REQUIRED_COLUMNS, "quantity")


class UnusableFileError(ValueError):
    """The file as a whole cannot be imported; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class StagedRow:
    line: int
    product: ProductRow


@dataclass(frozen=True, slots=True)
class RowProblem:
    line: int
    reason: str


@dataclass(slots=True)
class FileContents:
    staged: list[StagedRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    rows_invalid: int = 0

    @property
    def rows_total(self) -> int:
        return len(self.staged) + self.rows_invalid


def _decode(content: bytes) -> str:
    if b"\x00" in content:
        raise UnusableFileError("the file contains NUL bytes: it is not CSV text; save it as 'CSV UTF-8'")
    try:
        return content.decode("utf-8-sig")  # the BOM spreadsheets write is dropped, not read as a column
    except UnicodeDecodeError as error:
        line = content.count(b"\n", 0, error.start) + 1
        raise UnusableFileError(
            f"the file is not UTF-8 text (line {line}, byte {error.start + 1}); save it as 'CSV UTF-8'"
        ) from None


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """`(line where the record starts, cells)` of every record that is not blank."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                yield start, cells
            start = reader.line_num + 1
    except csv.Error as error:
        raise UnusableFileError(
            f"the CSV is malformed in the row starting on line {start}: {error}"
        ) from None


def _columns(header: list[str]) -> dict[str, int]:
    names = [cell.strip().lower() for cell in header]
    columns: dict[str, int] = {}
    for index, name in enumerate(names):
        if name in KNOWN_COLUMNS and columns.setdefault(name, index) != index:
            raise UnusableFileError(f"the header names the column '{name}' twice")
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        hint = " (the file must be comma-separated)" if any(";" in n or "\t" in n for n in names) else ""
        raise UnusableFileError(
            f"the header lacks the required column(s) {', '.join(missing)}{hint}; "
            "it must name sku, title and price, and may name quantity"
        )
    return columns


def read_import_file(content: bytes) -> FileContents:
    records = _records(_decode(content))
    header = next(records, None)
    if header is None:
        raise UnusableFileError("the file is empty: it needs a header row naming sku, title and price")
    columns = _columns(header[1])
    width = len(header[1])
    contents = FileContents()
    first_seen: dict[str, int] = {}
    for line, cells in records:
        if contents.rows_total == MAX_DATA_ROWS:
            raise UnusableFileError(f"the file has more than {MAX_DATA_ROWS} data rows; split it")
        if len(cells) != width:
            reasons: tuple[str, ...] = (f"the row has {len(cells)} cells but the header has {width}",)
            product = None
        else:
            checked = parse_row({name: cells[index] for name, index in columns.items()})
            reasons, product = checked.reasons, checked.product
            if checked.sku is not None and (first := first_seen.setdefault(checked.sku, line)) != line:
                reasons, product = (*reasons, f"duplicate sku, first seen on line {first}"), None
        if product is None:
            contents.rows_invalid += 1
            contents.problems.extend(RowProblem(line, reason) for reason in reasons)
        else:
            contents.staged.append(StagedRow(line, product))
    if contents.rows_total == 0:
        raise UnusableFileError("the file has a header row but no data rows")
    return contents
