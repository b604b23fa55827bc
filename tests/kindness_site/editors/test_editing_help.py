"""Editing help: alt text required with guidance, the site's content checks, search promotions."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form

from kindness_site.editors.content_checks import (
    EXTRA_AXE_RULES,
    SiteContentChecker,
    use_site_content_checker,
)
from kindness_site.editors.roles import EDITORS, NEWSLETTER_SENDERS

from .conftest import signed_in

pytestmark = pytest.mark.django_db

# A one-pixel transparent GIF.
GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,"
    b"\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


def upload(client, description: str | None):
    data = {"title": "Garden", "file": SimpleUploadedFile("garden.gif", GIF, "image/gif")}
    if description is not None:
        data["description"] = description
    return client.post(reverse("wagtailimages:add"), data)


def test_image_form_requires_alt_text_with_guidance():
    form = get_image_form(get_image_model())()
    field = form.fields["description"]
    assert field.required
    assert field.label == "Alt text"
    assert "Do not start with" in str(field.help_text)


def test_upload_without_alt_text_is_refused_with_a_clear_message(make_staff):
    client = signed_in(make_staff(EDITORS))
    response = upload(client, "")
    assert response.status_code == 200
    assert "Write the alt text" in response.content.decode()
    assert not get_image_model().objects.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [("IMG_2041.jpg", "looks like a file name"), ("Image of pupils", "Leave out")],
)
def test_unhelpful_alt_text_is_refused(make_staff, text, message):
    response = upload(signed_in(make_staff(EDITORS)), text)
    assert message in response.content.decode()
    assert not get_image_model().objects.exists()


def test_upload_with_alt_text_is_saved(make_staff):
    response = upload(signed_in(make_staff(EDITORS)), "Pupils planting trees in the garden")
    assert response.status_code == 302
    assert get_image_model().objects.get().description == "Pupils planting trees in the garden"


def test_bulk_uploader_first_step_accepts_the_file_alone(make_staff):
    form_class = get_image_form(get_image_model())
    form = form_class(
        {"title": "Garden"},
        {"file": SimpleUploadedFile("garden.gif", GIF, "image/gif")},
        user=make_staff(EDITORS),
    )
    assert "description" not in form.errors


def test_userbar_hook_swaps_in_the_site_checker():
    items: list = [ContentCheckerItem(in_editor=True)]
    use_site_content_checker(RequestFactory().get("/"), items, None)
    assert isinstance(items[0], SiteContentChecker)
    assert items[0].in_editor
    config = items[0].get_axe_configuration(RequestFactory().get("/"))
    run_only = config["options"]["runOnly"]
    for rule in ("empty-meta-description", "alt-text-quality", "heading-order", *EXTRA_AXE_RULES):
        assert rule in run_only


def test_editor_checks_panel_uses_the_site_rules(make_staff, about_page):
    html = signed_in(make_staff(EDITORS)).get(
        reverse("wagtailadmin_pages:edit", args=[about_page.pk])
    )
    content = html.content.decode()
    assert html.status_code == 200
    assert "image-redundant-alt" in content  # in the Checks panel's axe configuration
    assert "Readability" in content


def test_search_promotions_menu_is_shown_to_editors_only(make_staff, home):
    url = reverse("wagtailsearchpromotions:index")
    assert signed_in(make_staff(EDITORS)).get(url).status_code == 200
    assert signed_in(make_staff(NEWSLETTER_SENDERS)).get(url).status_code in (302, 403)
