"""Settings shared by every environment.

Everything that differs between machines is read from the environment (see README, "Settings"), so
the same code runs on a laptop with SQLite and on production nodes with PostgreSQL and Redis.
"""

from pathlib import Path

import dj_database_url
import django_stubs_ext

from kindness_site.logging import build_logging

from .env import env_bool, env_int, env_list, env_prefixed, env_str
from .mail import build_mailers, webhook_providers

# Lets Django's generic classes be subscripted at run time as django-stubs types them
# (``forms.ModelForm[Member]``, ``Feed[...]``, ``Sitemap[Page]``).
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
BASE_URL = env_str("BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = BASE_URL

INSTALLED_APPS = [
    "kindness_site",
    "kindness_site.security",
    "kindness_site.editors",
    "pages",
    "research",
    "people",
    "projects",
    "newsletter",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_countries",
    "django_tasks",
    "django_tasks_db",
    "anymail",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "kindness_site.security.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "kindness_site.security.headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "kindness_site.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "kindness_site.security.middleware.AdminOTPRequiredMiddleware",
    "kindness_site.security.login_throttle.LoginThrottleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "kindness_site.security.csp.SiteContentSecurityPolicyMiddleware",
    "kindness_site.security.webhooks.WebhookMalformedBodyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "kindness_site.urls"
WSGI_APPLICATION = "kindness_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "pages.context_processors.site_home",
            ],
        },
    },
]

# --- Database --------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
if IS_POSTGRES:
    INSTALLED_APPS.append("django.contrib.postgres")
else:
    # SQLite: wait for a write lock instead of failing at once, and start write transactions
    # eagerly so concurrent writers queue rather than dead-lock on upgrade.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache -----------------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "kindness"),
            "TIMEOUT": env_int("CACHE_TIMEOUT", 600),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "kindness",
            "TIMEOUT": env_int("CACHE_TIMEOUT", 600),
        }
    }

# --- Auth ------------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"

# --- Internationalisation ------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("it", "Italiano")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Rome")
USE_I18N = True
USE_TZ = True

# --- Static and media ------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))

AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    # S3-compatible object storage for uploads, so web nodes stay stateless.
    _media_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env_str("AWS_S3_REGION_NAME") or None,
            "custom_domain": env_str("AWS_S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
else:
    _media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

STORAGES = {
    "default": _media_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 60 * 60  # unhashed files; hashed ones are served as immutable

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Email (Django 6.1 MAILERS + Anymail) ---------------------------------------------------
EMAIL_PROVIDER = env_str("EMAIL_PROVIDER", "file")
ANYMAIL = env_prefixed("ANYMAIL_")
MAILERS = build_mailers(EMAIL_PROVIDER, VAR_DIR)
NEWSLETTER_WEBHOOK_PROVIDERS = webhook_providers(EMAIL_PROVIDER)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Kindness Movement <hello@example.org>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
STAFF_NOTIFICATION_EMAILS = env_list("STAFF_NOTIFICATION_EMAILS", ["staff@example.org"])

# --- Background tasks (django-tasks-db; Wagtail enqueues through the django_tasks backport) ----
TASKS_BACKEND = env_str("TASKS_BACKEND", "immediate")
if TASKS_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- Research library (see README, "Research library") -----------------------------------------
RESEARCH_CITATION_ENGINE = env_str("RESEARCH_CITATION_ENGINE", "citeproc-js")
RESEARCH_STORE_CITATIONS = env_bool("RESEARCH_STORE_CITATIONS", True)
ZOTERO_API_KEY = env_str("ZOTERO_API_KEY", "")
ZOTERO_LIBRARY = env_str("ZOTERO_LIBRARY", "")  # groups/<id> or users/<id>
ZOTERO_API_URL = env_str("ZOTERO_API_URL", "https://api.zotero.org")

# --- The network's directory and join form ---------------------------------------------------
NETWORK_MEMBERS_PER_PAGE = env_int("NETWORK_MEMBERS_PER_PAGE", 12)
NETWORK_JOIN_RATE_LIMIT = env_int("NETWORK_JOIN_RATE_LIMIT", 5)  # applications per address...
NETWORK_JOIN_RATE_WINDOW = env_int("NETWORK_JOIN_RATE_WINDOW", 3600)  # ...per this many seconds

# --- Newsletter (see README, "Newsletter") ----------------------------------------------------
NEWSLETTER_FROM_EMAIL = env_str("NEWSLETTER_FROM_EMAIL", DEFAULT_FROM_EMAIL)
NEWSLETTER_LIST_ID = env_str("NEWSLETTER_LIST_ID", "newsletter.kindness.example.org")
NEWSLETTER_CONFIRM_MAX_AGE_DAYS = env_int("NEWSLETTER_CONFIRM_MAX_AGE_DAYS", 7)
NEWSLETTER_PURGE_UNCONFIRMED_DAYS = env_int("NEWSLETTER_PURGE_UNCONFIRMED_DAYS", 14)
NEWSLETTER_FORM_MIN_SECONDS = env_int("NEWSLETTER_FORM_MIN_SECONDS", 2)
NEWSLETTER_FORM_MAX_SECONDS = env_int("NEWSLETTER_FORM_MAX_SECONDS", 86_400)
NEWSLETTER_SIGNUPS_PER_IP_PER_HOUR = env_int("NEWSLETTER_SIGNUPS_PER_IP_PER_HOUR", 10)
NEWSLETTER_SIGNUPS_PER_ADDRESS_PER_HOUR = env_int("NEWSLETTER_SIGNUPS_PER_ADDRESS_PER_HOUR", 3)
NEWSLETTER_RATE_PER_SECOND = env_int("NEWSLETTER_RATE_PER_SECOND", 50)
NEWSLETTER_BATCH_SIZE = env_int("NEWSLETTER_BATCH_SIZE", 200)  # claimed at once by a worker
# Marked "sending" at once (and at most this many left "unknown" by a killed worker).
NEWSLETTER_SUB_BATCH_SIZE = env_int("NEWSLETTER_SUB_BATCH_SIZE", 25)
# Provider calls in flight at once per worker process (each thread keeps its own connection).
NEWSLETTER_CONCURRENCY = env_int("NEWSLETTER_CONCURRENCY", 8)
NEWSLETTER_PARALLEL_CHAINS = env_int("NEWSLETTER_PARALLEL_CHAINS", 2)
NEWSLETTER_SLICE_SECONDS = env_int("NEWSLETTER_SLICE_SECONDS", 30)
NEWSLETTER_LEASE_SECONDS = env_int("NEWSLETTER_LEASE_SECONDS", 120)
NEWSLETTER_MAX_ATTEMPTS = env_int("NEWSLETTER_MAX_ATTEMPTS", 5)
NEWSLETTER_SOFT_BOUNCE_LIMIT = env_int("NEWSLETTER_SOFT_BOUNCE_LIMIT", 3)
NEWSLETTER_COMPLAINT_PAUSE_RATIO = float(env_str("NEWSLETTER_COMPLAINT_PAUSE_RATIO", "0.001"))

# --- Wagtail -------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "International Kindness Movement"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]  # never svg
# Documents are always downloaded (Content-Disposition: attachment), never rendered in the site's
# origin: an uploaded HTML, SVG or PDF file cannot run script as the site.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES: list[str] = []
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# Alt text is required on every image, with guidance (kindness_site/editors/image_forms.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "kindness_site.editors.image_forms.AltTextRequiredImageForm"

# Frontend cache (CDN purge on publish): configured only when a CDN is named.
if env_str("FRONTEND_CACHE_BACKEND") == "cloudflare":
    WAGTAILFRONTENDCACHE = {
        "cloudflare": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": env_str("CLOUDFLARE_BEARER_TOKEN"),
            "ZONEID": env_str("CLOUDFLARE_ZONE_ID"),
        }
    }
elif env_str("FRONTEND_CACHE_BACKEND") == "http":
    WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env_str("FRONTEND_CACHE_LOCATION"),
        }
    }

# --- Security defaults shared by all environments -------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
}
# The Wagtail admin renders inline scripts and styles, shows data:/blob: previews of uploads and
# frames its own previews: a looser policy for /admin/ only (kindness_site/security/csp.py).
ADMIN_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", "https://www.gravatar.com"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'", "https:"],
    "frame-ancestors": ["'self'"],
    "form-action": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
}
ADMIN_CSP_PATH_PREFIXES = ("/admin/",)
SECURE_CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
# Browser features the site never uses, switched off for every page and anything embedded in it.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
    "browsing-topics": [],
    "fullscreen": ["self", '"https://www.youtube-nocookie.com"', '"https://player.vimeo.com"'],
}

# Admin two-factor authentication (django-otp) and sign-in throttling (kindness_site/security).
OTP_REQUIRED = env_bool("OTP_REQUIRED", True)
OTP_TOTP_ISSUER = "Kindness Movement"
OTP_VERIFY_ATTEMPTS_PER_WINDOW = 10
LOGIN_FAILURES_PER_USER = env_int("LOGIN_FAILURES_PER_USER", 5)
LOGIN_FAILURES_PER_IP = env_int("LOGIN_FAILURES_PER_IP", 30)
LOGIN_FAILURE_WINDOW_SECONDS = env_int("LOGIN_FAILURE_WINDOW_SECONDS", 15 * 60)
LOGIN_LOCKOUT_SECONDS = env_int("LOGIN_LOCKOUT_SECONDS", 15 * 60)
# Provider webhooks: a body that does not parse is the sender's fault, a 400 (security/webhooks.py).
WEBHOOK_PATH_PREFIXES = ("/newsletter/anymail/",)
# Every limit built on kindness_site.security.ratelimit; false only for load tests.
RATELIMIT_ENABLED = env_bool("RATELIMIT_ENABLED", True)

SITE_CONTACT_EMAIL = env_str("SITE_CONTACT_EMAIL", "hello@example.org")
SECURITY_CONTACT = env_str("SECURITY_CONTACT", "mailto:security@example.org")

# Anonymous page cache (kindness_site/page_cache.py) and the CDN's cache lifetimes.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
CDN_CACHE_SECONDS = env_int("CDN_CACHE_SECONDS", 600)
CDN_STALE_WHILE_REVALIDATE = env_int("CDN_STALE_WHILE_REVALIDATE", 60)

# Search: caps that keep a hostile query cheap.
SEARCH_MAX_QUERY_LENGTH = env_int("SEARCH_MAX_QUERY_LENGTH", 200)
SEARCH_RESULTS_PER_PAGE = env_int("SEARCH_RESULTS_PER_PAGE", 10)

LOG_FORMAT = env_str("LOG_FORMAT", "plain")  # "json" in production (see production.py)
LOGGING = build_logging(
    LOG_FORMAT,
    env_str("LOG_LEVEL", "INFO"),
    access_level=env_str("ACCESS_LOG_LEVEL", "WARNING"),
    tasks_level=env_str("TASKS_LOG_LEVEL", "WARNING"),
    wagtail_level=env_str("WAGTAIL_LOG_LEVEL", "WARNING"),
)
