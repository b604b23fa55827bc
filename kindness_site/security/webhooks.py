"""Provider webhooks: refused credentials are a 401, malformed bodies a 400; one warning line each.

Anymail checks the webhook's basic-auth secret first and raises ``AnymailWebhookValidationFailure``
(a ``SuspiciousOperation``) when it is wrong: Django would answer that with its HTML 400 page and
log it at ERROR with a traceback, as if the site had a fault. A wrong password is the caller's
problem: a plain-text 401 with ``WWW-Authenticate`` (what a provider's retry logic understands)
and one WARNING line.

Then Anymail parses the provider's JSON without guarding against bodies that are not the expected
shape (a string, a number, truncated JSON). Only a caller who knows the secret can get that far,
but a 500 there still pages an operator and makes the provider retry the same broken body for days:
a parse error is a plain-text 400 and a warning. Both only under the webhook prefixes, so real bugs
everywhere else still surface as 500s.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from anymail.exceptions import (
    AnymailAPIError,
    AnymailRequestsAPIError,
    AnymailWebhookValidationFailure,
)
from django.conf import settings
from django.core import checks
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest

logger = logging.getLogger(__name__)
# Anymail's Amazon SES handler reports an unparsable SNS body as an AnymailAPIError; its
# Requests variant (a failed outgoing call) is a real server-side problem and stays a 500.
MALFORMED = (ValueError, TypeError, KeyError, IndexError, AttributeError, AnymailAPIError)


def webhook_secret() -> str:
    """The basic-auth secret every provider webhook requires (``ANYMAIL_WEBHOOK_SECRET``)."""
    return str(settings.ANYMAIL.get("WEBHOOK_SECRET") or "")


class WebhookErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        prefixes = tuple(settings.WEBHOOK_PATH_PREFIXES)
        if not prefixes or not request.path.startswith(prefixes):
            return None
        if isinstance(exception, AnymailWebhookValidationFailure):
            logger.warning("Webhook refused: %s", exception)
            response = HttpResponse(
                "Webhook credentials refused.", status=401, content_type="text/plain"
            )
            response["WWW-Authenticate"] = 'Basic realm="webhooks"'
            return response
        if not isinstance(exception, MALFORMED) or isinstance(exception, AnymailRequestsAPIError):
            return None
        logger.warning(
            "Malformed webhook body refused: %s: %s", type(exception).__name__, exception
        )
        return HttpResponseBadRequest("Malformed webhook body.", content_type="text/plain")


@checks.register(checks.Tags.security, deploy=True)
def check_webhook_secret(**kwargs: object) -> list[checks.CheckMessage]:
    """A provider's webhook without a secret would accept forged bounces and complaints from
    anyone (Anymail only warns); the URLs then refuse to mount and the deploy check fails."""
    if settings.NEWSLETTER_WEBHOOK_PROVIDERS and not webhook_secret():
        return [
            checks.Error(
                "Provider webhooks are configured (NEWSLETTER_WEBHOOK_PROVIDERS or an Anymail "
                "EMAIL_PROVIDER) but ANYMAIL_WEBHOOK_SECRET is empty: they are not mounted, so "
                "bounces and complaints are not recorded.",
                hint="Set ANYMAIL_WEBHOOK_SECRET to a random 'user:password' and give the same "
                "credentials to the provider's webhook URL.",
                id="security.E101",
            )
        ]
    return []
