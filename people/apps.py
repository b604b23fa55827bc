from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    """The team: people and their groups."""

    name = "people"
    verbose_name = _("People")
