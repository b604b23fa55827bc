from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "kindness_site.security"
    label = "security"
    verbose_name = "Security"

    def ready(self) -> None:
        # Connect the login-failure counters (signal receivers live with the throttle).
        from . import login_throttle  # noqa: F401
