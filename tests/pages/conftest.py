"""Fixtures for the pages app: areas in both languages, images, stories, members, a full tree."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import factory
import pytest
import wagtail_factories
from wagtail.models import Collection

from pages.models import (
    Area,
    Member,
    MemberStatus,
    NetworkPage,
    SectionPage,
    StandardPage,
    StoryIndexPage,
    StoryPage,
)
from tests.conftest import publish_child

AREAS = [
    ("health", "Health", "Salute", "rose", "heart"),
    ("education", "Education", "Educazione", "sky", "book"),
    ("environment", "Environment", "Ambiente", "leaf", "leaf"),
    ("economy", "Economy", "Economia", "sun", "hands"),
    ("culture", "Culture", "Cultura", "violet", "palette"),
    ("tourism", "Tourism", "Turismo", "teal", "compass"),
]


class ImageFactory(wagtail_factories.ImageFactory):
    collection = factory.LazyFunction(Collection.get_first_root_node)  # type: ignore[assignment]  # any declaration may replace another
    file = factory.django.ImageField(width=64, height=40, color="orange")


@pytest.fixture(autouse=True)
def _no_page_cache(settings, tmp_path):
    """Budgets measure rendering, not the anonymous page cache (tested by kindness_site)."""
    settings.PAGE_CACHE_ENABLED = False
    settings.MEDIA_ROOT = str(tmp_path)
    settings.OTP_REQUIRED = False  # admin two-factor is tested by kindness_site


@pytest.fixture
def areas(locales) -> dict[str, dict[str, Area]]:
    """The six areas in English, with Italian translations (same translation_key)."""
    result: dict[str, dict[str, Area]] = {"en": {}, "it": {}}
    for order, (slug, en, it, colour, icon) in enumerate(AREAS):
        area = Area.objects.create(
            name=en,
            slug=slug,
            colour=colour,
            icon=icon,
            sort_order=order,
            locale=locales["en"],
            short_description=f"{en} and kindness.",
        )
        translated = area.copy_for_translation(locales["it"])
        translated.name = it
        translated.short_description = f"{it} e gentilezza."
        translated.save()
        result["en"][slug] = area
        result["it"][slug] = translated
    return result


@pytest.fixture
def make_story() -> Callable[..., StoryPage]:
    def make(index: StoryIndexPage, n: int, areas=(), image=None) -> StoryPage:
        story = StoryPage(
            title=f"Story {n}",
            slug=f"story-{n}",
            date=datetime.date(2025, 1, 1) + datetime.timedelta(days=n),
            intro=f"What happened in story {n}.",
            hero_image=image,
        )
        story.areas = list(areas)
        return publish_child(index, story)

    return make


@pytest.fixture
def make_member() -> Callable[..., Member]:
    def make(n: int, *, status=MemberStatus.APPROVED, areas=(), **values) -> Member:
        defaults = {
            "name": f"Member {n:03d}",
            "kind": "school",
            "country": "IT",
            "city": "Milano",
            "status": status,
        }
        defaults.update(values)
        member = Member.objects.create(**defaults)
        if areas:
            member.areas.set(areas)
            member.save()  # areas of a cluster are written on save
        return member

    return make


@pytest.fixture
def tree(site_tree, areas, locales) -> dict:
    """A section page, a standard page, a story index and a network page in en and it."""
    home, home_it = site_tree["en"], site_tree["it"]
    health = areas["en"]["health"]
    pages = {
        "section": publish_child(
            home,
            SectionPage(title="Health", slug="health", area=health, intro="<p>Care.</p>"),
        ),
        "standard": publish_child(home, StandardPage(title="About", slug="about")),
        "stories": publish_child(home, StoryIndexPage(title="Stories", slug="stories")),
        "network": publish_child(home, NetworkPage(title="Network", slug="network")),
    }
    result = {"en": pages, "it": {}}
    for name, page in pages.items():
        translated = page.copy_for_translation(locales["it"])
        if name == "section":
            translated.area = areas["it"]["health"]
        translated.save_revision().publish()
        result["it"][name] = translated.specific
    home_it.refresh_from_db()
    assert home_it.get_children().count() == 4
    return result
