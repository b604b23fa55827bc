"""Admin logout is POST only: a GET (an <img> on any page) must leave the session alone."""

from __future__ import annotations

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, django_user_model, settings):
    settings.OTP_REQUIRED = False
    user = django_user_model.objects.create_superuser("editor", "e@example.org", "pw-12345678")
    client.force_login(user)
    return client


def test_get_does_not_sign_out(signed_in):
    response = signed_in.get("/admin/logout/", {"next": "//evil.example"})
    assert response.status_code == 405
    cookie = response.cookies.get(settings.SESSION_COOKIE_NAME)
    assert cookie is None or cookie.value  # not deleted
    assert signed_in.get("/admin/").status_code == 200  # still signed in


def test_post_signs_out(signed_in):
    response = signed_in.post("/admin/logout/")
    assert response.status_code == 302
    assert signed_in.get("/admin/").status_code == 302  # to the sign-in page
