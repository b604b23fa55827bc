"""Query helpers that keep every public page within its query budget.

Two tools:

* ``public_live(qs)``: Wagtail's ``.public()`` runs one extra query per call to read every view
  restriction; this does the same exclusion as a correlated subquery inside the main query.
* Small read-through caches for data that changes rarely but is read on every page (the area
  taxonomy, the home pages, the network's figures, tree lookups). Their keys carry the content
  generation (``pages.cache_generation``), which every public change bumps in every process, so
  they are never stale; they live in the configured cache (Redis in production).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, F, OuterRef, QuerySet
from django.db.models.functions import Length, Substr
from wagtail.models import PageViewRestriction
from wagtail.query import PageQuerySet

from . import cache_generation, local_copies
from .locales import memoize_on_request
from .pictures import SHAPES, shape_named

if TYPE_CHECKING:  # imported inside the functions at run time (the app registry)
    from django.http import HttpRequest
    from wagtail.models import Page

CACHE_SECONDS = 60 * 60
AREAS_KEY = "pages:areas"
NETWORK_KEY = "pages:network"
SETTINGS_KEY = "pages:site-settings:{site_id}"


def view_restricted() -> Exists:
    """True for a page inside a private section (a restriction on it or an ancestor), as a
    subquery of the page query rather than a query of its own."""
    restricted = PageViewRestriction.objects.annotate(
        restricted_path=F("page__path"),
    ).filter(restricted_path=Substr(OuterRef("path"), 1, Length(F("page__path"))))
    return Exists(restricted)


def public_live(pages: PageQuerySet) -> PageQuerySet:
    """Live pages outside any private section, without a separate restrictions query."""
    return pages.live().filter(~view_restricted())


def cached[T](name: str, factory: Callable[[], T], timeout: int = CACHE_SECONDS) -> T:
    """``factory()``, shared between requests and processes until public content changes.

    ``None`` is cached too (boxed), so a lookup that finds nothing does not query every time.
    Under Redis each process keeps its own copy (``pages.local_copies``): no round trip each.
    """
    generation = cache_generation.current()
    key = cache_generation.key(name, generation)
    box = local_copies.read(key, generation)
    if box is None:
        box = (factory(),)
        local_copies.write(key, generation, box, timeout)
    return box[0]


def area_taxonomy() -> dict[str, Any]:
    """Every area row of every language: ``{"by_pk": {...}, "by_locale": {locale_id: [...]}}``."""
    from .models import Area

    def load() -> dict[str, Any]:
        rows = list(Area.objects.order_by("sort_order", "name"))
        by_locale: dict[int, list[Any]] = {}
        for area in rows:
            by_locale.setdefault(area.locale_id, []).append(area)
        return {"by_pk": {area.pk: area for area in rows}, "by_locale": by_locale}

    return cached(AREAS_KEY, load)


@dataclass(frozen=True)
class HomeLink:
    """What templates need of a home page (title and URL), small enough to cache."""

    pk: int
    title: str
    url: str
    locale_id: int
    language_code: str


def tree_cached[T](request: Any, key: str, factory: Callable[[], T]) -> T:
    """``factory()`` once per request, and shared between requests until content changes.

    For lookups such as "the research library of this language": every page that links to a
    reference or a profile needs that page, which only changes when a page is published,
    unpublished, moved, deleted or restricted (all of which bump the generation). ``None`` is
    cached too, so a language without such a page does not query on every request.
    """
    return memoize_on_request(request, key, lambda: cached(f"pages:tree:{key}", factory))


def home_links() -> list[HomeLink]:
    """Every language's live home page (cached per generation)."""
    from wagtail.models import Page

    def load() -> list[HomeLink]:
        homes = (
            Page.objects.live()
            .filter(depth=2)
            .select_related("locale")
            .only("title", "url_path", "locale__language_code")
            .order_by("path")
        )
        return [
            HomeLink(
                home.pk, home.title, home.url or "/", home.locale_id, home.locale.language_code
            )
            for home in homes
        ]

    return cached("pages:homes", load)


def page_translation_urls(page: Page) -> dict[str, str]:
    """``{language_code: url}`` of the live translations of ``page`` (cached per generation)."""
    from wagtail.models import Page

    def load() -> dict[str, str]:
        translations = (
            Page.objects.live()
            .filter(translation_key=page.translation_key)
            .select_related("locale")
            .only("url_path", "locale__language_code")
        )
        return {t.locale.language_code: t.url for t in translations if t.url}

    return cached(f"pages:translations:{page.translation_key}", load)


@dataclass(frozen=True)
class Crumb:
    """A breadcrumb: an ancestor's title and URL, small enough to cache."""

    title: str
    url: str


def breadcrumb_trail(page: Page) -> list[Crumb]:
    """The ancestors between the home page and ``page`` (cached per generation).

    ``get_ancestors()`` costs a query on every page with breadcrumbs; titles and URLs only change
    through publishing or moving, which bumps the generation.
    """
    from wagtail.models import Page

    def load() -> list[Crumb]:
        paths = ancestor_paths(page)[2:-1]  # below the root and the home page, above the page
        ancestors = Page.objects.filter(path__in=paths).only("title", "url_path").order_by("path")
        return [Crumb(ancestor.title, ancestor.url or "") for ancestor in ancestors]

    if not page.pk or not page.path:  # the preview of a page not saved yet
        return load()
    return cached(f"pages:crumbs:{page.path}", load)


# What ``templates/includes/picture.html`` asks for by default (see ``pages.pictures``).
PICTURE_SPECS = SHAPES["natural"].specs


@lru_cache(maxsize=len(SHAPES))
def _picture_filters(shape: str) -> tuple[Any, ...]:
    from wagtail.images.models import Filter

    return tuple(Filter(spec) for spec in shape_named(shape).specs)


def prefetch_renditions(images: Iterable[Any], shape: str = "natural") -> None:
    """``prefetch_shaped_renditions`` for images all shown in one shape (a listing's cards)."""
    prefetch_shaped_renditions((image, shape) for image in images)


def prefetch_shaped_renditions(pictures: Iterable[tuple[Any, str]]) -> None:
    """Make the picture partial's renditions of each ``(image, shape)`` available without a
    query each.

    Wagtail looks a rendition up in the cache, then in the database, one image at a time, and
    never caches renditions that were prefetched. So: one cache round trip for all the images;
    for those with a rendition missing from the cache, one prefetch query, whose renditions then
    go into the cache (as Wagtail would have put them there). A listing thus costs one rendition
    query with a cold cache and none with a warm one, whatever its length.
    """
    from django.db.models import Prefetch, prefetch_related_objects
    from wagtail.images import get_image_model

    rendition_model = get_image_model().get_rendition_model()
    by_pk: dict[int, list[Any]] = {}  # the same image may come as several instances
    shapes: dict[int, set[str]] = {}
    for image, shape in pictures:
        # Django has no public "is this relation prefetched?"; Wagtail's own
        # Image._get_prefetched_renditions reads the same prefetch cache, so this follows it.
        if image is not None and "renditions" not in getattr(
            image, "_prefetched_objects_cache", {}
        ):
            by_pk.setdefault(image.pk, []).append(image)
            shapes.setdefault(image.pk, set()).add(shape)
    keys: dict[str, int] = {}
    markers: dict[str, int] = {}
    for pk, (image, *_others) in by_pk.items():
        image_keys = []
        filters = [f for shape in sorted(shapes[pk]) for f in _picture_filters(shape)]
        for picture_filter in filters:
            picture_filter = image.clean_filter_for_svg(picture_filter)
            key = rendition_model.construct_cache_key(
                image, picture_filter.get_cache_key(image), picture_filter.spec
            )
            keys[key] = pk
            image_keys.append(key)
        markers[_ready_marker(image_keys)] = pk
    if not keys:
        return
    backend = rendition_model.cache_backend
    # Unpickling twelve cached renditions per image only to learn that they are there cost more
    # than rendering the page: a small marker per image says "all of them are cached".
    ready = {pk for marker, pk in markers.items() if marker in backend.get_many(list(markers))}
    keys = {key: pk for key, pk in keys.items() if pk not in ready}
    if not keys:
        return
    found = backend.get_many(list(keys))
    missing = {pk for key, pk in keys.items() if key not in found}
    complete = {marker: True for marker, pk in markers.items() if pk not in ready | missing}
    if complete:
        backend.set_many(complete, READY_MARKER_SECONDS)
    if not missing:
        return
    prefetch_related_objects(
        [image for pk in missing for image in by_pk[pk]],
        Prefetch("renditions", queryset=rendition_model.objects.all()),
    )
    additions = {}
    for pk in missing:
        image = by_pk[pk][0]
        for rendition in image.renditions.all():
            key = rendition_model.construct_cache_key(
                image, rendition.focal_point_key, rendition.filter_spec
            )
            if keys.get(key) == pk:
                additions[key] = _bare(rendition)
    if additions:
        backend.set_many(additions)
        incomplete = {pk for key, pk in keys.items() if key not in found and key not in additions}
        backend.set_many(
            {marker: True for marker, pk in markers.items() if pk in missing - incomplete},
            READY_MARKER_SECONDS,
        )


def _bare(row: Any) -> Any:
    """A copy of ``row`` with its columns only, as ``Model.from_db`` builds it from a query.

    A rendition fetched through its image carries that image (and its other renditions) in its
    related-object cache; cached like that, every entry would pickle the whole image again.
    """
    names = [field.attname for field in row._meta.concrete_fields]
    return type(row).from_db(type(row).objects.db, names, [getattr(row, n) for n in names])


# Shorter than the renditions' own cache time, so a marker rarely outlives what it vouches for
# (if it does, Wagtail simply looks the renditions up itself).
READY_MARKER_SECONDS = 300


def _ready_marker(rendition_keys: list[str]) -> str:
    """The cache key saying that every one of ``rendition_keys`` is in the renditions cache.

    The rendition keys themselves are exact (Wagtail puts the file's hash in them); the marker
    carries the generation as well, so an image change made by another process (renditions
    deleted, a file replaced) never leaves a marker vouching for renditions that are gone."""
    digest = hashlib.sha256("|".join(rendition_keys).encode()).hexdigest()[:32]
    return cache_generation.key(f"picture-renditions-ready:{digest}")


def ancestor_paths(page: Page) -> list[str]:
    """Treebeard paths of ``page`` and every ancestor, worked out from its own path (no query)."""
    step = page.steplen
    return [page.path[:end] for end in range(step, len(page.path) + 1, step)]


def view_restrictions(page: Page) -> QuerySet[PageViewRestriction]:
    """The view restrictions on ``page`` and its ancestors, in one query.

    Wagtail's ``Page.get_view_restrictions`` first loads every ancestor to resolve aliases, then
    reads the restrictions: two queries on every page served. The ancestors' paths follow from
    the page's own path, and an alias's source is resolved inside the same query, so the rules
    stay Wagtail's (an alias is restricted like the page it copies).
    """
    from django.db.models import Q
    from wagtail.models import Page

    paths = ancestor_paths(page)
    sources = Page.objects.filter(path__in=paths, alias_of__isnull=False).values("alias_of_id")
    return PageViewRestriction.objects.filter(Q(page__path__in=paths) | Q(page_id__in=sources))


def route_descendants(page: Page, request: HttpRequest, path_components: list[str]) -> Any:
    """Route to a descendant of ``page`` with one query for the whole path.

    Wagtail resolves a URL one level at a time, two queries per level (the child, then its
    specific row), so a page three levels down paid six queries before rendering. Here every
    page whose ``url_path`` is a prefix of the requested one comes back in one query; the walk
    stops at the deepest page found, or earlier at a page with its own ``route`` (a routable
    page decides about its sub-paths, exactly as when Wagtail walks level by level), and that
    page routes the rest. A missing level raises 404 like Wagtail.
    """
    from django.http import Http404
    from wagtail.models import Page

    from .models.base import BasePage

    prefixes = []
    url_path = page.url_path
    for component in path_components:
        url_path = f"{url_path}{component}/"
        prefixes.append(url_path)
    chain = Page.objects.filter(
        path__startswith=page.path, depth__gt=page.depth, url_path__in=prefixes
    ).order_by("depth")
    target, consumed = page, 0
    for node in chain:
        if node.depth != target.depth + 1 or node.url_path != prefixes[consumed]:
            break
        # treebeard's get_parent() reads its cache from this attribute and offers no public
        # way to fill it; Wagtail's own Page.route() sets it the same way for the same reason
        # (wagtail/models/pages.py), so the page's breadcrumbs and parent cost no query.
        node._cached_parent_obj = target
        target, consumed = node, consumed + 1
        if getattr(node.specific_class, "route", None) is not BasePage.route:
            break  # routable (or otherwise custom) pages route their own sub-paths
    if consumed == 0:
        raise Http404
    return specific_with_images(target).route(request, path_components[consumed:])


def specific_with_images(page: Page) -> Page:
    """``page.specific`` with its image fields joined in the same query.

    A page's hero and social images are read on every render (picture, Open Graph); loading
    them with the page saves a query for each. Non-field attributes are copied over as
    Wagtail's ``get_specific`` does (the cached parent, for one).
    """
    from wagtail.images import get_image_model

    model = page.specific_class
    if model is None or isinstance(page, model):
        return page.specific
    image_model = get_image_model()
    images = [
        field.name
        for field in model._meta.concrete_fields
        if field.many_to_one and field.related_model is image_model
    ]
    specific = model._default_manager.select_related(*images).get(pk=page.pk)
    for name, value in page.__dict__.items():
        specific.__dict__.setdefault(name, value)
    return specific
