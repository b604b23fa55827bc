"""One page per area of intervention (health, education, ...).

Editors write the introduction, body and key figures; the projects, stories and research shown
on the page come from whatever is tagged with the page's area, so the page is never out of date.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import AbstractImage
from wagtail.search import index

from ..blocks import BODY_BLOCKS, FIGURE_BLOCKS
from ..fields import library_image
from ..queries import area_taxonomy, prefetch_renditions
from ..stories.models import StoryPage, parent_url
from .areas import Area
from .base import BasePage

SECTION_STORIES = 3


class SectionPage(BasePage):
    area = models.ForeignKey(
        "pages.Area",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        related_name="section_pages",
        help_text=_("Projects, stories and research tagged with this area appear on the page."),
    )
    intro = RichTextField(
        _("introduction"),
        features=["bold", "italic", "link"],
        blank=True,
        help_text=_("A short opening paragraph shown under the page title."),
    )
    motto = models.CharField(
        _("motto"),
        max_length=200,
        blank=True,
        help_text=_(
            "A short line shown large, for example: Kind education prepares a more "
            "conscious future."
        ),
    )
    hero_image = library_image(
        _("main image"),
        _("Large picture at the top of the page; also used when the page is shared."),
    )
    key_figures_heading = models.CharField(
        _("key figures heading"),
        max_length=120,
        blank=True,
        help_text=_("Heading above the key figures, for example: What research says."),
    )
    key_figures = StreamField(
        FIGURE_BLOCKS,
        verbose_name=_("key figures"),
        blank=True,
        help_text=_("A few figures about this area, each with the source it comes from."),
    )
    body = StreamField(
        BODY_BLOCKS,
        verbose_name=_("body"),
        blank=True,
        help_text=_(
            "The main text of the page, built from blocks: paragraphs, images, quotes and more."
        ),
    )
    projects_heading = models.CharField(
        _("projects heading"),
        max_length=120,
        blank=True,
        help_text=_("Heading above this area's projects, which are listed automatically."),
    )
    stories_heading = models.CharField(
        _("stories heading"),
        max_length=120,
        blank=True,
        help_text=_("Heading above this area's latest stories, which are listed automatically."),
    )
    research_heading = models.CharField(
        _("research heading"),
        max_length=120,
        blank=True,
        help_text=_("Heading above this area's research, which is listed automatically."),
    )
    contact_heading = models.CharField(
        _("contact heading"),
        max_length=120,
        blank=True,
        help_text=_("Heading of the contact box at the bottom of the page."),
    )
    contact_email = models.EmailField(
        _("contact email"), blank=True, help_text=_("Shown with the contact person.")
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("area"),
        FieldPanel("intro"),
        FieldPanel("motto"),
        FieldPanel("hero_image"),
        MultiFieldPanel(
            [FieldPanel("key_figures_heading"), FieldPanel("key_figures")],
            heading=_("Key figures"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("projects_heading"),
                FieldPanel("stories_heading"),
                FieldPanel("research_heading"),
            ],
            heading=_("Automatic lists"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_heading"),
                # Rows of people.SectionContact: the person is credited from the people app,
                # so pages does not depend on it (not even in its migrations).
                InlinePanel("section_contacts", max_num=1, label=_("Contact person")),
                FieldPanel("contact_email"),
            ],
            heading=_("Contact"),
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["pages.HomePage", "pages.StandardPage"]

    class Meta:
        verbose_name = _("area page")
        verbose_name_plural = _("area pages")

    def get_social_image(self) -> AbstractImage | None:
        return self.social_image or self.hero_image

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        area = self.cached_area
        stories = list(
            StoryPage.listing(self.locale_id)
            .prefetch_related(None)
            .filter(areas__translation_key=area.translation_key)[:SECTION_STORIES]
        )
        prefetch_renditions((story.hero_image for story in stories), "landscape")
        context["area"] = area
        context["area_stories"] = stories
        # The index is the stories' parent: its URL is theirs minus the slug (no query).
        context["story_index_url"] = parent_url(stories[0]) if stories else ""
        return context

    @property
    def cached_area(self) -> Area:
        """The page's area from the cached taxonomy (no query), named in the page's language
        (wagtail-localize may have kept the English row on an Italian page)."""
        taxonomy = area_taxonomy()
        area = taxonomy["by_pk"].get(self.area_id) or self.area
        if area.locale_id != self.locale_id:
            for candidate in taxonomy["by_locale"].get(self.locale_id, []):
                if candidate.translation_key == area.translation_key:
                    return candidate
        return area
