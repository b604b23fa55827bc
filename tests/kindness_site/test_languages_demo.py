"""Both languages of the real demo content, crawled from the sitemap.

* the sitemap lists every public address (pages, reference pages, profiles, projects, newsletter
  issues) of both languages on ``BASE_URL``, with lastmod and hreflang alternates;
* every page's canonical URL is its sitemap URL;
* no page links to content in the other language, except the language switcher;
* no page shows text of the other language: for every translatable field the demo fills, the
  rendered Italian page must not contain the English value of the same object (and the reverse);
* the search finds what visitors mean (the issue's cases), as far as the database allows.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.test import Client
from django.utils.html import strip_tags
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from research.models import Reference
from tests.demo_module import DEMO_MODULE, _demo_content, _django_db_marker  # noqa: F401

pytestmark = DEMO_MODULE

LANGUAGES = ("en", "it")
MIN_CHARS = 12  # shorter strings (names, "Instagram") are often the same word in both languages
SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


def plain(text: str) -> str:
    return " ".join(html.unescape(strip_tags(text)).split())


class PageReader(HTMLParser):
    """What a visitor reads (text, alt/title/label attributes, meta descriptions, JSON-LD
    descriptions), the page's links (and whether they are in the language switcher) and its
    canonical URL."""

    TEXT_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder", "data-language-marker")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.links: list[tuple[str, bool]] = []
        self.canonical = ""
        self._skip = 0
        self._switcher = 0
        self._json_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if tag == "nav" and (self._switcher or "language-switcher" in a.get("class", "")):
            self._switcher += 1
        if tag in ("script", "style", "template"):
            self._skip += 1
            self._json_ld = a.get("type") == "application/ld+json"
        if tag == "a" and a.get("href"):
            self.links.append((a["href"], bool(self._switcher)))
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical = a.get("href", "")
        if (tag == "meta" and a.get("name") == "description") or a.get("property", "") in (
            "og:description",
            "og:title",
        ):
            self.texts.append(a.get("content", ""))
        self.texts.extend(a[name] for name in self.TEXT_ATTRIBUTES if a.get(name))

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self._switcher:
            self._switcher -= 1
        if tag in ("script", "style", "template") and self._skip:
            self._skip -= 1
            self._json_ld = False

    def handle_data(self, data: str) -> None:
        if self._json_ld:
            self.texts.extend(_json_descriptions(json.loads(data)))
        elif not self._skip:
            self.texts.append(data)

    def text(self) -> str:
        return " ".join(" ".join(self.texts).split())


def _json_descriptions(data: object) -> Iterator[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("description", "abstract") and isinstance(value, str):
                yield value
            else:
                yield from _json_descriptions(value)
    elif isinstance(data, list):
        for item in data:
            yield from _json_descriptions(item)


@dataclass
class Crawl:
    sitemap: str
    entries: dict[str, dict] = field(default_factory=dict)  # location -> lastmod, alternates
    pages: dict[str, PageReader] = field(default_factory=dict)  # path -> reader


def _read_sitemap(xml: str) -> dict[str, dict]:
    import xml.etree.ElementTree as ET

    entries: dict[Any, dict[str, Any]] = {}  # findtext is typed str | None; <loc> is required
    for url in ET.fromstring(xml).findall("s:url", SITEMAP_NS):
        location = url.findtext("s:loc", namespaces=SITEMAP_NS)
        entries[location] = {
            "lastmod": url.findtext("s:lastmod", namespaces=SITEMAP_NS),
            "alternates": {
                link.get("hreflang"): link.get("href") for link in url.findall("x:link", SITEMAP_NS)
            },
        }
    return entries


@pytest.fixture(scope="module")
def crawl(demo_content) -> Crawl:
    client = Client(raise_request_exception=True)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    result = Crawl(sitemap=response.content.decode())
    result.entries = _read_sitemap(result.sitemap)
    for location in result.entries:
        path = urlsplit(location).path
        page = client.get(path)
        assert page.status_code == 200, f"{path} gave {page.status_code}"
        reader = PageReader()
        reader.feed(page.content.decode())
        result.pages[path] = reader
    return result


def _language(path: str) -> str:
    return path.strip("/").split("/")[0]


# --- sitemap and canonical URLs -------------------------------------------------------------
def test_sitemap_lists_every_public_address_of_both_languages(crawl):
    from people.models import Person, TeamPage
    from projects.models import ProjectPage
    from research.models import ResearchIndexPage

    locations = set(crawl.entries)
    assert all(loc.startswith(settings.BASE_URL + "/") for loc in locations)
    live_pages = Page.objects.live().filter(depth__gt=1)
    for page in live_pages:
        assert settings.BASE_URL + page.url in locations, page.url
    for library in ResearchIndexPage.objects.live():
        for slug in Reference.objects.values_list("slug", flat=True):
            assert f"{settings.BASE_URL}{library.url}{slug}/" in locations
    for team in TeamPage.objects.live():
        for person in Person.objects.filter(locale_id=team.locale_id, live=True):
            assert f"{settings.BASE_URL}{team.url}{person.slug}/" in locations
    assert ProjectPage.objects.live().count() >= 2
    assert any("/newsletter/" in loc and loc.count("/") > 5 for loc in locations)
    assert all(entry["lastmod"] for entry in crawl.entries.values())


def test_sitemap_alternates_pair_the_languages_with_an_english_default(crawl):
    for location, entry in crawl.entries.items():
        alternates = entry["alternates"]
        assert set(alternates) == {"en", "it", "x-default"}, location
        assert alternates["x-default"] == alternates["en"]
        assert location in alternates.values()
        for language in LANGUAGES:
            assert _language(urlsplit(alternates[language]).path) == language


def test_every_canonical_url_is_the_sitemap_url(crawl):
    wrong = {
        location: crawl.pages[urlsplit(location).path].canonical
        for location in crawl.entries
        if crawl.pages[urlsplit(location).path].canonical != location
    }
    assert not wrong, wrong


# --- no crossing between languages ----------------------------------------------------------
def test_no_page_links_to_the_other_language_except_the_switcher(crawl):
    crossing = []
    for path, reader in crawl.pages.items():
        other = "it" if _language(path) == "en" else "en"
        for href, in_switcher in reader.links:
            target = urlsplit(href)
            same_site = not target.netloc or href.startswith(settings.BASE_URL)
            if same_site and _language(target.path) == other and not in_switcher:
                crossing.append(f"{path} -> {href}")
    assert not crossing, "\n".join(crossing)


def _segments(instance) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for segment in extract_segments(instance):
        if isinstance(segment, StringSegmentValue):
            found.setdefault(segment.path, []).append(plain(segment.string.data))
    return found


def translated_texts() -> list[tuple[str, str, str]]:
    """``(where, English, Italian)`` for every translatable field the demo fills:
    wagtail-localize's segments of every translated page and snippet, and the per-language
    fields of references. Texts that are the same in both languages (names) are included, so a
    test can tell that a text is used in both."""
    english, italian = (Locale.objects.get(language_code=code) for code in LANGUAGES)
    pairs = []
    models: list[Any] = [  # TranslatableMixin models, each with its own manager
        model
        for model in apps.get_models()
        if issubclass(model, TranslatableMixin) and not issubclass(model, Page)
    ]
    sources = [
        *Page.objects.filter(locale=english, depth__gt=1).specific(),
        *(obj for model in models for obj in model.objects.filter(locale=english)),
    ]
    for source in sources:
        translation = source.get_translation_or_none(italian)
        if translation is None:
            continue
        translation = translation.specific if isinstance(translation, Page) else translation
        theirs = _segments(translation)
        for path, texts in _segments(source).items():
            for text, other in zip(texts, theirs.get(path, []), strict=False):
                if text and (text == other or len(text) >= MIN_CHARS):
                    pairs.append((f"{type(source).__name__} {source.pk} {path}", text, other))
    for ref in Reference.objects.all():
        for shown, (en_field, it_field) in Reference.READER_TEXT_FIELDS.items():
            text, other = getattr(ref, en_field), getattr(ref, it_field)
            if text:
                pairs.append((f"Reference {ref.slug} {shown}", plain(text), plain(other)))
    return pairs


def _contains(haystack: str, needle: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", haystack) is not None


def test_every_translatable_field_the_demo_fills_is_translated(demo_content):
    missing = [where for where, _english, italian in translated_texts() if not italian]
    assert not missing, missing


def test_no_page_shows_text_of_the_other_language(crawl):
    """A text counts as English on an Italian page unless some Italian field uses the same
    text too (a proper name such as "International Kindness Movement" in an affiliation)."""
    texts = {path: reader.text() for path, reader in crawl.pages.items()}
    pairs = translated_texts()
    english_texts = {english for _where, english, _italian in pairs}
    italian_texts = {italian for _where, _english, italian in pairs}
    leaks = []
    for where, english, italian in pairs:
        if not italian or english == italian:
            continue
        for path, text in texts.items():
            if (
                _language(path) == "it"
                and english not in italian_texts
                and _contains(text, english)
            ):
                leaks.append(f"{path}: English {where}: {english[:70]!r}")
            if (
                _language(path) == "en"
                and italian not in english_texts
                and _contains(text, italian)
            ):
                leaks.append(f"{path}: Italian {where}: {italian[:70]!r}")
    assert not leaks, f"{len(leaks)} leaks:\n" + "\n".join(sorted(set(leaks))[:60])


# --- search: the cases --------------------------------------------------------------
def _found(client: Client, language: str, query: str) -> list[str]:
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    return (
        [hit.url for hit in response.context["outcome"].hits]
        if response.context["outcome"].total
        else []
    )


@pytest.fixture
def search_client(demo_content, settings) -> Client:
    settings.SEARCH_RESULTS_PER_PAGE = 100
    settings.SEARCH_REQUESTS_PER_MINUTE = 1000
    return Client(raise_request_exception=True)


def test_search_ignores_accents_and_case(search_client):
    """González-Ortiz co-wrote greco2025: ``Gonzalez``, ``gonzález`` and ``GONZÁLEZ`` find it."""
    for language in LANGUAGES:
        for query in ("Gonzalez", "gonzález", "GONZÁLEZ"):
            found = _found(search_client, language, query)
            assert any(url.endswith("/greco2025/") for url in found), (language, query, found)


def test_search_tolerates_hyphenated_compounds(search_client):
    joined = _found(search_client, "en", "wellbeing")
    hyphenated = _found(search_client, "en", "well-being")
    assert joined and sorted(joined) == sorted(hyphenated)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("it", ("ospedale", "ospedali")),
        ("it", ("gentile", "gentili")),
        ("en", ("hospital", "hospitals")),
    ],
)
def test_search_stems_each_language_on_postgresql(search_client, language, words):
    """On PostgreSQL the forms of a word find the same pages; SQLite has no stemming (see the
    README): there each form finds only the pages containing it as typed."""
    results = [_found(search_client, language, word) for word in words]
    if connection.vendor == "postgresql":
        assert results[0] and sorted(results[0]) == sorted(results[1]), results
    else:
        assert results[1], results  # found as typed, but the other form is another word


def test_search_suggests_the_word_meant(search_client):
    response = search_client.get("/it/search/", {"q": "gentilezzza"})
    assert response.context["outcome"].total == 0
    assert response.context["outcome"].suggestion == "gentilezza"
    assert 'href="?q=gentilezza"' in response.content.decode()
