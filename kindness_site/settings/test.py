"""Settings for the test suite: fast hashing, Anymail's test backend, tasks run immediately.

DATABASE_URL still decides the database, so the same suite runs on SQLite and on PostgreSQL.
"""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

if not os.environ.get("DATABASE_URL"):
    # Tests make their own database; commands run with these settings (makemigrations --check in
    # CI) must not need a var/ folder on a fresh clone.
    DATABASES["default"]["NAME"] = ":memory:"  # noqa: F405

DEBUG = False
SECRET_KEY = "test-only-secret-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "anymail.backends.test.EmailBackend"}}
ANYMAIL = {"WEBHOOK_SECRET": "hook-user:hook-password"}
NEWSLETTER_WEBHOOK_PROVIDERS = ["postmark"]  # the provider the webhook tests speak
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Rendering five styles in two languages on every factory save would slow the whole suite; the
# research tests that check stored citations turn it on.
RESEARCH_STORE_CITATIONS = False
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="kindness-test-media-"))
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="kindness-test-private-media-"))
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Each test process (pytest-xdist worker) counts its own generation.
CACHE_GENERATION_FILE = Path(tempfile.mkdtemp(prefix="kindness-test-generation-")) / "generation"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
LOGGING = {"version": 1, "disable_existing_loggers": False}

# Serve static files straight from the app folders, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Query-budget tests measure uncached rendering; the page-cache tests switch it on themselves.
PAGE_CACHE_ENABLED = False

# Admin tests sign in with force_login (no second factor); the two-factor tests in
# tests/kindness_site/security switch the requirement on themselves.
OTP_REQUIRED = False
