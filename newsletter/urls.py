"""Language-neutral newsletter endpoints: one-click unsubscribe and provider webhooks.

Only the *tracking* webhook of the providers named in ``NEWSLETTER_WEBHOOK_PROVIDERS`` (by default
the Anymail provider in EMAIL_PROVIDER) is mounted, e.g. /newsletter/anymail/postmark/tracking/,
protected by the basic-auth secret in ANYMAIL["WEBHOOK_SECRET"], and only when that secret is set:
without it Anymail accepts unauthenticated events (it only warns), so anyone could suppress
subscribers with forged bounces; ``check --deploy`` reports the missing secret. Mounting all of
Anymail's URLs would expose inbound-mail endpoints we never use and answer 500 for providers whose
signing key is not configured (Mailgun checks it when the view is built); an unconfigured provider
is a 404.
"""

from anymail import urls as anymail_urls
from django.conf import settings
from django.urls import URLPattern, path

from kindness_site.security.webhooks import webhook_secret

from . import views

app_name = "newsletter"


def tracking_webhooks(providers: list[str], secret: str) -> list[URLPattern]:
    """Anymail's own tracking-webhook routes for ``providers``, under ``anymail/``; none without
    a basic-auth ``secret``."""
    if not secret:
        return []
    wanted = {f"{provider}_tracking_webhook" for provider in providers}
    return [
        path(f"anymail/{pattern.pattern}", pattern.callback, name=pattern.name)
        for pattern in anymail_urls.urlpatterns
        if pattern.name in wanted
    ]


urlpatterns = [
    path("u/<str:token>/", views.one_click_unsubscribe, name="one_click_unsubscribe"),
    *tracking_webhooks(settings.NEWSLETTER_WEBHOOK_PROVIDERS, webhook_secret()),
]
