from django.apps import AppConfig


class KindnessSiteConfig(AppConfig):
    """The project package as an app: shared template tags, commands and the page cache."""

    name = "kindness_site"
    verbose_name = "Kindness site"

    def ready(self) -> None:
        from . import page_cache_signals

        page_cache_signals.connect()
