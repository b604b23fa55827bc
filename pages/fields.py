"""Model fields the apps declare alike, written once.

``pages`` is the app every other one builds on (DESIGN.md), so the shared declaration lives here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from wagtail.images.models import AbstractImage

if TYPE_CHECKING:
    # A lazy gettext string, as django-stubs names it (the class exists only in the stubs).
    from django.utils.functional import _StrPromise

LibraryImageKey = models.ForeignKey[AbstractImage | None, AbstractImage | None]


def library_image(verbose_name: str | _StrPromise, help_text: str | _StrPromise) -> LibraryImageKey:
    """An optional picture from the Wagtail image library (a logo, a photo, a page's main image).

    Every image field of the site follows the same rule: deleting the image from the library
    empties the field instead of deleting the page or record that showed it, and the image gets
    no reverse accessor (``related_name="+"``), since nothing asks an image where it is used
    (Wagtail's reference index does that). One declaration keeps that rule the same everywhere;
    the migrations are unchanged, since the field is built exactly as before.
    """
    return models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=help_text,
    )
