from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    """Subscribers, consent, issues and sending."""

    name = "newsletter"
    verbose_name = _("Newsletter")

    def ready(self) -> None:
        from . import webhooks  # noqa: F401  (connects the Anymail tracking receiver)
