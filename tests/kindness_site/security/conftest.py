"""Fixtures for the security tests: production's HTTPS settings, the demo site, its public URLs."""

from __future__ import annotations

import importlib.util

import pytest
from django.core.management import call_command
from wagtail.models import Page

PRODUCTION_PREFIXES = (
    "SECURE_",
    "SESSION_COOKIE_",
    "CSRF_COOKIE_",
    "X_FRAME_OPTIONS",
    "PERMISSIONS_POLICY",
    "ADMIN_CSP",
)


@pytest.fixture
def production_security(settings, monkeypatch):
    """Apply the security settings of ``kindness_site.settings.production`` as they are, so the
    tests score what production sends (TLS assumed), not a copy of it."""
    monkeypatch.setenv("SECRET_KEY", "s" * 20 + "-production-like-secret-key-for-tests-0123456789")
    monkeypatch.setenv("ALLOWED_HOSTS", "testserver")
    spec = importlib.util.find_spec("kindness_site.settings.production")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name in dir(module):
        if name.startswith(PRODUCTION_PREFIXES):
            setattr(settings, name, getattr(module, name))
    assert settings.SECURE_SSL_REDIRECT and settings.SESSION_COOKIE_SECURE
    return module


@pytest.fixture
def demo_site(db, django_capture_on_commit_callbacks):
    """The whole demo site, built by every app's demo module (new page types join by
    themselves)."""
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_content", verbosity=0)


def public_page_urls() -> list[str]:
    """One live, public page per (page type, language): every public page type that exists."""
    chosen: dict[tuple[int, int], str] = {}
    pages = Page.objects.live().public().filter(depth__gt=1).order_by("path").specific()
    for page in pages:
        key = (page.content_type_id, page.locale_id)
        url = page.get_url()
        if key not in chosen and url:
            chosen[key] = url
    return sorted(chosen.values())


# Endpoints that are not Wagtail pages but that visitors (or crawlers) load.
EXTRA_PUBLIC_URLS = [
    "/en/search/?q=kindness",
    "/it/search/?q=gentilezza",
    "/en/this-page-does-not-exist/",
    "/robots.txt",
    "/sitemap.xml",
    "/.well-known/security.txt",
]
