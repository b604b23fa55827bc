"""Root URLs: language-neutral endpoints first, then everything visitors read under /en/ or /it/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.decorators.http import require_POST
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.views.account import LogoutView
from wagtail.documents import urls as wagtaildocs_urls

from pages.sitemap import sitemap_view
from pages.views import search

from . import views
from .security.csp import with_admin_headers

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    path("sitemap.xml", sitemap_view, name="sitemap"),
    # The admin's own CSP and same-origin framing (kindness_site/security/csp.py).
    *with_admin_headers(
        [
            path("admin/2fa/", include("kindness_site.security.urls")),
            # Wagtail's logout answers GET with 405 but still deletes the session cookie, so any
            # page could sign an editor out with <img src=/admin/logout/>: POST only, refused
            # before its view runs.
            path("admin/logout/", require_POST(LogoutView.as_view()), name="wagtailadmin_logout"),
            path("admin/", include(wagtailadmin_urls)),
        ]
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("newsletter/", include("newsletter.urls")),
]

if settings.SERVE_MEDIA:
    # The embedded default serves uploads itself; production serves them from object storage or
    # the reverse proxy (whitenoise never serves media).
    urlpatterns.append(re_path(r"^media/(?P<path>.*)$", views.serve_public_media))

urlpatterns += i18n_patterns(
    path("search/", search, name="search"),
    path("newsletter/", include("newsletter.urls_i18n")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = "kindness_site.views.page_not_found"
handler500 = "kindness_site.views.server_error"
