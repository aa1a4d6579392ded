"""Deterministic demo CMS data: a few pages per vendor and per platform (most published, at dates
spread over the seeded period), some media files and themes per vendor, one theme active each."""

from __future__ import annotations

from datetime import datetime, timedelta
from random import Random

from sqlalchemy import insert

from kernel.seeding import SeedContext
from modules.cms.models import ContentPage, MediaFile, Theme

__all__ = ("seed_cms",)

_VENDOR_PAGES = ("about", "shipping", "returns", "faq", "contact", "size-guide")
_PLATFORM_PAGES = ("terms", "privacy", "imprint", "help")
_MEDIA = (
    ("jpg", "image/jpeg", 2_500_000),
    ("png", "image/png", 800_000),
    ("pdf", "application/pdf", 400_000),
)
_THEMES = ("Classic", "Minimal", "Bold", "Seasonal")


def _page(rng: Random, now: datetime, days: int, slug: str, **owner: int) -> dict[str, object]:
    created = now - timedelta(days=days * rng.random())
    published = rng.random() < 0.75
    return {
        "vendor_id": owner.get("vendor_id"),
        "platform_id": owner.get("platform_id"),
        "slug": slug,
        "title": slug.replace("-", " ").title(),
        "body": f"The {slug.replace('-', ' ')} page.",
        "status": "published" if published else "draft",
        "created_at": created,
        "published_at": created + (now - created) * rng.random() if published else None,
    }


def seed_cms(context: SeedContext) -> None:
    rng, now, days = context.rng, context.now, context.size.days
    pages = [
        _page(rng, now, days, slug, platform_id=pid)
        for pid in context.platform_ids
        for slug in _PLATFORM_PAGES
    ]
    media: list[dict[str, object]] = []
    themes: list[dict[str, object]] = []
    for vendor in context.vendors:
        chosen = rng.sample(_VENDOR_PAGES, rng.randint(2, len(_VENDOR_PAGES)))
        pages.extend(_page(rng, now, days, slug, vendor_id=vendor.id) for slug in chosen)
        for number in range(rng.randint(3, 15)):
            extension, content_type, typical = rng.choice(_MEDIA)
            media.append(
                {
                    "vendor_id": vendor.id,
                    "filename": f"{vendor.slug}-{number + 1}.{extension}",
                    "content_type": content_type,
                    "size_bytes": int(typical * rng.uniform(0.2, 2.0)),
                    "created_at": now - timedelta(days=days * rng.random()),
                }
            )
        names = rng.sample(_THEMES, rng.randint(1, len(_THEMES)))
        active = rng.randrange(len(names))
        themes.extend(
            {
                "vendor_id": vendor.id,
                "name": name,
                "is_active": index == active,
                "created_at": now - timedelta(days=days * rng.random()),
            }
            for index, name in enumerate(names)
        )
    for model, rows in ((ContentPage, pages), (MediaFile, media), (Theme, themes)):
        if rows:
            context.connection.execute(insert(model), rows)
    context.counts.update(content_pages=len(pages), media_files=len(media), themes=len(themes))
