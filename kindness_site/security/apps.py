from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "kindness_site.security"
    label = "security"
    verbose_name = "Security"

    def ready(self) -> None:
        # Register the deploy checks.
        from . import webhooks  # noqa: F401
