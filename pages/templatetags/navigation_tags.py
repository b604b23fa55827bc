"""Menus, the language switcher and hreflang alternates."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.template.context import Context
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page

from ..links import PageLink, localized_links
from ..locales import active_locale, memoize_on_request
from ..models import Menu
from ..queries import Crumb, breadcrumb_trail, home_links, page_translation_urls

register = template.Library()

LANGUAGE_NAMES = {"en": "English", "it": "Italiano"}


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool
    is_translation: bool


@register.simple_tag(takes_context=True)
def language_links(context: Context) -> list[LanguageLink]:
    """Memoised per request: the header and the hreflang block both need the links."""
    request = context.get("request")
    page = context.get("page")
    key = f"language_links:{getattr(page, 'pk', None)}:{get_language()}"
    return memoize_on_request(request, key, lambda: _language_links(context))


def _language_links(context: Context) -> list[LanguageLink]:
    """Where each language's link should land.

    On a Wagtail page: its live translation, or that language's home page when there is none.
    On any other view (search, 404): the same URL with the other language prefix.
    """
    request: HttpRequest | None = context.get("request")
    current = get_language()
    page = context.get("page")
    translations: dict[str, str] = {}
    fallbacks: dict[str, str] = {}
    if isinstance(page, Page) and page.pk:
        # Cached until any page changes: the page's live translations, and every language's
        # home page as the fallback.
        translations = dict(page_translation_urls(page))
        fallbacks = {home.language_code: home.url for home in home_links()}
    elif request is not None:
        query = request.META.get("QUERY_STRING", "")
        for code, _name in settings.LANGUAGES:
            url = translate_url(request.path, code)
            translations[code] = f"{url}?{query}" if query else url
    links = []
    for code, _name in settings.LANGUAGES:
        url = translations.get(code) or fallbacks.get(code) or f"/{code}/"
        links.append(
            LanguageLink(
                code=code,
                name=LANGUAGE_NAMES.get(code, code),
                url=url,
                is_current=code == current,
                is_translation=code in translations,
            )
        )
    return links


@register.simple_tag(takes_context=True)
def get_menu(context: Context, location: str) -> Menu | None:
    """The live menu for ``location`` in the active language.

    All menus of the language come in one query, kept for the request; the templates also cache
    each rendered menu as a fragment, cleared when a menu or page changes.
    """
    locale = active_locale()
    if locale is None:
        return None

    def load() -> dict[str, Menu]:
        menus = {menu.location: menu for menu in Menu.objects.filter(locale=locale, live=True)}
        # Every menu's pages resolved in one batch (``menu_items`` then finds them cached).
        localized_links(
            block["value"].get("page")
            for menu in menus.values()
            for block in menu.items.raw_data
            if block.get("type") == "page"
        )
        return menus

    menus = memoize_on_request(context.get("request"), f"menus:{locale.pk}", load)
    return menus.get(location)


@register.simple_tag
def localized_page(page: Page | None) -> Page | None:
    """The page in the active language when a translation is live, else the page itself."""
    if page is None:
        return None
    return page.localized


def _page_id(page: Page | int | None) -> int | None:
    return page if isinstance(page, int) or page is None else page.pk


@register.simple_tag
def page_link(page: Page | int | None) -> PageLink | None:
    """The link to ``page`` in the visitor's language (``pages.links``); None when neither the
    page nor a translation of it is live, so templates leave the link out."""
    pk = _page_id(page)
    return localized_links([pk]).get(pk) if pk else None


@register.simple_tag
def page_links(pages: Iterable[Page | int | None] | None) -> list[PageLink]:
    """``page_link`` for a list of pages in one lookup, in their order, dead links left out."""
    ids = [_page_id(page) for page in pages or []]
    links = localized_links(ids)
    return [links[pk] for pk in ids if pk in links]


@dataclass(frozen=True)
class MenuItem:
    label: str
    url: str
    link: PageLink | None  # None for an address outside the site


@register.simple_tag
def menu_items(menu: Menu | None) -> list[MenuItem]:
    """A menu's items with their pages resolved to the visitor's language in one lookup."""
    if menu is None:
        return []
    blocks = list(menu.items.raw_data)
    links = localized_links(
        block["value"].get("page") for block in blocks if block.get("type") == "page"
    )
    items = []
    for block in blocks:
        value: Any = block.get("value") or {}  # a StreamField block's raw JSON
        if block.get("type") == "page":
            link = links.get(value.get("page"))
            if link is not None:
                items.append(MenuItem(value.get("label") or link.title, link.url, link))
        elif value.get("url"):
            items.append(MenuItem(value.get("label", ""), value["url"], None))
    return items


@register.simple_tag
def breadcrumbs(page: Page) -> list[Crumb]:
    """The page's ancestors below the home page, without a query once cached."""
    return breadcrumb_trail(page)
