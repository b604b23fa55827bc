"""Every public page type of the real demo content renders in at most 12 queries.

The small fixtures of the per-app budget tests miss what the demo content has: evidence blocks,
contact people, featured projects, translated trees four levels deep. So the demo content is
loaded once for this module, and the pages are found the way the benchmark finds them
(``bench.pages_probe``): one live page per page model and language, every sub-page a routable
page links to, and the public views that are not pages. A new page type, route or view is
measured here without touching this file. On top of that, the filter, sort and pagination links
each listing shows are followed, once per set of parameters.

What is measured is a page-cache miss with warm fragment caches (the page rendered once before,
so menus, the area taxonomy, renditions and the tree lookups are cached), as the benchmark does.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench import pages_probe
from tests.demo_module import DEMO_MODULE, _demo_content, _django_db_marker  # noqa: F401

BUDGET = 12
LISTING_LINKS_PER_PAGE = 6  # filtered, sorted and paginated versions measured per listing

pytestmark = DEMO_MODULE


def _client() -> Client:
    return Client(raise_request_exception=True)


def _render(url: str) -> tuple[int, str]:
    response = _client().get(url)
    body = b"" if getattr(response, "streaming", False) else response.content
    if not response.get("Content-Type", "").startswith("text/html"):
        return response.status_code, ""  # feeds and exports are not page types
    return response.status_code, body.decode()


class _FilterForms(HTMLParser):
    """The GET forms of a page, each with one value to try per field (the first option of a
    list, the value of a checkbox, a word for a text box)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, dict[str, str]]] = []
        self._fields: dict[str, str] | None = None
        self._select = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if tag == "form":
            if a.get("method", "get").lower() == "get":
                self._fields = {}
                self.forms.append((a.get("action", ""), self._fields))
            return
        if self._fields is None or (not a.get("name") and tag != "option"):
            return
        kind = a.get("type", "text").lower()
        if tag == "input" and kind in ("checkbox", "radio"):
            self._fields.setdefault(a["name"], a.get("value") or "on")
        elif tag == "input" and kind in ("text", "search"):
            self._fields.setdefault(a["name"], "kindness")
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and a.get("value"):
            self._fields.setdefault(self._select, a["value"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._fields = None
        elif tag == "select":
            self._select = ""


def _listing_links(url: str, page_html: str) -> list[str]:
    """Other versions of a listing: its own links with GET parameters (filters, sorting,
    pages), one per set of parameter names, and each of its filter forms filled in."""
    path = urlsplit(url).path
    seen: set[frozenset[str]] = {frozenset(dict(parse_qsl(urlsplit(url).query)))}
    candidates = [html.unescape(href) for href in pages_probe.HREF.findall(page_html)]
    forms = _FilterForms()
    forms.feed(page_html)
    candidates += [f"{action}?{urlencode(fields)}" for action, fields in forms.forms if fields]
    links = []
    for candidate in candidates:
        target = urlsplit(candidate)
        if not target.query or (target.path and target.path != path):
            continue
        params = dict(parse_qsl(target.query))
        if "format" in params:  # exports, not pages
            continue
        names = frozenset(params)
        if names in seen:
            continue
        seen.add(names)
        links.append(f"{path}?{target.query}")
    return links[:LISTING_LINKS_PER_PAGE]


@pytest.fixture(scope="module")
def page_urls(demo_content) -> dict[str, str]:
    """``{label: url}`` of every page type, language, route and listing variant to measure."""
    page_types = list(pages_probe.page_examples().values())
    urls: dict[str, str] = {}
    extra = []
    for page_type in page_types:
        html_by_language = {}
        for language, probe in page_type.probes.items():
            status, page_html = _render(probe.url)
            assert status == 200, f"{page_type.key} ({language}): {probe.url} gave {status}"
            html_by_language[language] = page_html
            urls[f"{page_type.key} ({language})"] = probe.url
            for link in _listing_links(probe.url, page_html):
                urls[f"{page_type.key} ({language}) {urlsplit(link).query}"] = link
        extra.extend(pages_probe.routable_subpages(page_type, html_by_language))
    for page_type in [*extra, *pages_probe.view_examples()]:
        for language, probe in page_type.probes.items():
            status, page_html = _render(probe.url)
            if status == 200 and page_html:
                urls[f"{page_type.key} ({language})"] = probe.url
    # The library's own search and a search with several words and no result.
    for label, url in list(urls.items()):
        if label.startswith("research.researchindexpage (") and "?" not in url:
            urls[f"{label} searched"] = url + "?q=kindness+school&sort=relevance"
        if label.startswith("view:search (") and "?" in url:
            urls[f"{label} no result"] = url.split("?")[0] + "?q=zzzz+qqqq"
    return urls


def test_discovery_finds_every_page_type_in_both_languages(page_urls):
    """The demo content has every page type in English and Italian, with their sub-pages."""
    labels = " ".join(page_urls)
    for page_type in pages_probe.page_examples().values():
        for language in pages_probe.LANGUAGES:
            assert f"{page_type.key} ({language})" in labels, f"{page_type.key} {language}"
    for route in ("research.researchindexpage:reference", "people.teampage:person", "view:search"):
        assert route in labels


def test_every_page_type_renders_within_the_budget(page_urls):
    over: list[str] = []
    for label, url in page_urls.items():
        client = _client()
        client.get(url)  # fills the fragment caches, as any earlier visitor would
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, f"{label}: {url} gave {response.status_code}"
        if len(captured) > BUDGET:
            sql = "\n".join(f"  {q['sql'][:300]}" for q in captured.captured_queries)
            over.append(f"{label} {url}: {len(captured)} queries\n{sql}")
    assert not over, f"over {BUDGET} queries:\n" + "\n\n".join(over)
