from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    """Projects and partner organisations."""

    name = "projects"
    verbose_name = _("Projects")
