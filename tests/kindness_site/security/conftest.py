"""Fixtures for the security tests: production's HTTPS settings."""

from __future__ import annotations

import importlib.util

import pytest

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
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name in dir(module):
        if name.startswith(PRODUCTION_PREFIXES):
            setattr(settings, name, getattr(module, name))
    assert settings.SECURE_SSL_REDIRECT and settings.SESSION_COOKIE_SECURE
    return module
