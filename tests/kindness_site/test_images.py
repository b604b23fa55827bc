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


def test_specs_cover_every_width_and_format_of_the_shapes_a_landscape_photo_is_shown_in():
    specs = responsive_specs(1800, 1200)
    assert "format-avif|width-480" in specs
    assert "format-jpeg|width-1600" in specs
    assert "format-webp|fill-800x533-c100" in specs  # 3:2 cards and heroes
    assert "format-avif|fill-1600x900-c100" in specs  # 16:9 across the page
    assert not any("x800-c100" in spec for spec in specs if "fill-640" in spec)  # no portrait
    assert len(specs) == 3 * (4 + 3 + 2) + 1


def test_a_portrait_photo_gets_the_portrait_crops_instead():
    specs = responsive_specs(800, 1000)
    assert "format-jpeg|fill-640x800-c100" in specs
    assert not any("fill-800x533" in spec for spec in specs)
    assert len(specs) == 3 * (4 + 2) + 1


def test_the_picture_partial_finds_every_rendition_made_ahead(django_capture_on_commit_callbacks):
    """Rendering after the upload task creates no rendition: the specs match the template's, in
    every shape that suits a landscape photo."""
    with django_capture_on_commit_callbacks(execute=True):
        image = make_image("Ahead")
    made = set(image.renditions.values_list("filter_spec", flat=True))
    for shape in ("", "natural", "landscape", "wide"):
        for eager in (False, True):
            render_to_string(
                "includes/picture.html",
                {"image": image, "alt": "", "sizes": "50vw", "eager": eager, "shape": shape},
            )
    assert set(image.renditions.values_list("filter_spec", flat=True)) == made


def test_a_cropped_picture_keeps_the_focal_point_in_frame():
    """fill-...-c100 crops around the focal point: a focal point at the left edge of a wide
    photo gives a 4:5 crop from the left, not the middle."""
    source = PILImage.new("RGB", (1800, 1200), (0, 0, 255))
    source.paste((255, 0, 0), (0, 0, 300, 1200))  # a red strip at the left edge only
    buffer = io.BytesIO()
    source.save(buffer, "JPEG")
    image = get_image_model().objects.create(
        title="Focus",
        file=ImageFile(buffer, name="focus.jpg"),
        focal_point_x=150,
        focal_point_y=600,
        focal_point_width=100,
        focal_point_height=100,
    )
    html = render_to_string(
        "includes/picture.html", {"image": image, "alt": "A face", "shape": "portrait"}
    )
    assert 'width="320"' in html and 'height="400"' in html and 'alt="A face"' in html
    assert "fill-640x800-c100" in html
    rendition = image.get_rendition("format-jpeg|fill-640x800-c100")
    with rendition.file.open() as file:
        pixel = PILImage.open(file).convert("RGB").getpixel((20, 400))
    assert isinstance(pixel, tuple)
    red, _green, blue = pixel
    assert red > 200 and blue < 60, "the crop is centred, not on the focal point"


def test_an_unknown_shape_fails_loudly():
    image = make_image("Typo")
    with pytest.raises(ValueError, match="no picture shape 'squre'"):
        render_to_string("includes/picture.html", {"image": image, "alt": "", "shape": "squre"})


def test_uploading_an_image_creates_its_renditions(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        image = make_image()
    assert image.renditions.count() == len(responsive_specs(image.width, image.height))


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
    assert image.renditions.count() == len(responsive_specs(image.width, image.height))


def test_task_ignores_a_deleted_image():
    assert generate_renditions.call(987654) == 0
