"""Malformed provider webhook bodies are answered 400, not 500.

Anymail checks the webhook's basic-auth secret first, then parses the provider's JSON without
guarding against bodies that are not the expected shape (a string, a number, truncated JSON).
Only a caller who knows the secret can get that far, but a 500 there still pages an operator and
makes the provider retry the same broken body for days. A parse error is the sender's fault: this
middleware turns it into a 400 and a warning in the log (with the request id), under the webhook
prefixes only, so real bugs everywhere else still surface as 500s.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from anymail.exceptions import AnymailAPIError, AnymailRequestsAPIError
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest

logger = logging.getLogger(__name__)
# Anymail's Amazon SES handler reports an unparsable SNS body as an AnymailAPIError; its
# Requests variant (a failed outgoing call) is a real server-side problem and stays a 500.
MALFORMED = (ValueError, TypeError, KeyError, IndexError, AttributeError, AnymailAPIError)


class WebhookMalformedBodyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        prefixes = tuple(getattr(settings, "WEBHOOK_PATH_PREFIXES", ()))
        if not prefixes or not request.path.startswith(prefixes):
            return None
        if not isinstance(exception, MALFORMED) or isinstance(exception, AnymailRequestsAPIError):
            return None
        logger.warning(
            "Malformed webhook body refused: %s: %s", type(exception).__name__, exception
        )
        return HttpResponseBadRequest("Malformed webhook body.", content_type="text/plain")
