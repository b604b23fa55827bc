"""Language-neutral endpoints: health checks, robots.txt, security.txt and the error handlers."""

import logging
from datetime import timedelta
from urllib.parse import unquote

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET
from django.views.static import serve

from pages.public_urls import absolute

from .security.storage import is_document

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness: the process answers. Touches no database, so a database outage does not make
    the process manager restart healthy web workers in a loop."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness: this node can serve pages, i.e. it reaches the database and the cache."""
    checks: dict[str, str] = {}
    healthy = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception:  # any driver error means "not ready"
        logger.exception("readyz: database check failed")
        checks["database"] = "error"
        healthy = False
    try:
        cache.set("readyz-probe", "1", 5)
        if cache.get("readyz-probe") != "1":
            raise RuntimeError("cache did not return the probe value")
        checks["cache"] = "ok"
    except Exception:
        logger.exception("readyz: cache check failed")
        checks["cache"] = "error"
        healthy = False
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503
    )


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap_url = absolute(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /*/search/",
        "",
        f"Sitemap: {sitemap_url}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(max_age=86400, public=True)
def security_txt(request: HttpRequest) -> HttpResponse:
    """RFC 9116. ``Expires`` is required and must be less than a year ahead; it is computed so
    the file never goes stale."""
    expires = (timezone.now() + timedelta(days=180)).replace(microsecond=0)
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires.isoformat().replace('+00:00', 'Z')}",
        "Preferred-Languages: en, it",
        f"Canonical: {absolute(reverse('security_txt'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Translated 404 in the visitor's language (LocaleMiddleware has already activated it)."""
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """A static 500 page: no context processors, no database, nothing that could fail again."""
    template = loader.get_template("500.html")
    return HttpResponse(template.render(), status=500)


def serve_public_media(request: HttpRequest, path: str) -> HttpResponseBase:
    """Uploads for the embedded default (``SERVE_MEDIA``), never documents: those are reached only
    through Wagtail's serve view, which checks collection privacy and forces a download (they are
    not under MEDIA_ROOT either; this refusal holds even if someone copies them there)."""
    if is_document(unquote(path)):
        raise Http404("Documents are served at /documents/<id>/<name>.")
    return serve(request, path, document_root=str(settings.MEDIA_ROOT))
