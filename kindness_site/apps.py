from django.apps import AppConfig


class KindnessSiteConfig(AppConfig):
    """The project package as an app: shared template tags, commands and the page cache."""

    name = "kindness_site"
    verbose_name = "Kindness site"

    def ready(self) -> None:
        from . import checks, page_cache_signals  # noqa: F401  (checks register on import)

        page_cache_signals.connect()
