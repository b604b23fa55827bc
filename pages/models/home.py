"""The home page: mission, who we are, evidence, the six areas, projects, stories, the founder's
words, the network's figures and the newsletter invitation.

Every piece of text is a field (so it is editable and translatable); every list is a query (so it
never goes stale). The template only arranges them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from ..blocks import BODY_BLOCKS, FIGURE_BLOCKS
from ..fields import library_image
from ..links import localized_links
from ..network.models import network_figures
from ..queries import area_taxonomy, prefetch_renditions, public_live, tree_cached
from ..stories.models import StoryIndexPage, StoryPage
from .base import BasePage
from .section import SectionPage

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

SHORT_RICH_TEXT = ["bold", "italic", "link"]


def _heading(
    verbose: StrOrPromise, help_text: StrOrPromise, default: str = ""
) -> models.CharField[str, str]:
    """A section heading of the home page; every one is optional and up to 120 characters."""
    return models.CharField(
        verbose, max_length=120, blank=True, default=default, help_text=help_text
    )


class HomePage(BasePage):
    """The root of each language's tree; there is exactly one per locale."""

    hero_title = RichTextField(
        _("hero title"),
        features=["italic"],
        blank=True,
        help_text=_("The main statement at the top of the page; use italics to stress a word."),
    )
    hero_intro = RichTextField(
        _("hero introduction"),
        features=["bold", "italic"],
        blank=True,
        help_text=_("One or two sentences under the main statement."),
    )
    hero_image = library_image(
        _("hero image"),
        _("Decorative: the statement beside it says what matters."),
    )
    hero_button_label = models.CharField(
        _("hero button label"),
        max_length=60,
        blank=True,
        help_text=_("The text of the button under the statement, for example: Join us."),
    )
    hero_button_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("hero button page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The page the button opens; the button shows only when it has a label and a page."
        ),
    )

    mission_heading = _heading(
        _("mission heading"), _("Heading of the mission section, for example: Our mission.")
    )
    mission_text = RichTextField(
        _("mission"),
        features=SHORT_RICH_TEXT,
        blank=True,
        help_text=_("What the movement wants to achieve, in a short paragraph."),
    )
    who_heading = _heading(
        _("'who we are' heading"), _("Heading of the section that introduces the movement.")
    )
    who_text = RichTextField(
        _("who we are"),
        features=SHORT_RICH_TEXT,
        blank=True,
        help_text=_("Who is behind the movement, in a short paragraph."),
    )

    evidence_heading = _heading(
        _("evidence heading"), _("Heading of the section with figures from research.")
    )
    evidence_intro = models.TextField(
        _("evidence introduction"),
        blank=True,
        help_text=_("One or two sentences shown before the figures."),
    )
    evidence = StreamField(
        FIGURE_BLOCKS,
        verbose_name=_("evidence figures"),
        blank=True,
        help_text=_("Each figure exactly as its source states it, linked to that source."),
    )
    evidence_note = models.TextField(
        _("note on the evidence"),
        blank=True,
        help_text=_("What the figures do and do not show."),
    )
    evidence_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page with more evidence"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A page with the full research, linked under the figures (optional)."),
    )

    areas_heading = _heading(_("areas heading"), _("Heading above the six areas of intervention."))
    areas_intro = models.TextField(
        _("areas introduction"),
        blank=True,
        help_text=_("One or two sentences shown before the areas; the areas list themselves."),
    )

    projects_heading = _heading(_("projects heading"), _("Heading above the featured projects."))
    projects_intro = models.TextField(
        _("projects introduction"),
        blank=True,
        help_text=_("One or two sentences shown before the projects."),
    )
    projects_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("all projects page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The page listing every project, linked under the featured ones."),
    )

    stories_heading = _heading(
        _("stories heading"),
        _("Heading above the three latest stories, which appear by themselves."),
    )

    quote_text = models.TextField(
        _("founder's quote"),
        blank=True,
        help_text=_("The founder's words, shown large across the page."),
    )
    quote_attribution = models.CharField(
        _("quote by"),
        max_length=120,
        blank=True,
        help_text=_("The name of the person quoted."),
    )
    quote_role = models.CharField(
        _("role of the person quoted"),
        max_length=120,
        blank=True,
        help_text=_("Shown under the name, for example: Founder of the movement."),
    )

    network_heading = _heading(_("network heading"), _("Heading above the network's figures."))
    network_intro = models.TextField(
        _("network introduction"),
        blank=True,
        help_text=_("One or two sentences inviting people and organisations to join."),
    )
    network_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("network page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The network page with the join form, linked from this section."),
    )

    newsletter_heading = _heading(
        _("newsletter heading"), _("Heading of the newsletter sign-up box.")
    )
    newsletter_text = models.TextField(
        _("newsletter invitation"),
        blank=True,
        help_text=_("One or two sentences saying what subscribers receive and how often."),
    )

    body = StreamField(
        BODY_BLOCKS,
        verbose_name=_("more content"),
        blank=True,
        help_text=_("Extra sections shown after the fixed ones, at the bottom of the page."),
    )

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_intro"),
                FieldPanel("hero_image"),
                FieldPanel("hero_button_label"),
                FieldPanel("hero_button_page"),
            ],
            heading=_("Hero"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("mission_heading"),
                FieldPanel("mission_text"),
                FieldPanel("who_heading"),
                FieldPanel("who_text"),
            ],
            heading=_("Mission and who we are"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("evidence_heading"),
                FieldPanel("evidence_intro"),
                FieldPanel("evidence"),
                FieldPanel("evidence_note"),
                FieldPanel("evidence_page"),
            ],
            heading=_("Evidence"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("quote_text"),
                FieldPanel("quote_attribution"),
                FieldPanel("quote_role"),
            ],
            heading=_("Founder's quote"),
        ),
        FieldPanel("body"),
    ]
    sections_panels = [
        MultiFieldPanel(
            [FieldPanel("areas_heading"), FieldPanel("areas_intro")], heading=_("Areas")
        ),
        MultiFieldPanel(
            [
                FieldPanel("projects_heading"),
                FieldPanel("projects_intro"),
                FieldPanel("projects_page"),
            ],
            heading=_("Projects"),
        ),
        MultiFieldPanel([FieldPanel("stories_heading")], heading=_("Stories")),
        MultiFieldPanel(
            [
                FieldPanel("network_heading"),
                FieldPanel("network_intro"),
                FieldPanel("network_page"),
            ],
            heading=_("Network"),
        ),
        MultiFieldPanel(
            [FieldPanel("newsletter_heading"), FieldPanel("newsletter_text")],
            heading=_("Newsletter"),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(sections_panels, heading=_("Sections")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(BasePage.settings_panels, heading=_("Settings")),
        ]
    )

    parent_page_types = ["wagtailcore.Page"]
    meta_description_sources = ("hero_intro",)
    max_count_per_parent = None

    class Meta:
        verbose_name = _("home page")

    LINK_FIELDS = ("hero_button_page", "evidence_page", "projects_page", "network_page")

    def linked_pages(self) -> dict[str, Any]:
        """The pages the home links to, each in the visitor's language (``pages.links``), and
        the language's story index, with one query at most (one each would blow the budget)."""
        links: dict[str, Any] = {}
        resolved = localized_links(getattr(self, f"{name}_id") for name in self.LINK_FIELDS)
        for name in self.LINK_FIELDS:
            link = resolved.get(getattr(self, f"{name}_id"))
            if link is not None:
                links[name] = link
        index_type = ContentType.objects.get_for_model(StoryIndexPage)
        index = (
            public_live(Page.objects.filter(content_type=index_type, locale_id=self.locale_id))
            .only("title", "url_path", "locale_id")
            .first()
        )
        if index is not None:
            links["story_index"] = index
        return links

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        # Both lookups change only with the page tree: shared between requests until it does.
        context["section_pages"] = tree_cached(
            request,
            f"home-sections:{self.locale_id}",
            lambda: list(
                public_live(SectionPage.objects.filter(locale_id=self.locale_id))
                .only("title", "url_path", "locale_id", "area_id")
                .order_by("path")
            ),
        )
        taxonomy = area_taxonomy()["by_pk"]
        for section in context["section_pages"]:
            section.card_area = taxonomy.get(section.area_id)
        context["section_pages"].sort(
            key=lambda s: (getattr(s.card_area, "sort_order", 0), s.title)
        )
        # Lazy: the sections showing them are cached fragments ({% publiccache %}), so on most
        # page-cache misses these are never evaluated and cost nothing.
        context["latest_stories"] = SimpleLazyObject(self.latest_stories)
        # Keyed by the chosen pages too, so a preview with other choices gets its own entry.
        link_ids = "-".join(str(getattr(self, f"{name}_id")) for name in self.LINK_FIELDS)
        links = tree_cached(
            request, f"home-links:{self.locale_id}:{get_language()}:{link_ids}", self.linked_pages
        )
        context["links"] = links
        context["story_index"] = links.get("story_index")
        context["network_figures"] = SimpleLazyObject(network_figures)
        return context

    def latest_stories(self) -> list[StoryPage]:
        """The three newest stories of this language, with their card images' renditions."""
        stories = list(StoryPage.listing(self.locale_id).prefetch_related(None)[:3])
        prefetch_renditions((story.hero_image for story in stories), "landscape")
        return stories
