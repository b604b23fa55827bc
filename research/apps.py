from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResearchConfig(AppConfig):
    """References, citation formatting, import and export."""

    name = "research"
    verbose_name = _("Research library")
