"""Request context for logs: the request id (django-log-request-id), client address, access line.

django-log-request-id keeps an incoming ``X-Request-ID`` (set by the load balancer or a CDN) or
makes one, returns it in the response and adds it to every log record emitted while the request
runs, including Django's "Internal Server Error" record, so an error report and the visitor's
complaint can be matched. Two things it does not do are kept here:

- it believes any incoming id, so a client could put spaces, fake log text or 8 KB into every
  log line: :class:`RequestContextMiddleware` drops an id that is not a plain token first, and the
  library then makes a fresh one;
- its optional access line has neither the duration nor the client address: ours has both, and
  every record of the request carries the client address (``client_ip``) as the rate limits see
  it (:func:`~kindness_site.security.client_address.client_ip`, proxy-aware).
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse
from log_request_id.filters import RequestIDFilter

from .client_address import client_ip

META_KEY = "HTTP_X_REQUEST_ID"
_VALID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")

client_ip_var: ContextVar[str] = ContextVar("client_ip", default="-")
access_logger = logging.getLogger("kindness_site.access")


def is_plain_id(value: str | None) -> bool:
    """True for an id worth keeping: a token of 8-128 safe characters, nothing that could forge
    or bloat a log line."""
    return bool(value and _VALID.match(value) is not None)


class RequestContextMiddleware:
    """Put first in MIDDLEWARE, right before django-log-request-id's middleware, so redirects and
    errors from every later middleware carry the id and the address too."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_plain_id(request.META.get(META_KEY)):
            request.META.pop(META_KEY, None)
        address = client_ip(request)
        token = client_ip_var.set(address)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            access_logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
            return response
        finally:
            client_ip_var.reset(token)


class RequestContextFilter(RequestIDFilter):  # type: ignore[misc]  # log_request_id is untyped
    """Adds ``record.request_id`` (the library's; ``NO_REQUEST_ID`` = "-" outside a request) and
    ``record.client_ip`` so formatters can always use both."""

    def filter(self, record: logging.LogRecord) -> bool:
        super().filter(record)
        if not hasattr(record, "client_ip"):
            record.client_ip = client_ip_var.get()
        return True
