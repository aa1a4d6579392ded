"""The signed-in vendor's media files (their metadata; the bytes are uploaded to storage elsewhere)."""

from __future__ import annotations

from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import JSONBody

from modules.cms.media_service import MediaService
from modules.cms.routes.params import DEFAULT_LIMIT, Limit, Offset
from modules.cms.schemas import MediaCreate, MediaOut, MediaPage

__all__ = ("MediaController",)


class MediaController(Controller):
    path = "/api/v1/vendor/cms/media"
    tags = ["cms"]

    @post("/", summary="Record a media file", sync_to_thread=True)
    def create_media(
        self,
        data: JSONBody[MediaCreate],
        current_vendor_id: NamedDependency[int],
        media_service: NamedDependency[MediaService],
    ) -> MediaOut:
        """Record a file the vendor has stored: its name, media type and size."""
        return media_service.create(current_vendor_id, data)

    @get("/", summary="List the vendor's media files", sync_to_thread=True)
    def list_media(
        self,
        current_vendor_id: NamedDependency[int],
        media_service: NamedDependency[MediaService],
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> MediaPage:
        """The vendor's media files, newest first."""
        return media_service.list(current_vendor_id, limit=limit, offset=offset)
