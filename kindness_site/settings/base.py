"""Settings shared by every environment.

Everything that differs between machines is read from the environment (see README, "Settings"), so
the same code runs on a laptop with SQLite and on production nodes with PostgreSQL and Redis.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from kindness_site.logging import build_logging

from .env import env_bool, env_int, env_list, env_prefixed, env_str
from .frontend_cache import frontend_caches
from .mail import build_mailers, webhook_providers
from .storage import media_origins

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
    # Not "wagtail.contrib.frontend_cache": its signal handlers purge a published page alone and
    # before the transaction commits. We use its backends and PurgeBatch from our own handlers
    # (kindness_site/page_cache_purge.py), which purge after the commit and purge what shows it.
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
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "kindness_site.security.request_id.RequestContextMiddleware",
    "log_request_id.middleware.RequestIDMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "kindness_site.security.headers.CrossOriginResourcePolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "kindness_site.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "kindness_site.security.middleware.AdminOTPRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "kindness_site.security.webhooks.WebhookErrorMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the 429 page.
    "axes.middleware.AxesMiddleware",
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
            # Django's Redis backend; a Redis that is down costs a miss, not the page.
            "BACKEND": "kindness_site.cache_backend.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "kindness"),
            "TIMEOUT": env_int("CACHE_TIMEOUT", 600),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
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

# The one generation number of everything cached that derives from public content
# (pages/cache_generation.py): in the default cache when it is shared (Redis), else in this file,
# which every process on the machine sees.
CACHE_GENERATION_FILE = Path(env_str("CACHE_GENERATION_FILE", str(VAR_DIR / "cache-generation")))
# The operator's declaration that one process serves the site (plus commands on the same machine):
# only then may production run without a shared cache (kindness_site/checks.py).
SINGLE_PROCESS = env_bool("SINGLE_PROCESS", False)

# --- Auth ------------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"
# django-axes checks every sign-in before the password (kindness_site/security/login_throttle.py).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

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
# Documents on local disk live here, outside MEDIA_ROOT, so only Wagtail's serve view (which checks
# collection privacy and forces a download) can reach them (kindness_site/security/storage.py).
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private-media")))

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
            "addressing_style": env_str("AWS_S3_ADDRESSING_STYLE") or None,
            # Objects get the bucket's policy: public read for images only (deploy/env.example);
            # documents stay private and are served through the site's download view.
            "default_acl": None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
else:
    _media_storage = {"BACKEND": "kindness_site.security.storage.MediaStorage"}

MEDIA_ORIGINS = media_origins(
    AWS_STORAGE_BUCKET_NAME,
    env_str("AWS_S3_CUSTOM_DOMAIN"),
    env_str("AWS_S3_ENDPOINT_URL"),
    env_str("AWS_S3_REGION_NAME"),
    env_str("AWS_S3_ADDRESSING_STYLE"),
)

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

# The HTTP cache in front (Varnish, Cloudflare, CloudFront), purged after every public change.
WAGTAILFRONTENDCACHE = frontend_caches()
# We purge each translation ourselves (kindness_site/page_cache_purge.py): no guessed language URLs.
WAGTAILFRONTENDCACHE_LANGUAGES: list[str] = []

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
    # Images come from object storage when uploads live there.
    "img-src": ["'self'", "data:", *MEDIA_ORIGINS],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
}
# The Wagtail admin renders inline scripts and styles, shows data:/blob: previews of uploads and
# frames its own previews: a looser policy for the admin's views only, with X-Frame-Options
# SAMEORIGIN to match its frame-ancestors 'self' (kindness_site/security/csp.py).
ADMIN_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", "https://www.gravatar.com", *MEDIA_ORIGINS],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'", "https:"],
    "frame-ancestors": ["'self'"],
    "form-action": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
}
# Where the two-factor requirement applies (kindness_site/security/middleware.py).
ADMIN_PATH_PREFIXES = ("/admin/",)
SECURE_CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
# Browser features the site never uses, switched off for every page and anything embedded in it
# (django-permissions-policy, which also checks every feature name).
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
    "fullscreen": ["self", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
}

# Admin two-factor authentication (django-otp) and sign-in throttling (kindness_site/security).
OTP_REQUIRED = env_bool("OTP_REQUIRED", True)
OTP_TOTP_ISSUER = "Kindness Movement"
OTP_VERIFY_ATTEMPTS_PER_WINDOW = 10
LOGIN_FAILURES_PER_USER = env_int("LOGIN_FAILURES_PER_USER", 5)
LOGIN_FAILURE_WINDOW_SECONDS = env_int("LOGIN_FAILURE_WINDOW_SECONDS", 15 * 60)
LOGIN_LOCKOUT_SECONDS = env_int("LOGIN_LOCKOUT_SECONDS", 15 * 60)
# Sign-in lockout (django-axes): one user name from one client address, never the address alone,
# so failures under other names never refuse an editor's correct password.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = LOGIN_FAILURES_PER_USER
AXES_COOLOFF_TIME = timedelta(seconds=LOGIN_LOCKOUT_SECONDS)
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "kindness_site.security.login_throttle.username"
AXES_CLIENT_IP_CALLABLE = "kindness_site.security.login_throttle.client_address"
AXES_LOCKOUT_CALLABLE = "kindness_site.security.login_throttle.lockout_response"
AXES_DISABLE_ACCESS_LOG = True  # Wagtail's own log and our access log record sign-ins
AXES_VERBOSE = False
# Provider webhooks: a body that does not parse is the sender's fault, a 400 (security/webhooks.py).
WEBHOOK_PATH_PREFIXES = ("/newsletter/anymail/",)
# Every rate limit of the site (kindness_site/security/ratelimit.py); false only for load tests.
RATELIMIT_ENABLED = env_bool("RATELIMIT_ENABLED", True)
AXES_ENABLED = RATELIMIT_ENABLED  # the sign-in lockout is a limit too
# Proxies in front of gunicorn that append to X-Forwarded-For (TLS terminator, Varnish, load
# balancer); 0 uses REMOTE_ADDR (kindness_site/security/client_address.py).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more.")

SITE_CONTACT_EMAIL = env_str("SITE_CONTACT_EMAIL", "hello@example.org")
SECURITY_CONTACT = env_str("SECURITY_CONTACT", "mailto:security@example.org")

# Anonymous page cache (kindness_site/page_cache.py) and the CDN's cache lifetimes.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
# Bytes of cached pages, fragments and lookups each process copies from a shared (Redis) cache, so
# a page-cache hit needs one round trip (pages/local_copies.py); 0 turns the copies off. Ignored
# with a per-process cache.
PAGE_CACHE_LOCAL_BYTES = env_int("PAGE_CACHE_LOCAL_BYTES", 16 * 1024 * 1024)
if PAGE_CACHE_LOCAL_BYTES < 0:
    raise ImproperlyConfigured("PAGE_CACHE_LOCAL_BYTES must be 0 or more.")
CDN_CACHE_SECONDS = env_int("CDN_CACHE_SECONDS", 600)
CDN_STALE_WHILE_REVALIDATE = env_int("CDN_STALE_WHILE_REVALIDATE", 60)

# Search: caps that keep a hostile query cheap.
SEARCH_MAX_QUERY_LENGTH = env_int("SEARCH_MAX_QUERY_LENGTH", 200)
SEARCH_RESULTS_PER_PAGE = env_int("SEARCH_RESULTS_PER_PAGE", 10)
# Searches one client may run per minute (results are cached; see kindness_site.search).
SEARCH_REQUESTS_PER_MINUTE = env_int("SEARCH_REQUESTS_PER_MINUTE", 60)

# Request ids (django-log-request-id; kindness_site/security/request_id.py): an incoming
# X-Request-ID is kept when it is a plain token, else one is made; returned in the response.
LOG_REQUEST_ID_HEADER = "HTTP_X_REQUEST_ID"
GENERATE_REQUEST_ID_IF_NOT_IN_HEADER = True
REQUEST_ID_RESPONSE_HEADER = "X-Request-ID"
NO_REQUEST_ID = "-"
LOG_REQUESTS = False  # our access line (with duration and client address) replaces the library's

LOG_FORMAT = env_str("LOG_FORMAT", "plain")  # "json" in production (see production.py)
LOGGING = build_logging(
    LOG_FORMAT,
    env_str("LOG_LEVEL", "INFO"),
    access_level=env_str("ACCESS_LOG_LEVEL", "WARNING"),
    tasks_level=env_str("TASKS_LOG_LEVEL", "WARNING"),
    wagtail_level=env_str("WAGTAIL_LOG_LEVEL", "WARNING"),
)
