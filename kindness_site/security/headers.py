"""Response headers Django does not set itself: Permissions-Policy and Cross-Origin-Resource-Policy.

Permissions-Policy turns off browser features the site never uses (camera, microphone,
geolocation, payment, ...), so an injected or embedded script cannot ask for them either.
Cross-Origin-Resource-Policy ``same-origin`` stops other sites from embedding our responses
(Spectre-style cross-origin reads). A view that must be embeddable elsewhere can set its own value;
the middleware never overwrites a header a view already set.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def permissions_policy_header(policy: dict[str, list[str]]) -> str:
    """``{"camera": [], "fullscreen": ["self"]}`` -> ``camera=(), fullscreen=(self)``."""
    return ", ".join(f"{feature}=({' '.join(allow)})" for feature, allow in policy.items())


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.permissions_policy = permissions_policy_header(settings.PERMISSIONS_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.permissions_policy:
            response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        corp = getattr(settings, "SECURE_CROSS_ORIGIN_RESOURCE_POLICY", "same-origin")
        if corp:
            response.headers.setdefault("Cross-Origin-Resource-Policy", corp)
        return response
