from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """The public site's pages, areas, blocks, menus and settings."""

    name = "pages"
    verbose_name = _("Pages")
