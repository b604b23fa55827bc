"""Renditions are made in a task on upload and on publish, not on a visitor's first request."""

import io

import pytest
from django.core.files.images import ImageFile
from django.template.loader import render_to_string
from PIL import Image as PILImage
from wagtail.images import get_image_model

from kindness_site.images import generate_renditions, image_ids_used_by, responsive_specs
from pages.models import StandardPage
from tests.conftest import publish_child

pytestmark = pytest.mark.django_db


def make_image(title: str = "Kind hands"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (1800, 1200), (200, 80, 120)).save(buffer, "JPEG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(buffer, name=f"{title}.jpg")
    )


def test_specs_cover_every_width_and_format_of_the_picture_partial():
    specs = responsive_specs()
    assert "format-avif|width-480" in specs
    assert "format-jpeg|width-1600" in specs
    assert len(specs) == 4 * 3 + 1


def test_the_picture_partial_finds_every_rendition_made_ahead(django_capture_on_commit_callbacks):
    """Rendering after the upload task creates no rendition: the specs match the template's."""
    with django_capture_on_commit_callbacks(execute=True):
        image = make_image("Ahead")
    made = set(image.renditions.values_list("filter_spec", flat=True))
    for eager in (False, True):
        render_to_string(
            "includes/picture.html", {"image": image, "alt": "", "sizes": "50vw", "eager": eager}
        )
    assert set(image.renditions.values_list("filter_spec", flat=True)) == made


def test_uploading_an_image_creates_its_renditions(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        image = make_image()
    assert image.renditions.count() == len(responsive_specs())


def test_publishing_a_page_creates_renditions_of_the_images_it_uses(
    home, django_capture_on_commit_callbacks
):
    image = make_image()
    image.renditions.all().delete()
    page = StandardPage(
        title="Gallery",
        slug="gallery",
        body=[{"type": "image", "value": {"image": image.pk, "alt_text": "Hands", "caption": ""}}],
    )
    assert image_ids_used_by(page) == [image.pk]
    with django_capture_on_commit_callbacks(execute=True):
        publish_child(home, page)
    assert image.renditions.count() == len(responsive_specs())


def test_task_ignores_a_deleted_image():
    assert generate_renditions.call(987654) == 0
