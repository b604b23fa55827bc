"""The site's skeleton: locales, one home page per language, menus and site settings."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Model
from wagtail.blocks import StreamValue
from wagtail.models import Locale, Page, Site

from ..models import HomePage, Menu, MenuLocation, SiteSettings
from .context import DemoContext
from .data import demo_data, english, translations

DATA = demo_data("pages")
HOME = DATA["home"]["page"]
HOME_EN = english(HOME)
HOME_SLUG = HOME_EN.pop("slug")


def ensure_locales(ctx: DemoContext) -> None:
    for code in ("en", "it"):
        _, created = Locale.objects.get_or_create(language_code=code)
        ctx.counts["created" if created else "unchanged"] += 1


def ensure_home(ctx: DemoContext) -> HomePage:
    """One HomePage per language under the tree root; Wagtail's welcome page is replaced."""
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(depth=2, locale=ctx.en).first()
    if home is None:
        for stale in (
            root.get_children().filter(slug=HOME_SLUG).exclude(content_type__model="homepage")
        ):
            stale.delete()
        home = HomePage(slug=HOME_SLUG, locale=ctx.en, **HOME_EN)
        root.add_child(instance=home)
        home.save_revision().publish()
        ctx.counts["created"] += 1
        changed = True
    else:
        changed = _update(home, HOME_EN)
        ctx.counts["updated" if changed else "unchanged"] += 1
    ensure_site(ctx, home)
    ctx.translate(home, translations(HOME), changed=changed)
    return home


def ensure_site(ctx: DemoContext, home: HomePage) -> Site:
    """The default Site points at the English home page, on the host and port of BASE_URL, so
    canonical and sitemap URLs are right for whoever runs the demo."""
    url = urlsplit(settings.BASE_URL)
    values = {
        "hostname": url.hostname or "localhost",
        "port": url.port or (443 if url.scheme == "https" else 80),
        "root_page_id": home.pk,
        "site_name": HOME_EN["title"],
    }
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(is_default_site=True, **values)
        ctx.counts["created"] += 1
    elif _assign_changed(site, values):
        site.save()
        ctx.counts["updated"] += 1
    return site


def _assign_changed(obj: Model, values: dict[str, Any]) -> bool:
    changed = [key for key, value in values.items() if getattr(obj, key) != value]
    for key in changed:
        setattr(obj, key, values[key])
    return bool(changed)


def _update(page: HomePage, values: dict[str, Any]) -> bool:
    changed = any(getattr(page, key) != value for key, value in values.items())
    if changed:
        for key, value in values.items():
            setattr(page, key, value)
        page.save_revision().publish()
    return changed


def ensure_settings(ctx: DemoContext) -> None:
    site = Site.objects.get(is_default_site=True)
    ctx.upsert(
        SiteSettings,
        {"site": site},
        DATA["site_settings"],
    )


def menu_items(pages: list[Page]) -> list[dict[str, Any]]:
    return [{"type": "page", "value": {"page": page.pk, "label": ""}} for page in pages]


def ensure_menu(
    ctx: DemoContext, location: str, title: str, pages: list[Page], strings_it: dict[str, str]
) -> Menu:
    """Create or refresh a menu and its Italian translation (page links point at translations)."""
    menu, changed = ctx.upsert(
        Menu,
        {"location": location, "locale": ctx.en},
        {"title": title, "items": menu_items(pages), "live": True},
    )
    translated = ctx.translate(menu, strings_it, changed=changed)
    it_pages = [page.get_translation_or_none(ctx.it) or page for page in pages]
    if _normalise_items(translated.items) != menu_items(it_pages) or not translated.live:
        translated.items = menu_items(it_pages)
        translated.live = True
        translated.save()
    return menu


def _normalise_items(items: StreamValue) -> list[dict[str, Any]]:
    return [
        {"type": "page", "value": {"page": block.value["page"].pk, "label": block.value["label"]}}
        for block in items
        if block.block_type == "page" and block.value["page"] is not None
    ]


def load(ctx: DemoContext) -> None:
    from .areas import ensure_areas
    from .home import ensure_home_content
    from .network import ensure_network
    from .sections import ensure_sections
    from .standard import ensure_standard_pages
    from .stories import ensure_stories

    ensure_locales(ctx)
    home = ensure_home(ctx)
    ensure_settings(ctx)
    ctx.data["home"] = home
    ctx.data.setdefault("main_menu", [])
    ctx.data.setdefault("footer_menu", [])
    ctx.data.setdefault("legal_menu", [])
    areas = ensure_areas(ctx)
    ctx.data["areas"] = areas
    ctx.log("pages: six areas in English and Italian")
    standard = ensure_standard_pages(ctx)
    ctx.data["impact_page"] = standard["measuring-impact"]
    ensure_sections(ctx, areas)
    ensure_stories(ctx, areas)
    ensure_network(ctx, areas)
    ensure_home_content(ctx)
    ctx.log("pages: home, areas, stories, network and standard pages ready")


def finish(ctx: DemoContext) -> None:
    """Menus are built last, from the pages every builder registered in ``ctx.data``."""
    from .figures import link_section_figures
    from .home import link_home

    link_home(ctx)
    link_section_figures(ctx)
    # The network ("Join") reads best as the last item of the main navigation.
    network = ctx.data.get("network_page")
    if network in ctx.data["main_menu"]:
        ctx.data["main_menu"].remove(network)
        ctx.data["main_menu"].append(network)
    ensure_menu(ctx, MenuLocation.MAIN, "", ctx.data["main_menu"], {})
    footer_title = DATA["footer_menu_title"]
    ensure_menu(
        ctx,
        MenuLocation.FOOTER,
        english(footer_title),
        ctx.data["footer_menu"],
        translations(footer_title),
    )
    ensure_menu(ctx, MenuLocation.LEGAL, "", ctx.data["legal_menu"], {})
