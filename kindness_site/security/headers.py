"""Cross-Origin-Resource-Policy, the one response header neither Django nor a kept library sets.

``same-origin`` stops other sites from embedding our responses (Spectre-style cross-origin
reads). A view that must be embeddable elsewhere can set its own value; the middleware never
overwrites a header a view already set. Permissions-Policy comes from django-permissions-policy
(``PERMISSIONS_POLICY``), Cross-Origin-Opener-Policy and the rest from Django's SecurityMiddleware.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class CrossOriginResourcePolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if corp := settings.SECURE_CROSS_ORIGIN_RESOURCE_POLICY:
            response.headers.setdefault("Cross-Origin-Resource-Policy", corp)
        return response
