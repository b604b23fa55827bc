from django.apps import AppConfig


class KindnessSiteConfig(AppConfig):
    """The project package as an app, so it can own shared template tags and checks."""

    name = "kindness_site"
    verbose_name = "Kindness site"
