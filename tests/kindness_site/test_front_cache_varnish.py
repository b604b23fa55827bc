"""Varnish in front, with the VCL from ``deploy/varnish`` (issue #14, item 2).

Two ``runserver`` processes behind a real ``varnishd``; changes come from other processes, which
purge through ``wagtail.contrib.frontend_cache`` (``FRONTEND_CACHE_VARNISH_URL``). A publish must
show on the next request through Varnish, in both languages and on the listings above the page;
what is personal or signed-in never comes from Varnish; a purge that fails never fails a publish.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from .live_site import CLOSED_PORT, DEV_PORTS, PUBLISH, VARNISH_PORT, LiveSite, get

PURGE_ENV = {"FRONTEND_CACHE_VARNISH_URL": f"http://127.0.0.1:{VARNISH_PORT}"}
_titles = itertools.count(1)


@pytest.fixture(scope="module")
def varnish(dev_servers: LiveSite) -> Iterator[LiveSite]:
    dev_servers.varnish(VARNISH_PORT, DEV_PORTS)
    yield dev_servers


def through_varnish(path: str, headers: dict[str, str] | None = None):
    return get(VARNISH_PORT, path, headers)


def cached(path: str, headers: dict[str, str] | None = None):
    """Request ``path`` until Varnish answers from its cache (twice is enough)."""
    through_varnish(path, headers)
    response = through_varnish(path, headers)
    assert response.status == 200, response.body[:300]
    assert response.headers["X-Cache"] == "hit", f"{path} is not cached by Varnish"
    return response


def test_a_publish_from_another_process_purges_the_page_its_translation_and_listings(
    varnish: LiveSite,
) -> None:
    for path in ("/en/about/", "/it/about/", "/en/", "/it/"):
        cached(path)
    title = f"About through Varnish {next(_titles)}"
    varnish.publish_title(title, env=PURGE_ENV)

    page = through_varnish("/en/about/")
    assert f">{title}<" in page.body
    for path in ("/it/about/", "/en/", "/it/"):
        assert through_varnish(path).headers["X-Cache"] == "miss", f"{path} was not purged"


def test_a_scheduled_publish_shows_through_varnish_at_once(varnish: LiveSite) -> None:
    cached("/en/about/")
    title = f"Scheduled through Varnish {next(_titles)}"
    varnish.publish_title_on_schedule(title, env=PURGE_ENV)
    assert f">{title}<" in through_varnish("/en/about/").body


def test_a_failed_purge_is_logged_and_the_publish_still_succeeds(varnish: LiveSite) -> None:
    title = f"Published while the cache is down {next(_titles)}"
    result = varnish.shell(
        PUBLISH.format(title=title),
        env={"FRONTEND_CACHE_VARNISH_URL": f"http://127.0.0.1:{CLOSED_PORT}"},
    )
    assert "Could not purge http://localhost/en/about/" in result.stdout + result.stderr
    assert f">{title}<" in get(DEV_PORTS[0], "/en/about/").body


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/en/about/", {"Cookie": "sessionid=someone"}),
        ("/en/about/", {"Authorization": "Basic dXNlcjpwYXNz"}),
        ("/admin/login/", {}),
        ("/en/newsletter/confirm/not-a-real-signature/", {}),
        ("/en/newsletter/preferences/not-a-real-signature/", {}),
        ("/newsletter/u/not-a-real-token/", {}),
    ],
)
def test_signed_in_and_personal_requests_never_come_from_varnish(
    varnish: LiveSite, path: str, headers: dict[str, str]
) -> None:
    for _ in range(3):
        response = through_varnish(path, headers)
        assert response.headers["X-Cache"] != "hit"


def test_a_page_cached_for_http_never_answers_https(varnish: LiveSite) -> None:
    cached("/en/about/", {"X-Forwarded-Proto": "http"})
    secure = through_varnish("/en/about/", {"X-Forwarded-Proto": "https"})
    assert secure.headers["X-Cache"] == "miss"


def test_the_browsers_language_does_not_split_the_cache_of_a_language_url(
    varnish: LiveSite,
) -> None:
    cached("/en/about/", {"Accept-Language": "it"})
    assert through_varnish("/en/about/", {"Accept-Language": "en-GB"}).headers["X-Cache"] == "hit"
