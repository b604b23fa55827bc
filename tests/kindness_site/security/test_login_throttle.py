"""Admin sign-in lockout (django-axes): per name+address only, identical for unknown names."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_ENABLED = True


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "e@example.org", "Right-pass-1")


def attempt(client, username: str, password: str = "wrong", ip: str = "10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def _strip_tokens(html: str) -> str:
    """Drop the per-request CSRF tokens (64 characters) before comparing pages."""
    return re.sub(r"[A-Za-z0-9]{64}", "", html)


def test_lockout_after_repeated_failures(client, editor):
    statuses = [attempt(client, "editor").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]  # the third failure locks
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
        == [200, 200, 429, 429]
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


def test_failures_under_other_names_never_refuse_correct_credentials(client, editor, settings):
    """#20 item 1: 30 failures under other names from one address (everyone behind one proxy is
    one address), then the editor's right password from that address signs in."""
    for i in range(30):
        assert attempt(client, f"user{i}", ip="10.0.0.6").status_code == 200
    assert attempt(client, "editor", "Right-pass-1", ip="10.0.0.6").status_code == 302


def test_behind_a_proxy_the_lock_is_per_real_client(client, editor, settings):
    """Behind one trusted proxy, a client that locked itself out does not lock out the editor
    coming through the same proxy, and rotating a forged header does not unlock it."""
    settings.TRUSTED_PROXY_COUNT = 1

    def through_proxy(client_address: str, password: str = "wrong", forged: str = ""):
        return client.post(
            LOGIN,
            {"username": "editor", "password": password},
            REMOTE_ADDR="10.1.1.1",
            HTTP_X_FORWARDED_FOR=f"{forged}{client_address}",
        )

    assert [through_proxy("203.0.113.5").status_code for _ in range(3)][-1] == 429
    assert through_proxy("203.0.113.5", "Right-pass-1", forged="198.51.100.1, ").status_code == 429
    assert through_proxy("203.0.113.6", "Right-pass-1").status_code == 302


def test_the_account_own_lock_stays(client, editor):
    """The lock earned by failures of that name from that address holds against the right
    password; it is the only lock there is."""
    for _ in range(3):
        attempt(client, "editor", ip="10.0.0.9")
    assert attempt(client, "editor", "Right-pass-1", ip="10.0.0.9").status_code == 429


def test_success_resets_the_name_counter(client, editor):
    for _ in range(2):
        attempt(client, "editor", ip="10.0.0.7")
    assert attempt(client, "editor", "Right-pass-1", ip="10.0.0.7").status_code == 302
    client.logout()
    assert [attempt(client, "editor", ip="10.0.0.7").status_code for _ in range(2)] == [200] * 2


def test_names_are_compared_case_insensitively(client, editor):
    for name in ("Editor", " EDITOR "):
        attempt(client, name, ip="10.0.0.8")
    assert attempt(client, "editor", ip="10.0.0.8").status_code == 429
