"""The shared rate-limit helper: windows, locks, the 429 answer, the kill switch."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import translation

from kindness_site.security import ratelimit


def test_hit_counts_within_a_window_and_resets_after_it():
    assert [ratelimit.hit("t", "a", 2, 60, now=1000.0) for _ in range(2)] == [None, None]
    assert ratelimit.hit("t", "a", 2, 60, now=1010.0) == 10  # window 960-1020 ends in 10 s
    assert ratelimit.hit("t", "b", 2, 60, now=1010.0) is None  # other identities are separate
    assert ratelimit.hit("t", "a", 2, 60, now=1021.0) is None  # next window


def test_odd_identities_make_valid_keys():
    for ident in ("x" * 10_000, "a b\nc", "\udcff", "é🙂", ""):
        assert ratelimit.hit("odd", ident, 5, 60) is None


def test_switched_off_for_load_tests(settings):
    settings.RATELIMIT_ENABLED = False
    assert all(ratelimit.hit("off", "a", 0, 60) is None for _ in range(5))


@pytest.mark.parametrize(
    ("language", "text"), [("en", "Too many requests"), ("it", "Troppe richieste")]
)
def test_decorator_answers_429_with_retry_after(rf: RequestFactory, language, text):
    @ratelimit.ratelimit("deco", lambda: 1, 60)
    def view(request):
        return HttpResponse("ok")

    with translation.override(language):
        assert view(rf.get("/")).status_code == 200  # reading is not counted
        assert view(rf.post("/")).status_code == 200
        response = view(rf.post("/"))
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response["Cache-Control"] == "no-store"
    assert text in response.content.decode()


def test_send_slots_share_the_limiter_storage_and_ignore_the_switch(settings, monkeypatch):
    """The provider's send rate is not a limit on visitors: RATELIMIT_ENABLED leaves it on."""
    settings.RATELIMIT_ENABLED = False
    # ratelimit's own import of the time module (not re-exported, hence the ignore).
    monkeypatch.setattr(ratelimit.time, "time", lambda: 1000.5)  # type: ignore[attr-defined]
    ratelimit.wait_for_send_slots(3, 1000)
    assert cache.get(f"{ratelimit.KEY_PREFIX}:send-rate:1000") == 3


def test_one_switch_turns_off_every_limit_of_the_site(client, settings, site_tree):
    """RATELIMIT_ENABLED=false lets the newsletter sign-up through past its per-address limit
    (it had a limiter of its own that ignored the switch; the load test overrode it by hand)."""
    settings.RATELIMIT_ENABLED = False
    settings.NEWSLETTER_SIGNUPS_PER_IP_PER_HOUR = 1
    statuses = {
        client.post("/en/newsletter/subscribe/", {"email": "nobody"}).status_code for _ in range(3)
    }
    assert 429 not in statuses
