"""Settings come from the environment; production refuses to start without its secrets."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from kindness_site.settings import env
from kindness_site.settings.mail import build_mailers

ROOT = Path(__file__).resolve().parents[2]


def test_env_bool_parses_and_rejects(monkeypatch):
    monkeypatch.setenv("FLAG", "yes")
    assert env.env_bool("FLAG") is True
    monkeypatch.setenv("FLAG", "off")
    assert env.env_bool("FLAG", True) is False
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG must be a boolean"):
        env.env_bool("FLAG")


def test_env_int_and_list(monkeypatch):
    monkeypatch.setenv("NUMBER", "12")
    assert env.env_int("NUMBER", 1) == 12
    monkeypatch.setenv("NUMBER", "twelve")
    with pytest.raises(ImproperlyConfigured, match="NUMBER must be an integer"):
        env.env_int("NUMBER", 1)
    monkeypatch.setenv("HOSTS", "a.org, b.org,,")
    assert env.env_list("HOSTS") == ["a.org", "b.org"]


def test_env_required_and_prefixed(monkeypatch):
    monkeypatch.delenv("MISSING_THING", raising=False)
    with pytest.raises(ImproperlyConfigured, match="MISSING_THING must be set"):
        env.env_required("MISSING_THING")
    monkeypatch.setenv("ANYMAIL_POSTMARK_SERVER_TOKEN", "t")
    assert env.env_prefixed("ANYMAIL_")["POSTMARK_SERVER_TOKEN"] == "t"


@pytest.mark.parametrize(
    ("provider", "backend"),
    [
        ("file", "django.core.mail.backends.filebased.EmailBackend"),
        ("console", "django.core.mail.backends.console.EmailBackend"),
        ("smtp", "django.core.mail.backends.smtp.EmailBackend"),
        ("postmark", "anymail.backends.postmark.EmailBackend"),
        ("amazon_ses", "anymail.backends.amazon_ses.EmailBackend"),
    ],
)
def test_mailers_follow_the_provider(provider, backend, tmp_path):
    assert build_mailers(provider, tmp_path)["default"]["BACKEND"] == backend


def _manage(*args: str, **extra_env: str) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(extra_env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_requires_a_secret_key():
    result = _manage(
        "check", DJANGO_SETTINGS_MODULE="kindness_site.settings.production", ALLOWED_HOSTS="x"
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


REQUIRED = {
    "DJANGO_SETTINGS_MODULE": "kindness_site.settings.production",
    "SECRET_KEY": "x" * 64 + "-production-test-key",
    "ALLOWED_HOSTS": "example.org",
    "BASE_URL": "https://example.org",
}


@pytest.mark.parametrize(
    "cache", [{"SINGLE_PROCESS": "true"}, {"REDIS_URL": "redis://127.0.0.1:6379/4"}]
)
def test_deploy_check_passes_with_only_the_required_variables(tmp_path, cache):
    result = _manage(
        "check", "--deploy", "--fail-level", "WARNING", **REQUIRED, **cache, VAR_DIR=str(tmp_path)
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_deploy_check_refuses_a_per_process_cache_without_the_declaration(tmp_path):
    """Several workers or nodes with a cache each would serve stale pages (issue #14)."""
    environment = {"REDIS_URL": "", "SINGLE_PROCESS": "false", "VAR_DIR": str(tmp_path)}
    result = _manage("check", "--deploy", **REQUIRED, **environment)
    assert result.returncode != 0
    assert "kindness_site.E001" in result.stderr + result.stdout
