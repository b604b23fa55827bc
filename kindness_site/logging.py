"""Logging configuration: JSON lines in production, plain text in development.

One JSON object per line is what log shippers (journald, Loki, CloudWatch, ...) index without
parsing rules; a developer reading a terminal prefers plain text. Both carry the request id
(see ``kindness_site.security.request_id``), so every line of one request, including an error's
traceback, can be found together.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

# Attributes every LogRecord has; anything else was passed through ``extra=`` and is kept.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time, level, logger, message, request id, extras, traceback."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
            "client_ip": getattr(record, "client_ip", "-"),
        }
        for name, value in vars(record).items():
            if name not in _STANDARD and name not in entry and not name.startswith("_"):
                entry[name] = value if _is_plain(value) else repr(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class ClientErrorFilter(logging.Filter):
    """Client-caused events are warnings of one line, not errors with a traceback.

    Django logs every ``SuspiciousOperation`` (a forged Host header, a body over
    ``DATA_UPLOAD_MAX_MEMORY_SIZE``, too many fields, a bad signature...) on a ``django.security.*``
    logger at ERROR with the exception's traceback, so a scanner probing the site looks like a
    fault and pages an operator. The visitor got a 400; the log keeps the event, as a WARNING
    line without traceback. Everything else passes unchanged.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith("django.security.") and record.levelno > logging.WARNING:
            record.msg = record.getMessage().replace("\n", " ").replace("\r", " ")
            record.args = ()
            record.levelno, record.levelname = logging.WARNING, "WARNING"
            record.exc_info = record.exc_text = None
        return True


def _is_plain(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def build_logging(
    fmt: str = "plain",
    level: str = "INFO",
    *,
    access_level: str = "WARNING",
    tasks_level: str = "WARNING",
    wagtail_level: str = "WARNING",
) -> dict[str, Any]:
    """The LOGGING dict. ``fmt`` is ``json`` or ``plain``; the access log (one line per request,
    with status and duration) is quiet unless ``access_level`` is INFO."""
    if fmt not in {"json", "plain"}:
        raise ValueError(f"LOG_FORMAT must be 'json' or 'plain', not {fmt!r}.")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": "kindness_site.security.request_id.RequestContextFilter"},
            "client_errors": {"()": "kindness_site.logging.ClientErrorFilter"},
        },
        "formatters": {
            "plain": {
                "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s %(client_ip)s] "
                "%(message)s"
            },
            "json": {"()": "kindness_site.logging.JsonFormatter"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": fmt,
                "filters": ["client_errors", "request_id"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.db.backends": {"level": "WARNING"},
            "kindness_site.access": {"level": access_level},
            # Task state changes and page events are routine; keep them out of the console.
            "django_tasks": {"level": tasks_level},
            "wagtail": {"level": wagtail_level},
        },
    }
