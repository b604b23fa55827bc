"""Stories (news): an index per language with area filters, pagination and feeds, and the
stories themselves with previous/next links."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Prefetch, StringAgg
from django.db.models.functions import Cast
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import AbstractImage
from wagtail.models import Page
from wagtail.query import PageQuerySet
from wagtail.search import index

from ..blocks import BODY_BLOCKS
from ..fields import library_image
from ..models.areas import Area
from ..models.base import BasePage
from ..models.tagging import AreaTaggedPageForm
from ..pagination import paginate
from ..queries import area_taxonomy, prefetch_renditions, public_live

STORIES_PER_PAGE = getattr(settings, "STORIES_PER_PAGE", 9)
FEED_ITEMS = 20


def localised_areas(locale_id: int) -> dict[UUID, Area]:
    """``{translation_key: Area}`` for one language, in the taxonomy's order (cached)."""
    return {area.translation_key: area for area in area_taxonomy()["by_locale"].get(locale_id, [])}


def localise_areas(
    items: Iterable[Any], locale_id: int, by_key: dict[UUID, Area] | None = None
) -> dict[UUID, Area]:
    """Give each item ``display_areas``: its areas named in the page's language.

    Content may be tagged with another language's rows (wagtail-localize copies them), so the
    rows are swapped for their translation through ``translation_key``. ``items`` must have
    ``areas`` prefetched (see ``area_prefetch``).
    """
    by_key = localised_areas(locale_id) if by_key is None else by_key
    for item in items:
        item.display_areas = [by_key.get(area.translation_key, area) for area in item.areas.all()]
    return by_key


def parent_url(page: Page) -> str:
    """A page's parent URL without a query: Wagtail builds every URL as parent URL + slug + /."""
    url = page.url or ""
    suffix = f"{page.slug}/"
    return url[: -len(suffix)] if url.endswith(suffix) else ""


def area_prefetch() -> Prefetch[Any]:
    return Prefetch("areas", queryset=Area.objects.only("id", "translation_key", "name", "slug"))


class StoryIndexPage(RoutablePageMixin, BasePage):
    """The list of stories in one language, newest first, filterable by area (``?area=slug``)."""

    intro = RichTextField(
        _("introduction"),
        features=["bold", "italic", "link"],
        blank=True,
        help_text=_("A short paragraph shown above the list of stories."),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    subpage_types = ["pages.StoryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("story index")

    def stories(self) -> PageQuerySet:
        return StoryPage.listing(self.locale_id).child_of(self)

    @path("")
    def index_route(self, request: HttpRequest) -> HttpResponse:
        by_key = localised_areas(self.locale_id)
        by_slug = {area.slug: area for area in by_key.values()}
        stories = self.stories()
        requested = request.GET.get("area", "")
        current_area = by_slug.get(requested)
        notice: str | Promise = ""
        if current_area is not None:
            stories = stories.filter(areas__translation_key=current_area.translation_key)
        elif requested:
            notice = _("That area does not exist, so all stories are shown.")
        page_obj = paginate(request, stories, STORIES_PER_PAGE)
        localise_areas(page_obj.object_list, self.locale_id, by_key)
        prefetch_renditions((story.hero_image for story in page_obj.object_list), "landscape")
        return self.render(
            request,
            context_overrides={
                "page_obj": page_obj,
                "areas": list(by_key.values()),
                "current_area": current_area,
                "notice": notice,
            },
        )

    @path("feed/rss/", name="rss")
    def rss_route(self, request: HttpRequest) -> HttpResponse:
        from .feeds import StoryRssFeed

        return StoryRssFeed(self)(request)

    @path("feed/atom/", name="atom")
    def atom_route(self, request: HttpRequest) -> HttpResponse:
        from .feeds import StoryAtomFeed

        return StoryAtomFeed(self)(request)

    def get_cached_paths(self) -> list[str]:
        """What a front-cache purge of this index drops (``wagtail.contrib.frontend_cache``):
        the listing and its feeds, which show every new story too."""
        return ["/", "feed/rss/", "feed/atom/"]


class StoryPage(BasePage):
    date = models.DateField(
        _("date"),
        default=datetime.date.today,
        help_text=_("Shown on the story; stories are listed newest first by this date."),
    )
    intro = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_("One or two sentences shown in lists, feeds and search results."),
    )
    hero_image = library_image(
        _("main image"),
        _("Shown at the top of the story, on its card in lists and when it is shared."),
    )
    hero_alt = models.CharField(
        _("main image alternative text"),
        max_length=250,
        blank=True,
        help_text=_(
            "Describe the image for people who cannot see it, in this page's language; "
            "leave empty only if the image is decoration."
        ),
    )
    hero_caption = models.CharField(
        _("image caption"),
        max_length=250,
        blank=True,
        help_text=_("A line under the main image; add the photographer's name if needed."),
    )
    areas = ParentalManyToManyField(
        "pages.Area",
        verbose_name=_("areas"),
        blank=True,
        related_name="stories",
        help_text=_("Tick every area the story is about; it then appears on those area pages."),
    )
    body = StreamField(
        BODY_BLOCKS,
        verbose_name=_("body"),
        blank=True,
        help_text=_(
            "The text of the story, built from blocks: paragraphs, images, quotes and more."
        ),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("date"),
        # Rows of people.StoryAuthor: the person is credited from the people app, so pages
        # does not depend on it (not even in its migrations).
        InlinePanel("story_authors", max_num=1, label=_("Author")),
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("hero_alt"),
        FieldPanel("hero_caption"),
        FieldPanel("areas", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    base_form_class = AreaTaggedPageForm
    parent_page_types = ["pages.StoryIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    @classmethod
    def listing(cls, locale_id: int) -> PageQuerySet:
        """Live stories of one language, newest first, with what cards need prefetched (the
        images' renditions come from ``prefetch_renditions`` once the cards are chosen)."""
        return (
            public_live(cls.objects.filter(locale_id=locale_id))
            .select_related("hero_image")
            .prefetch_related(area_prefetch())
            .order_by("-date", "-pk")
        )

    def get_social_image(self) -> AbstractImage | None:
        return self.social_image or self.hero_image

    @property
    def published_datetime(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.date, datetime.time(9)))

    def surroundings(self) -> dict[str, Any]:
        """Everything around the story in ONE query: the older and newer stories, the index
        (for breadcrumbs), and the story's own area ids and author (annotated on its row).

        A story page would otherwise spend six queries on these, which with Wagtail's own
        routing queries would break the page's budget of twelve.
        """
        siblings = public_live(StoryPage.objects.sibling_of(self, inclusive=False))
        before = models.Q(date__lt=self.date) | models.Q(date=self.date, pk__lt=self.pk)
        older = siblings.filter(before).order_by("-date", "-pk").values("pk")[:1]
        newer = siblings.exclude(before).order_by("date", "pk").values("pk")[:1]
        parent_path = self.path[: -Page.steplen]
        # The author row is people.StoryAuthor, reached by its relation's name (pages never
        # imports a feature app).
        credits = StoryPage._meta.get_field("story_authors").related_model
        first_author = credits._default_manager.filter(page_id=models.OuterRef("pk")).order_by(
            "sort_order"
        )
        area_ids = (
            StoryPage.areas.through.objects.filter(storypage_id=models.OuterRef("pk"))
            .values("storypage_id")
            .annotate(ids=StringAgg(Cast("area_id", models.CharField()), models.Value(",")))
            .values("ids")
        )
        rows = (
            Page.objects.filter(
                models.Q(pk__in=older)
                | models.Q(pk__in=newer)
                | models.Q(path=parent_path)
                | models.Q(pk=self.pk)
            )
            .annotate(
                side=models.Case(
                    models.When(pk=self.pk, then=models.Value("self")),
                    models.When(pk__in=older, then=models.Value("older")),
                    models.When(pk__in=newer, then=models.Value("newer")),
                    default=models.Value("parent"),
                ),
                area_ids=models.Subquery(area_ids),
                author_name=models.Subquery(first_author.values("person__display_name")[:1]),
                author_slug=models.Subquery(first_author.values("person__slug")[:1]),
            )
            .only("title", "url_path", "locale_id", "path", "depth")
        )
        by_side = {row.side: row for row in rows}
        own = by_side.get("self")
        taxonomy = area_taxonomy()["by_pk"]
        ids = [int(pk) for pk in (getattr(own, "area_ids", None) or "").split(",") if pk]
        return {
            "older": by_side.get("older"),
            "newer": by_side.get("newer"),
            "story_index": by_side.get("parent"),
            "areas": [taxonomy[pk] for pk in ids if pk in taxonomy],
            "author": Byline(own.author_name, own.author_slug)
            if own is not None and own.author_name
            else None,
        }

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        around = self.surroundings()
        if getattr(request, "is_preview", False):
            # A preview shows unsaved areas and author, which the database does not have yet.
            around["areas"] = list(self.areas.all())
            credit = next(iter(self.story_authors.all()), None)
            author = credit.person if credit is not None else None
            around["author"] = Byline(author.display_name, author.slug) if author else None
        by_key = localised_areas(self.locale_id)
        context.update(
            older=around["older"],
            newer=around["newer"],
            story_index=around["story_index"],
            author=around["author"],
            display_areas=[by_key.get(a.translation_key, a) for a in around["areas"]],
        )
        return context


@dataclass(frozen=True)
class Byline:
    """The author as the story shows them: a name and the slug of their team profile (what the
    people app's ``person_url`` tag needs)."""

    full_name: str
    slug: str
