"""Staff users per role, signed in through the admin's two-factor check like real staff."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from pages.models import StandardPage
from tests.conftest import publish_child


@pytest.fixture(autouse=True)
def _english_by_default(settings) -> None:
    """Start every test in the site's default language: a request to an Italian page made by
    an earlier test in the same process leaves Italian active in this thread."""
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def make_staff(db) -> Callable[..., object]:
    """``make_staff("Editors")``: a new staff member in the named groups, nothing else."""
    counter = {"n": 0}

    def make(*group_names: str, username: str | None = None):
        counter["n"] += 1
        user = get_user_model().objects.create_user(
            username=username or f"staff{counter['n']}",
            email=f"staff{counter['n']}@example.org",
            password="correct horse battery staple",
        )
        user.groups.set(Group.objects.filter(name__in=group_names))
        assert user.groups.count() == len(group_names), "a role group is missing"
        return user

    return make


def signed_in(user) -> Client:
    """A client signed in with a confirmed authenticator, as after the second factor."""
    client = Client()
    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def staff_client(make_staff) -> Callable[..., Client]:
    def make(*group_names: str) -> Client:
        client = signed_in(make_staff(*group_names))
        return client

    return make


@pytest.fixture
def about_page(home) -> StandardPage:
    return publish_child(home, StandardPage(title="About us", slug="about"))


@pytest.fixture
def chi_siamo(about_page, home_it, django_capture_on_commit_callbacks) -> StandardPage:
    """The Italian translation of ``about_page``, published."""
    page = about_page.copy_for_translation(home_it.locale)
    page.title = "Chi siamo"
    page.save_revision().publish()
    return page
