"""Documents are reachable only through Wagtail's serve view, never raw under /media/.

A document in a private collection used to be served inline at /media/documents/<name> by
whatever served MEDIA_ROOT (runserver here; a reverse proxy in production), bypassing the
collection's privacy, the forced download and the ``default-src 'none'`` policy.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import clear_url_caches
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from kindness_site.security.storage import is_document

pytestmark = pytest.mark.django_db


def reload_urls() -> None:
    import kindness_site.urls

    importlib.reload(kindness_site.urls)
    clear_url_caches()


@pytest.fixture
def dev_media(settings):
    """The embedded default: runserver serves MEDIA_ROOT at /media/."""
    settings.SERVE_MEDIA = True
    reload_urls()
    yield
    settings.SERVE_MEDIA = False
    reload_urls()


@pytest.fixture
def private_document(site_tree):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Board papers")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    return get_document_model().objects.create(
        title="Minutes",
        file=SimpleUploadedFile("evil.txt", b"<script>alert(1)</script>"),
        collection=private,
    )


def test_the_file_is_not_under_the_public_media_root(private_document):
    """So no proxy, CDN or whitenoise serving MEDIA_ROOT can ever hand it out."""
    name = private_document.file.name
    assert not (Path(django_settings.MEDIA_ROOT) / name).exists()
    assert (Path(django_settings.PRIVATE_MEDIA_ROOT) / name).exists()
    assert private_document.file.read().startswith(b"<script>")


@pytest.mark.parametrize(
    "template",
    [
        "/media/{name}",
        "/media/images/../{name}",
        "/media/images/%2e%2e/{name}",
        "/media/Documents/{base}",
        "/media//{name}",
    ],
)
def test_media_urls_never_serve_a_document(client, dev_media, private_document, template):
    name = private_document.file.name
    url = template.format(name=name, base=name.split("/", 1)[1])
    response = client.get(url)
    assert response.status_code == 404
    assert b"<script>" not in b"".join(getattr(response, "streaming_content", [response.content]))


def test_other_uploads_are_still_served_in_the_embedded_default(client, dev_media):
    image = Path(django_settings.MEDIA_ROOT) / "images" / "pixel.txt"
    image.parent.mkdir(parents=True, exist_ok=True)
    image.write_bytes(b"ok")
    assert client.get("/media/images/pixel.txt").status_code == 200


def test_the_serve_view_checks_privacy_and_forces_a_download(
    client, django_user_model, private_document, settings
):
    settings.OTP_REQUIRED = False
    anonymous = client.get(private_document.url)
    assert anonymous.status_code == 302  # to the sign-in page of the private collection
    client.force_login(django_user_model.objects.create_user("reader", "r@example.org", "pw"))
    response = client.get(private_document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "default-src 'none'"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("documents/a.pdf", True),
        ("Documents/a.pdf", True),
        ("images/../documents/a.pdf", True),
        ("/documents/a.pdf", True),
        ("documents\\a.pdf", True),
        ("images/a.png", False),
        ("documentsX/a.pdf", False),
    ],
)
def test_is_document(name, expected):
    assert is_document(name) is expected
