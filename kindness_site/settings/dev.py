"""The embedded default: SQLite, local-memory cache, emails written to files, tasks run in-process.

Safe only on a developer's machine: DEBUG is on and the secret key is a fixed development one unless
SECRET_KEY is set.
"""

from .base import *  # noqa: F403
from .env import env_bool, env_str

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = ["*"]
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
# Two-factor sign-in is required everywhere else; on a developer's own machine it would only stand
# between a newcomer and the admin. OTP_REQUIRED=true turns it on here too.
OTP_REQUIRED = env_bool("OTP_REQUIRED", False)
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

# The embedded database, uploads and emails all live under var/ (git-ignored).
VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405

# Serve static files straight from the app folders, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
