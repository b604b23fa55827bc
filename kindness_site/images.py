"""Renditions made ahead of time, so no visitor waits for an image to be resized.

``templates/includes/picture.html`` asks for the renditions of a picture shape (``pages.pictures``);
a task makes those a source of its proportions is likely to be shown in when an image is uploaded
and when a page that uses images is published. The template tag would still
make a missing one on demand, so this is a speed-up, never a point of failure.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model
from django_tasks import task
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex

from pages.pictures import specs_for

EXTRA_SPECS = ("fill-1200x630",)  # Open Graph image


def responsive_specs(width: int, height: int) -> list[str]:
    """The filter specs the picture partial asks for in the shapes that suit a source of this
    size, spelled exactly as it asks for them, plus the social-image crop."""
    return [*specs_for(width, height), *EXTRA_SPECS]


@task()
def generate_renditions(image_id: int) -> int:
    """Create every responsive rendition of one image; returns how many specs were ensured."""
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:
        return 0
    specs = responsive_specs(image.width, image.height)
    image.get_renditions(*specs)
    return len(specs)


@task()
def generate_page_renditions(page_id: int) -> int:
    """Renditions for every image a published page uses; returns how many images it did."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return 0
    image_ids = image_ids_used_by(page.specific)
    for image_id in image_ids:
        generate_renditions.call(image_id)
    return len(image_ids)


def image_ids_used_by(obj: Model) -> list[int]:
    """Images an object refers to in fields, blocks and rich text.

    Scans the object itself (rather than reading the reference index, which Wagtail updates in
    its own task that may not have run yet).
    """
    content_type = ContentType.objects.get_for_model(get_image_model())
    found = ReferenceIndex._extract_references_from_object(obj)  # Wagtail's own scanner
    return sorted(
        {int(object_id) for type_id, object_id, *_ in found if type_id == content_type.pk}
    )


def on_image_saved(sender: type[Model], instance: Model, created: bool, **kwargs: object) -> None:
    if created:
        transaction.on_commit(lambda: generate_renditions.enqueue(instance.pk))


def on_page_published(sender: type[Page], instance: Page, **kwargs: object) -> None:
    transaction.on_commit(lambda: generate_page_renditions.enqueue(instance.pk))
