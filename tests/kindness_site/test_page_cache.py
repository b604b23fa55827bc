"""The anonymous page cache: hits cost no query, and every kind of change invalidates it."""

import pytest

from pages.models import Area, Menu, SiteSettings, StandardPage
from tests.conftest import publish_child

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _enable_cache(settings):
    settings.PAGE_CACHE_ENABLED = True


@pytest.fixture
def about(site_tree):
    return publish_child(site_tree["en"], StandardPage(title="About us", slug="about"))


def _get(client, url="/en/about/"):
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_second_anonymous_request_is_a_hit_without_queries(
    client, about, django_assert_num_queries
):
    first = _get(client)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = _get(client)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_cacheable_pages_carry_cdn_headers(client, about):
    cache_control = _get(client)["Cache-Control"]
    assert "public" in cache_control
    assert "s-maxage=600" in cache_control
    assert "stale-while-revalidate=60" in cache_control


def test_publishing_invalidates(client, about):
    _get(client)
    about.title = "About the movement"
    about.save_revision().publish()
    response = _get(client)
    assert response["X-Page-Cache"] == "miss"
    assert b"About the movement" in response.content


def test_saving_a_draft_keeps_the_cached_page(client, about):
    _get(client)
    about.title = "Draft title"
    about.save_revision()
    response = _get(client)
    assert response["X-Page-Cache"] == "hit"
    assert b"Draft title" not in response.content


def test_unpublishing_invalidates(client, about):
    _get(client)
    about.unpublish()
    assert client.get("/en/about/").status_code == 404


def test_deleting_invalidates(client, about):
    _get(client)
    about.delete()
    assert client.get("/en/about/").status_code == 404


def test_moving_invalidates(client, site_tree, about):
    parent = publish_child(site_tree["en"], StandardPage(title="Section", slug="section"))
    _get(client)
    about.move(parent, pos="last-child")
    old = client.get("/en/about/")
    assert old.status_code == 301  # Wagtail's automatic redirect, not the cached page
    assert old["Location"].endswith("/en/section/about/")
    assert _get(client, "/en/section/about/")["X-Page-Cache"] == "miss"


def test_menu_snippet_change_invalidates(client, about, locales):
    _get(client)
    Menu.objects.create(
        location="main",
        locale=locales["en"],
        live=True,
        items=[{"type": "url", "value": {"url": "https://example.org/", "label": "Partner"}}],
    )
    response = _get(client)
    assert response["X-Page-Cache"] == "miss"
    assert b"Partner" in response.content


def test_site_settings_change_invalidates(client, about):
    _get(client)
    settings_row = SiteSettings.objects.get()
    settings_row.contact_email = "new@example.org"
    settings_row.save()
    assert b"new@example.org" in _get(client).content


def test_area_taxonomy_change_invalidates(client, about, locales):
    _get(client)
    Area.objects.create(
        name="Health", slug="health", colour="rose", icon="heart", locale=locales["en"]
    )
    assert _get(client)["X-Page-Cache"] == "miss"


def test_translation_published_invalidates_both_languages(client, about, locales):
    _get(client)
    translation = about.copy_for_translation(locales["it"])
    translation.title = "Chi siamo"
    translation.save_revision().publish()
    html = _get(client).content.decode()
    assert 'hreflang="it"' in html


def test_logged_in_editors_are_never_served_or_stored(client, about, admin_user):
    _get(client)  # anonymous version cached
    client.force_login(admin_user)
    response = _get(client)
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_pages_with_csrf_forms_are_not_cached(client, about, monkeypatch):
    from django.middleware.csrf import get_token

    from pages.models import StandardPage as Model

    original = Model.serve

    def serve_with_form(self, request, *args, **kwargs):
        get_token(request)
        return original(self, request, *args, **kwargs)

    monkeypatch.setattr(Model, "serve", serve_with_form)
    first = _get(client)
    assert "X-Page-Cache" not in first
    assert "no-store" in first["Cache-Control"]
    assert _get(client).get("X-Page-Cache") is None


def test_search_and_admin_are_not_cached(client, site_tree):
    for _ in range(2):
        assert "X-Page-Cache" not in client.get("/en/search/?q=kind")
        assert "X-Page-Cache" not in client.get("/admin/login/")


def test_disabled_cache_serves_fresh_pages(client, about, settings):
    settings.PAGE_CACHE_ENABLED = False
    assert "X-Page-Cache" not in _get(client)


def test_a_page_cached_for_http_never_answers_https(client, about, settings):
    """Issue #20, item 6: the key holds the scheme (a page rendered for http:// carries http://
    links and canonical URLs)."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Behind the TLS terminator both arrive with the same Host header.
    http = {"Host": "testserver"}
    https = {**http, "X-Forwarded-Proto": "https"}
    assert client.get("/en/about/", headers=http)["X-Page-Cache"] == "miss"
    assert client.get("/en/about/", headers=http)["X-Page-Cache"] == "hit"
    assert client.get("/en/about/", headers=https)["X-Page-Cache"] == "miss"
    assert client.get("/en/about/", headers=https)["X-Page-Cache"] == "hit"
