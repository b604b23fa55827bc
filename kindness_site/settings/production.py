"""Production: every secret and host comes from the environment; HTTPS everywhere.

Only SECRET_KEY, ALLOWED_HOSTS and BASE_URL are required; DATABASE_URL, REDIS_URL and the email
provider should be set too (see README). ``check --deploy`` is clean with just the required ones.
"""

from kindness_site.logging import build_logging

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_required, env_str
from .mail import build_mailers, webhook_providers

SECRET_KEY = env_required("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env_required("ALLOWED_HOSTS").split(",")

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 63072000)  # two years
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_SAMESITE = "Lax"

# Keep database connections between requests (a new PostgreSQL connection per request cost more than
# rendering a cached page); health checks drop broken ones.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60)  # noqa: F405

# A development mail backend is an error under check --deploy: default to SMTP instead.
EMAIL_PROVIDER = env_str("EMAIL_PROVIDER", "smtp")
MAILERS = build_mailers(EMAIL_PROVIDER, VAR_DIR)  # noqa: F405
NEWSLETTER_WEBHOOK_PROVIDERS = webhook_providers(EMAIL_PROVIDER)

# One JSON object per log line, with the request id; an access line per request.
LOG_FORMAT = env_str("LOG_FORMAT", "json")
LOGGING = build_logging(
    LOG_FORMAT,
    env_str("LOG_LEVEL", "INFO"),
    access_level=env_str("ACCESS_LOG_LEVEL", "INFO"),
    tasks_level=env_str("TASKS_LOG_LEVEL", "WARNING"),
    wagtail_level=env_str("WAGTAIL_LOG_LEVEL", "WARNING"),
)
