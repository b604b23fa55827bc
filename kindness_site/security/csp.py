"""Two Content-Security-Policies: the strict public one and a looser one for the Wagtail admin.

Public HTML is cached and shared between visitors, so it cannot carry per-request nonces: the
public policy (``SECURE_CSP``) therefore allows no inline script or style at all. The Wagtail
admin renders inline ``<script>`` (date pickers, inline panels) and ``style=""`` attributes,
needs ``data:``/``blob:`` images for uploads and frames its own previews, so ``ADMIN_CSP``
allows those for ``/admin/`` only. Admin pages are never cached and only reached by signed-in,
two-factor-verified staff, which is what makes the looser policy acceptable there.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.csp import ContentSecurityPolicyMiddleware


def admin_prefixes() -> tuple[str, ...]:
    return tuple(getattr(settings, "ADMIN_CSP_PATH_PREFIXES", ("/admin/",)))


class SiteContentSecurityPolicyMiddleware(ContentSecurityPolicyMiddleware):
    """Django's CSP middleware, with ``ADMIN_CSP`` swapped in under the admin prefixes.

    It sets the same private attribute ``csp_override()`` sets, so a view's own override still
    wins and everything else (nonces, report-only) behaves exactly like Django's middleware.
    """

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if request.path.startswith(admin_prefixes()) and not hasattr(response, "_csp_config"):
            response._csp_config = settings.ADMIN_CSP  # type: ignore[attr-defined]  # what csp_override() sets
        return super().process_response(request, response)
