from django.apps import AppConfig
from django.core.signals import request_started
from django.utils.translation import gettext_lazy as _


class ResearchConfig(AppConfig):
    """References, citation formatting, import and export."""

    name = "research"
    verbose_name = _("Research library")

    def ready(self) -> None:
        from .citations import reset_numbering

        # Citation numbers restart on every request (see research.citations).
        request_started.connect(reset_numbering, dispatch_uid="research_reset_numbering")
