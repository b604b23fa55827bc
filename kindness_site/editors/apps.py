from django.apps import AppConfig


class EditorsConfig(AppConfig):
    """Connects the receivers that keep roles and workflows in step with new content."""

    name = "kindness_site.editors"
    label = "kindness_editors"
    verbose_name = "Editors' experience"

    def ready(self) -> None:
        from . import signals

        signals.connect()
