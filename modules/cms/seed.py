"""Deterministic demo CMS data: a few pages per vendor and per platform (most published, at dates
spread over the seeded period), some media files and themes per vendor, one theme active each."""

from __future__ import annotations

from datetime import datetime, timedelta
from random import Random

from sqlalchemy import func, select

from contracts.seeding import SeedContext, SeedPart
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
_VENDORS_PER_PART = 500

Row = dict[str, object]


def _page(rng: Random, now: datetime, days: int, slug: str, **owner: int) -> Row:
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


def _vendor_rows(context: SeedContext, part: SeedPart) -> tuple[list[Row], list[Row], list[Row]]:
    rng, now, days = part.rng, context.now, context.size.days
    pages: list[Row] = []
    media: list[Row] = []
    themes: list[Row] = []
    for vendor in context.vendors[part.start : part.stop]:
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
    return pages, media, themes


def seed_cms(context: SeedContext) -> None:
    for part in context.parts("cms-platforms", total=1, per_part=1):
        pages = [
            _page(part.rng, context.now, context.size.days, slug, platform_id=pid)
            for pid in context.platform_ids
            for slug in _PLATFORM_PAGES
        ]
        part.bulk(ContentPage, pages)
    for part in context.parts("cms-vendors", total=len(context.vendors), per_part=_VENDORS_PER_PART):
        for model, rows in zip((ContentPage, MediaFile, Theme), _vendor_rows(context, part), strict=True):
            part.bulk(model, rows)
    counted = (
        context.read(select(func.count()).select_from(m))[0][0] for m in (ContentPage, MediaFile, Theme)
    )
    context.counts.update(zip(("content_pages", "media_files", "themes"), counted, strict=True))
