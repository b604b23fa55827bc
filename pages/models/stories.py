"""Stories (news): an index per language with area filters, pagination and feeds, and the
stories themselves with previous/next links."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django import forms
from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from ..blocks import BODY_BLOCKS
from .areas import Area
from .base import BasePage
from .tagging import AreaTaggedPageForm

STORIES_PER_PAGE = getattr(settings, "STORIES_PER_PAGE", 9)
FEED_ITEMS = 20


def localised_areas(locale_id: int) -> dict:
    """``{translation_key: Area}`` for one language, in the taxonomy's order (one query)."""
    return {
        area.translation_key: area
        for area in Area.objects.filter(locale_id=locale_id).order_by("sort_order", "name")
    }


def localise_areas(items: Iterable, locale_id: int, by_key: dict | None = None) -> dict:
    """Give each item ``display_areas``: its areas named in the page's language.

    Content may be tagged with another language's rows (wagtail-localize copies them), so the
    rows are swapped for their translation through ``translation_key``. ``items`` must have
    ``areas`` prefetched (see ``area_prefetch``).
    """
    by_key = localised_areas(locale_id) if by_key is None else by_key
    for item in items:
        item.display_areas = [by_key.get(area.translation_key, area) for area in item.areas.all()]
    return by_key


def area_prefetch() -> Prefetch:
    return Prefetch("areas", queryset=Area.objects.only("id", "translation_key", "name", "slug"))


class StoryIndexPage(RoutablePageMixin, BasePage):
    """The list of stories in one language, newest first, filterable by area (``?area=slug``)."""

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    subpage_types = ["pages.StoryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("story index")

    def stories(self) -> QuerySet[StoryPage]:
        return StoryPage.listing(self.locale_id).child_of(self)

    @path("")
    def index_route(self, request: HttpRequest) -> HttpResponse:
        by_key = localised_areas(self.locale_id)
        by_slug = {area.slug: area for area in by_key.values()}
        stories = self.stories()
        requested = request.GET.get("area", "")
        current_area = by_slug.get(requested)
        notice = ""
        if current_area is not None:
            stories = stories.filter(areas__translation_key=current_area.translation_key)
        elif requested:
            notice = _("That area does not exist, so all stories are shown.")
        paginator = Paginator(stories, STORIES_PER_PAGE)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page_obj = paginator.page(1)
        except EmptyPage:
            page_obj = paginator.page(paginator.num_pages)
        localise_areas(page_obj.object_list, self.locale_id, by_key)
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
        from ..feeds import StoryRssFeed

        return StoryRssFeed(self)(request)

    @path("feed/atom/", name="atom")
    def atom_route(self, request: HttpRequest) -> HttpResponse:
        from ..feeds import StoryAtomFeed

        return StoryAtomFeed(self)(request)


class StoryPage(BasePage):
    date = models.DateField(_("date"), default=datetime.date.today)
    intro = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_("One or two sentences shown in lists, feeds and search results."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_caption = models.CharField(_("image caption"), max_length=250, blank=True)
    author = models.ForeignKey(
        "people.Person",
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stories",
    )
    areas = ParentalManyToManyField(
        "pages.Area", verbose_name=_("areas"), blank=True, related_name="stories"
    )
    body = StreamField(BODY_BLOCKS, verbose_name=_("body"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("date"),
        FieldPanel("author"),
        FieldPanel("intro"),
        FieldPanel("hero_image"),
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
    def listing(cls, locale_id: int) -> QuerySet[StoryPage]:
        """Live stories of one language, newest first, with what cards need prefetched."""
        return (
            cls.objects.live()
            .public()
            .filter(locale_id=locale_id)
            .select_related("hero_image")
            .prefetch_related("hero_image__renditions", area_prefetch())
            .order_by("-date", "-pk")
        )

    def get_meta_description(self) -> str:
        return self.search_description or self.intro

    def get_social_image(self):
        return self.social_image or self.hero_image

    @property
    def published_datetime(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.date, datetime.time(9)))

    def neighbours(self) -> tuple[StoryPage | None, StoryPage | None]:
        """The older and the newer story in the same index (two small queries)."""
        siblings = (
            StoryPage.objects.live()
            .public()
            .sibling_of(self, inclusive=False)
            .only("title", "url_path", "date")
        )
        older = (
            siblings.filter(models.Q(date__lt=self.date) | models.Q(date=self.date, pk__lt=self.pk))
            .order_by("-date", "-pk")
            .first()
        )
        newer = (
            siblings.filter(models.Q(date__gt=self.date) | models.Q(date=self.date, pk__gt=self.pk))
            .order_by("date", "pk")
            .first()
        )
        return older, newer

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["older"], context["newer"] = self.neighbours()
        by_key = localised_areas(self.locale_id)
        context["display_areas"] = [
            by_key.get(area.translation_key, area) for area in self.areas.all()
        ]
        return context
