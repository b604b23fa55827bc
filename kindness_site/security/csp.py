"""Two Content-Security-Policies: the strict public one and a looser one for the Wagtail admin.

Public HTML is cached and shared between visitors, so it cannot carry per-request nonces: the
public policy (``SECURE_CSP``, sent by Django's own CSP middleware) therefore allows no inline
script or style at all. The Wagtail admin renders inline ``<script>`` (date pickers, inline
panels) and ``style=""`` attributes, needs ``data:``/``blob:`` images for uploads and frames its
own previews, so ``ADMIN_CSP`` allows those for the admin's views only. Admin pages are never
cached and only reached by signed-in, two-factor-verified staff, which is what makes the looser
policy acceptable there.

The admin's views get their policy through Django's public ``csp_override`` decorator, applied to
every admin URL pattern the way Wagtail itself decorates them, together with
``X-Frame-Options: SAMEORIGIN``: the admin frames its own previews, so it answers the same thing
in both headers (``frame-ancestors 'self'``) instead of ``DENY`` in one and ``'self'`` in the other.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csp import csp_override
from wagtail.utils.urlpatterns import decorate_urlpatterns


def admin_view(view: Callable[..., Any]) -> Callable[..., Any]:
    """``view`` with the admin's CSP and same-origin framing."""
    return xframe_options_sameorigin(csp_override(settings.ADMIN_CSP)(view))


def with_admin_headers(urlpatterns: list[Any]) -> list[Any]:
    """Apply :func:`admin_view` to every view in ``urlpatterns`` (nested includes too)."""
    decorated: list[Any] = decorate_urlpatterns(urlpatterns, admin_view)  # untyped in Wagtail
    return decorated
