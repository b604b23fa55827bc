"""Upload limits for images and documents; SVG is never accepted, documents never shown inline."""

from __future__ import annotations

import io

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.models import Collection

pytestmark = pytest.mark.django_db

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.domain)">'
    b"<script>alert(1)</script></svg>"
)


def png_bytes(width: int = 20, height: int = 20) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), "red").save(buffer, "PNG")
    return buffer.getvalue()


def image_form(upload: SimpleUploadedFile):
    form_class = get_image_form(get_image_model())
    return form_class(
        data={
            "title": "Test",
            "description": "Red square",
            "collection": Collection.get_first_root_node().pk,
        },
        files={"file": upload},
    )


def document_form(upload: SimpleUploadedFile):
    form_class = get_document_form(get_document_model())
    return form_class(
        data={"title": "Test", "collection": Collection.get_first_root_node().pk},
        files={"file": upload},
    )


def test_configured_limits():
    assert "svg" not in django_settings.WAGTAILIMAGES_EXTENSIONS
    assert "svg" not in django_settings.WAGTAILDOCS_EXTENSIONS
    assert "html" not in django_settings.WAGTAILDOCS_EXTENSIONS
    assert django_settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    assert django_settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 20 * 1024 * 1024
    assert django_settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000
    assert django_settings.WAGTAILDOCS_INLINE_CONTENT_TYPES == []


def test_a_normal_image_is_accepted():
    form = image_form(SimpleUploadedFile("red.png", png_bytes(), "image/png"))
    assert "file" not in form.errors


@pytest.mark.parametrize("name", ["logo.svg", "logo.png"])
def test_svg_images_are_refused_whatever_their_name(name):
    form = image_form(SimpleUploadedFile(name, SVG, "image/svg+xml"))
    assert "file" in form.errors


def test_images_over_the_size_limit_are_refused(settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024
    form = image_form(
        SimpleUploadedFile("big.png", png_bytes(400, 400) + b"\0" * 2048, "image/png")
    )
    assert "file" in form.errors


def test_images_over_the_pixel_limit_are_refused(settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100
    form = image_form(SimpleUploadedFile("wide.png", png_bytes(50, 50), "image/png"))
    assert "file" in form.errors


def test_svg_and_html_documents_are_refused():
    for name, body in (("x.svg", SVG), ("x.html", b"<script>alert(1)</script>")):
        form = document_form(SimpleUploadedFile(name, body, "text/html"))
        assert "file" in form.errors, name


def test_documents_over_the_size_limit_are_refused(settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 100
    form = document_form(SimpleUploadedFile("big.txt", b"x" * 500, "text/plain"))
    assert "file" in form.errors


@pytest.mark.parametrize(("name", "body"), [("notes.txt", b"hello"), ("report.pdf", b"%PDF-1.4\n")])
def test_documents_are_always_downloaded_never_shown_inline(client, site_tree, name, body):
    document = get_document_model().objects.create(
        title="Doc",
        file=SimpleUploadedFile(name, body),
        collection=Collection.get_first_root_node(),
    )
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
