"""Record and list a vendor's media files: their metadata only, the bytes are stored elsewhere."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from kernel.clock import Clock
from kernel.contracts.ledger import LedgerWriter
from modules.cms.ledger_keys import new_media_changes
from modules.cms.models import MediaFile
from modules.cms.schemas import MediaCreate, MediaOut, MediaPage

__all__ = ("MediaService",)


def _media_out(media: MediaFile) -> MediaOut:
    return MediaOut(
        id=media.id,
        vendor_id=media.vendor_id,
        filename=media.filename,
        content_type=media.content_type,
        size_bytes=media.size_bytes,
        created_at=media.created_at,
    )


class MediaService:
    def __init__(self, sessions: sessionmaker[Session], clock: Clock, ledger: LedgerWriter) -> None:
        self._sessions = sessions
        self._clock = clock
        self._ledger = ledger

    def create(self, vendor_id: int, data: MediaCreate) -> MediaOut:
        """Media types are case-insensitive; the schema allows ASCII only, so lower-casing is safe."""
        with self._sessions.begin() as session:
            media = MediaFile(
                vendor_id=vendor_id,
                filename=data.filename,
                content_type=data.content_type.lower(),
                size_bytes=data.size_bytes,
                created_at=self._clock.now(),
            )
            session.add(media)
            session.flush()
            self._ledger.record(session, vendor_id, new_media_changes(media.size_bytes))
            return _media_out(media)

    def list(self, vendor_id: int, *, limit: int, offset: int) -> MediaPage:
        query = select(MediaFile).where(MediaFile.vendor_id == vendor_id)
        with self._sessions() as session:
            total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
            rows = session.scalars(
                query.order_by(MediaFile.created_at.desc(), MediaFile.id.desc()).limit(limit).offset(offset)
            )
            return MediaPage(items=[_media_out(m) for m in rows], total=total, limit=limit, offset=offset)
