"""Find one URL per public page type and count the queries each renders with, uncached.

Runs inside Django (``python -m bench.pages_probe OUT.json``, started by bench/run.py with the
bench environment and ``PAGE_CACHE_ENABLED=false``). Page types are discovered, not listed: every
concrete page model of the project's apps, every HTML sub-page a routable page links to (research
references, team profiles, the join form...), and the public views that are not pages. A page type
added by another app shows up in the next report without touching the benchmark.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.test import Client
from urllib.parse import urlsplit

PROJECT_APPS = ("pages", "research", "people", "projects", "newsletter")
LANGUAGES = ("en", "it")
HREF = re.compile(r'href="([^"#]+)"')
QUERY_LOG_DIR: Path | None = None  # set by main(): <output dir>/queries


@dataclass
class Probe:
    """One language's example of a page type and what rendering it cost."""

    url: str
    status: int = 0
    queries_cold: int = 0  # empty cache: menus, settings and fragments are built too
    queries_warm: int = 0  # second render: fragment caches filled, page cache still off
    html_bytes: int = 0
    page_id: int | None = None
    error: str = ""  # the exception rendering raised outside the view (status stays 0)


@dataclass
class PageType:
    key: str
    label: str
    probes: dict[str, Probe] = field(default_factory=dict)
    note: str = ""


def measure(
    client_factory: Callable[[], Client], url: str, page_id: int | None = None
) -> tuple[Probe, str, str]:
    """Render twice with the test client; return the probe, the HTML and its content type."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    probe = Probe(url=url, page_id=page_id)
    cache.clear()
    try:
        with CaptureQueriesContext(connection) as cold:
            response = client_factory().get(url)
        with CaptureQueriesContext(connection) as warm:
            client_factory().get(url)
    except Exception as error:  # a broken page must not hide every other page type
        probe.error = f"{type(error).__name__}: {error}"[:300]
        return probe, "", ""
    probe.status = response.status_code
    probe.queries_cold = len(cold.captured_queries)
    probe.queries_warm = len(warm.captured_queries)
    if QUERY_LOG_DIR is not None:  # the SQL itself, for whoever has to bring a count down
        name = re.sub(r"[^a-z0-9]+", "-", url.lower()).strip("-") or "root"
        for label, captured in (("warm", warm), ("cold", cold)):
            text = "\n".join(q["sql"] for q in captured.captured_queries)
            (QUERY_LOG_DIR / f"{name}.{label}.sql").write_text(text + "\n")
    body = b"" if getattr(response, "streaming", False) else response.content
    probe.html_bytes = len(body)
    return probe, body.decode("utf-8", "replace"), response.get("Content-Type", "")


def page_examples() -> dict[str, PageType]:
    """One live, public page per concrete page model and language (shallowest first)."""
    from wagtail.models import get_page_models

    found: dict[str, PageType] = {}
    for model in sorted(get_page_models(), key=lambda m: m._meta.label_lower):
        if model._meta.app_label not in PROJECT_APPS or model._meta.abstract:
            continue
        page_type = PageType(key=model._meta.label_lower, label=str(model._meta.verbose_name))
        for language in LANGUAGES:
            page = (
                model.objects.live()
                .public()
                .filter(locale__language_code=language)
                .order_by("path")
                .first()
            )
            if page is not None:
                page_type.probes[language] = Probe(url=page.get_url(), page_id=page.pk)
        if not page_type.probes:
            page_type.note = "no live page in the demo content"
        found[page_type.key] = page_type
    return found


def routable_subpages(page_type: PageType, html_by_language: dict[str, str]) -> list[PageType]:
    """Sub-pages a routable page links to, one per route, found from its own rendered HTML."""
    from django.http import Http404
    from wagtail.contrib.routable_page.models import RoutablePageMixin
    from wagtail.models import Page

    sub_types: dict[str, PageType] = {}
    for language, html in html_by_language.items():
        probe = page_type.probes[language]
        base = probe.url
        routable = Page.objects.get(pk=probe.page_id).specific if probe.page_id else None
        if not isinstance(routable, RoutablePageMixin):
            return []
        for href in HREF.findall(html):
            path = urlsplit(href).path
            if not path.startswith(base) or path == base:
                continue
            remainder = "/" + path[len(base) :].lstrip("/")
            try:
                match = routable.resolve_subpage(remainder)
            except Http404:  # not a route of this page (a child page, an asset)
                continue
            route = match.url_name or match.func.__name__
            key = f"{page_type.key}:{route}"
            sub = sub_types.setdefault(key, PageType(key=key, label=f"{page_type.label}: {route}"))
            sub.probes.setdefault(language, Probe(url=path))
    return list(sub_types.values())


def view_examples() -> list[PageType]:
    """Public views that are not Wagtail pages."""
    from django.urls import NoReverseMatch, reverse
    from django.utils import translation

    views = [
        ("view:search", "search results", "search", "?q=kindness"),
        ("view:newsletter-subscribe", "newsletter sign-up", "newsletter_public:subscribe", ""),
    ]
    found = []
    for key, label, name, query in views:
        page_type = PageType(key=key, label=label)
        for language in LANGUAGES:
            with translation.override(language):
                try:
                    page_type.probes[language] = Probe(url=reverse(name) + query)
                except NoReverseMatch:
                    continue
        if page_type.probes:
            found.append(page_type)
    return found


def probe_all(host: str) -> list[PageType]:
    from django.test import Client

    def client_factory() -> Client:
        return Client(HTTP_HOST=host, raise_request_exception=False)

    page_types = list(page_examples().values())
    extra: list[PageType] = []
    for page_type in page_types:
        html_by_language: dict[str, str] = {}
        for language, probe in list(page_type.probes.items()):
            measured, html, _content_type = measure(client_factory, probe.url, probe.page_id)
            page_type.probes[language] = measured
            html_by_language[language] = html
        extra.extend(routable_subpages(page_type, html_by_language))
    for page_type in [*extra, *view_examples()]:
        keep = True
        for language, probe in list(page_type.probes.items()):
            measured, _html, content_type = measure(client_factory, probe.url)
            if not content_type.startswith("text/html"):
                keep = False  # exports and feeds are not page types
            page_type.probes[language] = measured
        if keep:
            page_types.append(page_type)
    return page_types


def main() -> None:
    import django

    django.setup()
    from django.conf import settings

    global QUERY_LOG_DIR  # one run, one directory
    QUERY_LOG_DIR = Path(sys.argv[1]).parent / "queries"
    shutil.rmtree(QUERY_LOG_DIR, ignore_errors=True)
    QUERY_LOG_DIR.mkdir(parents=True)
    host = urlsplit(settings.BASE_URL).netloc
    page_types = probe_all(host)
    Path(sys.argv[1]).write_text(json.dumps([asdict(t) for t in page_types], indent=2))


if __name__ == "__main__":
    main()
