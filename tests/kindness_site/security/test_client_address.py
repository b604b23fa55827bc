"""The client's address behind 0, 1 and 2 trusted proxies, with forged X-Forwarded-For headers.

Each proxy appends the address it received the connection from; the client can send any header it
likes first. Whatever the client forges, the address used is the one the outermost trusted proxy
saw.
"""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.test import RequestFactory

from kindness_site.security.client_address import client_ip
from kindness_site.security.request_id import RequestContextFilter

CLIENT = "203.0.113.7"
FORGED = "198.51.100.66"
OUTER_PROXY = "10.0.0.1"
INNER_PROXY = "10.0.0.2"


def request_through(rf: RequestFactory, forwarded: str | None, remote: str):
    headers: dict[str, Any] = {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}
    return rf.get("/", REMOTE_ADDR=remote, **headers)


@pytest.mark.parametrize("forged", [None, FORGED, f"{FORGED}, 127.0.0.1", "garbage, ::1"])
def test_no_trusted_proxy_uses_the_peer_and_ignores_the_header(rf, settings, forged):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request_through(rf, forged, CLIENT)) == CLIENT


@pytest.mark.parametrize("forged", ["", f"{FORGED}, ", f"{FORGED}, 127.0.0.1, ", "junk, "])
def test_one_proxy_takes_the_entry_it_appended(rf, settings, forged):
    settings.TRUSTED_PROXY_COUNT = 1
    request = request_through(rf, f"{forged}{CLIENT}", OUTER_PROXY)
    assert client_ip(request) == CLIENT


@pytest.mark.parametrize("forged", ["", f"{FORGED}, ", f"{FORGED}, {OUTER_PROXY}, "])
def test_two_proxies_take_the_entry_the_outer_one_appended(rf, settings, forged):
    settings.TRUSTED_PROXY_COUNT = 2
    request = request_through(rf, f"{forged}{CLIENT}, {OUTER_PROXY}", INNER_PROXY)
    assert client_ip(request) == CLIENT


def test_fewer_hops_than_configured_use_the_left_most_proxy_written_entry(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request_through(rf, CLIENT, OUTER_PROXY)) == CLIENT
    assert client_ip(request_through(rf, None, OUTER_PROXY)) == OUTER_PROXY


def test_garbage_where_the_client_should_be_falls_back_to_the_peer(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request_through(rf, "not-an-address", OUTER_PROXY)) == OUTER_PROXY
    assert client_ip(request_through(rf, "2001:DB8::1", OUTER_PROXY)) == "2001:db8::1"


@pytest.mark.parametrize("proxies", [0, 1, 2])
def test_rate_limits_count_the_real_client_and_forged_headers_do_not_escape(
    client, settings, site_tree, proxies
):
    """Rotating a forged X-Forwarded-For never gives a client a fresh newsletter sign-up limit."""
    settings.TRUSTED_PROXY_COUNT = proxies
    settings.NEWSLETTER_SIGNUPS_PER_IP_PER_HOUR = 2
    chain = [CLIENT, OUTER_PROXY][: max(0, proxies - 1) + 1] if proxies else []
    remote = [CLIENT, OUTER_PROXY, INNER_PROXY][proxies]
    statuses = []
    for n in range(4):
        forwarded = ", ".join([f"198.51.100.{n}", *chain])
        response = client.post(
            "/en/newsletter/subscribe/",
            {"email": "nobody"},
            REMOTE_ADDR=remote,
            HTTP_X_FORWARDED_FOR=forwarded,
        )
        statuses.append(response.status_code)
    assert statuses[-1] == 429
    # Another real client behind the same proxies still has its own limit.
    other = client.post(
        "/en/newsletter/subscribe/",
        {"email": "nobody"},
        REMOTE_ADDR=remote,
        HTTP_X_FORWARDED_FOR=", ".join(["192.0.2.99", *chain[1:]]) if proxies else "",
    )
    if proxies:
        assert other.status_code != 429


def test_access_log_lines_carry_the_client_address(client, settings, caplog):
    settings.TRUSTED_PROXY_COUNT = 1
    caplog.set_level(logging.INFO, logger="kindness_site.access")
    caplog.handler.addFilter(RequestContextFilter())
    client.get("/healthz", REMOTE_ADDR=OUTER_PROXY, HTTP_X_FORWARDED_FOR=f"{FORGED}, {CLIENT}")
    line = next(r for r in caplog.records if r.name == "kindness_site.access")
    assert line.client_ip == CLIENT
