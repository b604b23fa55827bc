"""The query savings of serving a page keep Wagtail's rules: routing, view restrictions, the
cached Site and tree lookups, and renditions (see ``pages.queries``)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Image
from wagtail.models import PageViewRestriction, Site

from pages.models import StandardPage, StoryIndexPage, StoryPage
from pages.queries import PICTURE_SPECS, prefetch_renditions
from tests.conftest import publish_child

from .conftest import ImageFactory

pytestmark = pytest.mark.django_db


def _chain(parent, depth: int, prefix: str = "level") -> StandardPage:
    page = parent
    for level in range(depth):
        page = publish_child(page, StandardPage(title=f"Level {level}", slug=f"{prefix}-{level}"))
    return page


def _queries(client, url: str) -> tuple[int, int]:
    client.get(url)  # per-process and fragment caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response.status_code, len(captured)


def test_deep_pages_cost_no_more_queries_than_shallow_ones(client, home):
    shallow = _chain(home, 1, "shallow")
    deep = _chain(home, 5, "deep")
    status_shallow, shallow_count = _queries(client, shallow.url)
    status_deep, deep_count = _queries(client, deep.url)
    assert (status_shallow, status_deep) == (200, 200)
    assert deep_count == shallow_count


def test_routing_keeps_wagtails_rules(client, home):
    leaf = _chain(home, 3)
    assert client.get(leaf.url).status_code == 200
    assert client.get(leaf.url + "missing/").status_code == 404
    assert client.get("/en/level-0/no-such-page/level-2/").status_code == 404
    # A page under an unpublished parent is still served, as Wagtail does; a draft is not.
    parent = leaf.get_parent().specific
    parent.unpublish()
    assert client.get(leaf.url).status_code == 200
    draft = StandardPage(title="Draft", slug="draft", live=False)
    leaf.add_child(instance=draft)
    assert client.get(leaf.url + "draft/").status_code == 404


def test_routable_pages_route_their_own_sub_paths(client, home):
    index = publish_child(home, StoryIndexPage(title="Stories", slug="stories"))
    publish_child(index, StoryPage(title="A story", slug="a-story", intro="x"))
    assert client.get("/en/stories/").status_code == 200
    assert client.get("/en/stories/a-story/").status_code == 200
    assert client.get("/en/stories/feed/rss/")["Content-Type"].startswith("application/rss")


def test_view_restrictions_on_ancestors_and_aliases_are_honoured(client, home):
    section = _chain(home, 1, "private")
    leaf = publish_child(section, StandardPage(title="Inside", slug="inside"))
    alias = leaf.create_alias(parent=home, update_slug="inside-copy")
    members = Group.objects.create(name="Members")
    assert client.get(leaf.url).status_code == 200
    on_section = PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.GROUPS
    )
    on_section.groups.add(members)
    assert client.get(leaf.url).status_code == 302  # to the login page
    assert client.get(alias.url).status_code == 200  # Wagtail: the source's own rules only
    on_leaf = PageViewRestriction.objects.create(
        page=leaf, restriction_type=PageViewRestriction.GROUPS
    )
    on_leaf.groups.add(members)
    assert client.get(alias.url).status_code == 302  # restricted like the page it copies
    on_section.delete()
    on_leaf.delete()
    assert client.get(leaf.url).status_code == 200


def test_a_changed_site_is_picked_up_at_once(client, home):
    page = _chain(home, 1)
    assert client.get(page.url).status_code == 200
    site = Site.objects.get(is_default_site=True)
    site.is_default_site = False
    site.hostname = "elsewhere.example"
    site.save()
    assert client.get(page.url).status_code == 404  # no site answers for testserver any more


def test_renditions_are_prefetched_once_then_come_from_the_cache(home):
    """Cold cache: one query for every image's renditions, which then go into the cache; warm
    cache: none at all, for the prefetch and for the picture tag's lookups."""
    from django.core.cache import cache
    from wagtail.images import get_image_model

    made: list[Image] = [ImageFactory(), ImageFactory()]  # type: ignore[list-item]  # factories return models
    for image in made:
        image.get_renditions(*PICTURE_SPECS)

    def load() -> list:
        return list(get_image_model().objects.filter(pk__in=[image.pk for image in made]))

    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        prefetch_renditions(load())
    assert len(cold) == 2  # the images, then their renditions in one query
    images = load()
    with CaptureQueriesContext(connection) as warm:
        prefetch_renditions(images)
        for image in images:
            image.get_renditions(*PICTURE_SPECS)
    assert len(warm) == 0
