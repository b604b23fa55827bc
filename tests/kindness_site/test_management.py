"""load_demo_content (the site skeleton part) and create_dev_admin."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

from pages.models import HomePage, Menu

pytestmark = pytest.mark.django_db


def test_demo_content_builds_both_home_pages_and_is_idempotent(capsys):
    call_command("load_demo_content")
    first = capsys.readouterr().out
    assert "Demo content ready" in first
    homes = HomePage.objects.filter(depth=2)
    assert sorted(homes.values_list("locale__language_code", flat=True)) == ["en", "it"]
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific.locale.language_code == "en"
    assert Menu.objects.filter(locale__language_code="it", location="main").exists()
    revisions = {page.pk: page.latest_revision_id for page in Page.objects.all()}

    call_command("load_demo_content")
    second = capsys.readouterr().out
    assert " created" not in second and " updated" not in second and " translated" not in second
    assert revisions == {page.pk: page.latest_revision_id for page in Page.objects.all()}


def test_demo_home_pages_render(client):
    call_command("load_demo_content")
    assert "Movimento" in client.get("/it/").content.decode()
    assert client.get("/en/").status_code == 200


def test_create_dev_admin_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("create_dev_admin")


def test_create_dev_admin_creates_once_and_prints_credentials(settings, tmp_path, capsys):
    settings.DEBUG = True
    settings.VAR_DIR = tmp_path
    settings.OTP_REQUIRED = False
    call_command("create_dev_admin")
    password = (tmp_path / "dev-admin.txt").read_text().strip()
    out = capsys.readouterr().out
    assert f"password: {password}" in out
    assert "Two-factor sign-in is off" in out
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password(password)
    settings.OTP_REQUIRED = True
    call_command("create_dev_admin")
    assert (tmp_path / "dev-admin.txt").read_text().strip() == password
    assert "create_totp_device admin" in capsys.readouterr().out
