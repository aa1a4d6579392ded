"""Import a vendor's CSV file, and show its jobs, row problems and staged rows.

An upload is processed synchronously inside the request: files are small (at most
`MAX_FILE_BYTES`, `MAX_DATA_ROWS` rows) and the vendor wants the counts at once. The job still
goes through its states in separate commits (pending, running, then completed or failed), so an
async worker could take the `run` step over later without a change to the tables or the API.

Each step records what it changes in the ledger in its own commit: the upload counts the
import on its day; finishing the job (locked while it changes) records its new state minus its old.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from sqlalchemy import Select, func, insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from kernel.clock import Clock
from kernel.contracts.ledger import LedgerWriter
from kernel.errors import InvalidInputError, NotFoundError
from modules.marketplace.csv_file import FileContents, UnusableFileError, read_import_file
from modules.marketplace.ledger_keys import NEW_IMPORT, JobState, job_changes
from modules.marketplace.models import (
    MAX_ERROR_LENGTH,
    MAX_FILENAME_LENGTH,
    ImportJob,
    ImportRowError,
    StagingProduct,
)
from modules.marketplace.schemas import (
    ImportJobOut,
    ImportJobPage,
    JobStatus,
    RowErrorOut,
    RowErrorPage,
    StagingProductOut,
    StagingProductPage,
)

__all__ = ("MAX_FILE_BYTES", "ImportService", "clean_filename", "owned_job")

MAX_FILE_BYTES = 5 * 1024 * 1024
_DEFAULT_FILENAME = "import.csv"


def clean_filename(name: str | None) -> str:
    """The name the vendor's computer gave the file, without its folders or control characters."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    printable = "".join(c for c in base if unicodedata.category(c)[0] != "C").strip()
    return printable[:MAX_FILENAME_LENGTH] or _DEFAULT_FILENAME


def owned_job(session: Session, vendor_id: int, job_id: int) -> ImportJob:
    """The vendor's job; another vendor's is "not found", so its existence is not revealed."""
    job = session.get(ImportJob, (vendor_id, job_id))
    if job is None:
        raise NotFoundError(f"import {job_id} not found")
    return job


def _count(session: Session, query: Select[Any]) -> int:
    return session.scalar(select(func.count()).select_from(query.subquery())) or 0


class ImportService:
    def __init__(self, sessions: sessionmaker[Session], clock: Clock, ledger: LedgerWriter) -> None:
        self._sessions = sessions
        self._clock = clock
        self._ledger = ledger

    def upload(self, vendor_id: int, filename: str | None, content: bytes) -> ImportJobOut:
        """Refuse what needs no job to decide (an empty or oversized upload), then import the file."""
        if not content:
            raise InvalidInputError("file", "the file is empty: upload a CSV with a header row and rows")
        if len(content) > MAX_FILE_BYTES:
            raise InvalidInputError("file", f"the file is larger than {MAX_FILE_BYTES // 1024 // 1024} MB")
        with self._sessions.begin() as session:
            job = ImportJob(
                vendor_id=vendor_id,
                filename=clean_filename(filename),
                status="pending",
                rows_total=0,
                rows_valid=0,
                rows_invalid=0,
                created_at=self._clock.now(),
            )
            session.add(job)
            session.flush()
            self._ledger.record(session, vendor_id, NEW_IMPORT, at=job.created_at)
            job_id = job.id
        return self.run(vendor_id, job_id, content)

    def run(self, vendor_id: int, job_id: int, content: bytes) -> ImportJobOut:
        """Check a pending job's file and store the outcome: staged rows and row errors, or why not."""
        job = (vendor_id, job_id)  # its key: every statement names the vendor
        with self._sessions.begin() as session:
            running = update(ImportJob).where(ImportJob.vendor_id == vendor_id, ImportJob.id == job_id)
            session.execute(running.values(status="running"))
        try:
            contents = read_import_file(content)
        except UnusableFileError as error:
            return self._fail(job, str(error))
        return self._complete(job, contents)

    def _fail(self, key: tuple[int, int], error: str) -> ImportJobOut:
        with self._sessions.begin() as session:
            job = session.get_one(ImportJob, key, with_for_update=True)
            before = JobState.of(job)
            job.status, job.error, job.finished_at = "failed", error[:MAX_ERROR_LENGTH], self._clock.now()
            self._ledger.record(session, job.vendor_id, job_changes(before, JobState.of(job)))
            return ImportJobOut.of(job)

    def _complete(self, key: tuple[int, int], contents: FileContents) -> ImportJobOut:
        job_id = key[1]
        with self._sessions.begin() as session:
            job = session.get_one(ImportJob, key, with_for_update=True)
            before = JobState.of(job)
            if contents.staged:
                session.execute(
                    insert(StagingProduct),
                    [
                        {
                            "job_id": job_id,
                            "vendor_id": job.vendor_id,
                            "sku": row.product.sku,
                            "title": row.product.title,
                            "price_cents": row.product.price_cents,
                            "quantity": row.product.quantity,
                            "line": row.line,
                            "status": "staged",
                        }
                        for row in contents.staged
                    ],
                )
            if contents.problems:
                session.execute(
                    insert(ImportRowError),
                    [
                        {"job_id": job_id, "vendor_id": job.vendor_id, "line": p.line, "reason": p.reason}
                        for p in contents.problems
                    ],
                )
            job.status, job.finished_at = "completed", self._clock.now()
            job.rows_total, job.rows_valid = contents.rows_total, len(contents.staged)
            job.rows_invalid = contents.rows_invalid
            self._ledger.record(session, job.vendor_id, job_changes(before, JobState.of(job)))
            return ImportJobOut.of(job)

    def list(self, vendor_id: int, *, status: JobStatus | None, limit: int, offset: int) -> ImportJobPage:
        query = select(ImportJob).where(ImportJob.vendor_id == vendor_id)
        if status is not None:
            query = query.where(ImportJob.status == status)
        with self._sessions() as session:
            jobs = session.scalars(
                query.order_by(ImportJob.created_at.desc(), ImportJob.id.desc()).limit(limit).offset(offset)
            )
            items = [ImportJobOut.of(job) for job in jobs]
            return ImportJobPage(items=items, total=_count(session, query), limit=limit, offset=offset)

    def get(self, vendor_id: int, job_id: int) -> ImportJobOut:
        with self._sessions() as session:
            return ImportJobOut.of(owned_job(session, vendor_id, job_id))

    def errors(self, vendor_id: int, job_id: int, *, limit: int, offset: int) -> RowErrorPage:
        """The job's row problems in file order."""
        query = select(ImportRowError).where(
            ImportRowError.vendor_id == vendor_id, ImportRowError.job_id == job_id
        )
        with self._sessions() as session:
            owned_job(session, vendor_id, job_id)
            found = session.scalars(
                query.order_by(ImportRowError.line, ImportRowError.id).limit(limit).offset(offset)
            )
            items = [RowErrorOut.of(error) for error in found]
            return RowErrorPage(items=items, total=_count(session, query), limit=limit, offset=offset)

    def rows(self, vendor_id: int, job_id: int, *, limit: int, offset: int) -> StagingProductPage:
        """The job's staged rows in file order, for the vendor to review before approving."""
        query = select(StagingProduct).where(
            StagingProduct.vendor_id == vendor_id, StagingProduct.job_id == job_id
        )
        with self._sessions() as session:
            owned_job(session, vendor_id, job_id)
            found = session.scalars(query.order_by(StagingProduct.line).limit(limit).offset(offset))
            items = [StagingProductOut.of(row) for row in found]
            return StagingProductPage(items=items, total=_count(session, query), limit=limit, offset=offset)
