"""Admin sign-in lockout: per name+address and per address, identical for unknown names."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.LOGIN_FAILURES_PER_USER = 3
    settings.LOGIN_FAILURES_PER_IP = 6
    settings.RATELIMIT_ENABLED = True


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "e@example.org", "Right-pass-1")


def attempt(client, username: str, password: str = "wrong", ip: str = "10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def _strip_tokens(html: str) -> str:
    """Drop the per-request CSRF tokens (64 characters) before comparing pages."""
    return re.sub(r"[A-Za-z0-9]{64}", "", html)


def test_lockout_after_repeated_failures(client, editor):
    statuses = [attempt(client, "editor").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    locked = attempt(client, "editor", "Right-pass-1")  # even the right password is refused now
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) > 60
    assert "Too many failed sign-in attempts" in locked.content.decode()


def test_unknown_and_existing_names_are_answered_alike(client, editor):
    existing = [attempt(client, "editor", ip="10.0.0.2") for _ in range(4)]
    unknown = [attempt(client, "zz-unknown", ip="10.0.0.3") for _ in range(4)]
    assert (
        [r.status_code for r in existing]
        == [r.status_code for r in unknown]
        == [200, 200, 200, 429]
    )
    # The pages differ only in the name typed back into the form.
    assert _strip_tokens(existing[0].content.decode()).replace(
        'value="editor"', 'value="X"'
    ) == _strip_tokens(unknown[0].content.decode()).replace('value="zz-unknown"', 'value="X"')
    assert existing[-1].content == unknown[-1].content


def test_a_locked_name_can_still_sign_in_from_elsewhere(client, editor):
    for _ in range(3):
        attempt(client, "editor", ip="10.0.0.4")
    assert attempt(client, "editor", ip="10.0.0.4").status_code == 429
    ok = attempt(client, "editor", "Right-pass-1", ip="10.0.0.5")
    assert ok.status_code == 302


def test_one_address_spraying_names_is_locked(client, editor):
    statuses = [attempt(client, f"user{i}", ip="10.0.0.6").status_code for i in range(7)]
    assert statuses[:6] == [200] * 6 and statuses[6] == 429


def test_success_resets_the_name_counter(client, editor):
    for _ in range(2):
        attempt(client, "editor", ip="10.0.0.7")
    assert attempt(client, "editor", "Right-pass-1", ip="10.0.0.7").status_code == 302
    client.logout()
    assert [attempt(client, "editor", ip="10.0.0.7").status_code for _ in range(3)] == [200] * 3


def test_names_are_compared_case_insensitively(client, editor):
    for name in ("Editor", "EDITOR", " editor "):
        attempt(client, name, ip="10.0.0.8")
    assert attempt(client, "editor", ip="10.0.0.8").status_code == 429
