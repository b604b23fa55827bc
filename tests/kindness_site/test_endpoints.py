"""Language-neutral endpoints: health, robots, security.txt, error pages."""

import re
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.db.utils import OperationalError
from django.test import Client

BASE_URL = django_settings.BASE_URL

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_readyz_checks_database_and_cache(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "cache": "ok"}


def test_readyz_reports_a_broken_database_with_503(client):
    with mock.patch("kindness_site.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "error"


def test_readyz_reports_a_broken_cache_with_503(client):
    with mock.patch("kindness_site.views.cache.get", return_value=None):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "error"


def test_health_endpoints_refuse_post(client):
    assert client.post("/healthz").status_code == 405


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert f"Sitemap: {BASE_URL}/sitemap.xml" in body
    assert "Disallow: /admin/" in body


def test_security_txt_has_contact_and_a_future_expiry(client):
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    body = response.content.decode()
    assert re.search(r"^Contact: \S+", body, re.M)
    found = re.search(r"^Expires: (\S+)$", body, re.M)
    assert found is not None
    expires = found.group(1)
    when = datetime.fromisoformat(expires.replace("Z", "+00:00"))
    now = datetime.now(UTC)
    assert now < when < now + timedelta(days=365)


@pytest.mark.parametrize(
    ("language", "heading"), [("en", "Page not found"), ("it", "Pagina non trovata")]
)
def test_404_is_translated(client, site_tree, language, heading):
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert heading in html


def test_500_is_a_static_page(site_tree, settings):
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    client = Client(raise_request_exception=False)
    with mock.patch("kindness_site.search.clean_query", side_effect=RuntimeError("boom")):
        response = client.get("/en/search/?q=x")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert "Si è verificato un errore" in html
