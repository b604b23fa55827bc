"""Django 6.1 ``MAILERS`` from one variable, EMAIL_PROVIDER.

``file`` (the embedded default) writes each message under var/mail; ``console`` prints it; ``smtp``
uses SMTP_* variables; any other value is an Anymail provider module (postmark, mailgun, brevo,
amazon_ses, sendgrid, ...) whose credentials come from ANYMAIL_* variables, e.g.
ANYMAIL_POSTMARK_SERVER_TOKEN. Production defaults to smtp because ``check --deploy`` rejects
development backends.
"""

from pathlib import Path
from typing import Any

from .env import env_bool, env_int, env_list, env_str


def build_mailers(provider: str, var_dir: Path) -> dict[str, dict[str, Any]]:
    if provider == "file":
        return {
            "default": {
                "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
                "OPTIONS": {"file_path": str(var_dir / "mail")},
            }
        }
    if provider == "console":
        return {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
    if provider == "smtp":
        return {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {
                    "host": env_str("SMTP_HOST", "localhost"),
                    "port": env_int("SMTP_PORT", 587),
                    "username": env_str("SMTP_USER"),
                    "password": env_str("SMTP_PASSWORD"),
                    "use_tls": env_bool("SMTP_USE_TLS", True),
                },
            }
        }
    return {"default": {"BACKEND": f"anymail.backends.{provider}.EmailBackend"}}


def webhook_providers(provider: str) -> list[str]:
    """Providers whose tracking webhook is mounted: NEWSLETTER_WEBHOOK_PROVIDERS, else the one
    Anymail provider we send through (none for file, console and smtp)."""
    default = [] if provider in {"file", "console", "smtp"} else [provider]
    return env_list("NEWSLETTER_WEBHOOK_PROVIDERS", default)
