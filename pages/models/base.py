"""What every public page shares: a social image, an SEO-friendly title, and listing defaults."""

from typing import Any, ClassVar

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.images.models import AbstractImage
from wagtail.models import Page, PageViewRestriction
from wagtail.url_routing import RouteResult

from pages.fields import library_image
from pages.links import localized_links, page_link_ids
from pages.queries import route_descendants, view_restrictions


class BasePage(Page):
    """Abstract base for the site's pages.

    ``social_image`` feeds Open Graph; ``search_description`` (from Wagtail) feeds the meta
    description. Feature apps subclass this too, so SEO behaves the same on every page type.
    """

    social_image = library_image(
        _("social image"),
        _("Shown when the page is shared on social media (1200 by 630 pixels is best)."),
    )

    promote_panels = [*Page.promote_panels, FieldPanel("social_image")]

    # Fields whose text stands in for an empty "search description", first non-empty wins. Search
    # engines and link previews need a description on every page, and editors rarely write one.
    meta_description_sources: ClassVar[tuple[str, ...]] = ("intro",)
    META_DESCRIPTION_CHARS: ClassVar[int] = 160

    class Meta:
        abstract = True

    def get_meta_description(self) -> str:
        """The editor's search description, else the page's own summary as plain text."""
        if self.search_description:
            return self.search_description
        for name in self.meta_description_sources:
            text = " ".join(strip_tags(str(getattr(self, name, "") or "")).split())
            if text:
                return Truncator(text).chars(self.META_DESCRIPTION_CHARS)
        return ""

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """Resolve every page link of the page's text and blocks in one batch up front, so each
        block's own lookup finds it cached (``pages.links``): flat in the number of links."""
        context = super().get_context(request, *args, **kwargs)
        localized_links(page_link_ids(self))
        return context

    def get_social_image(self) -> AbstractImage | None:
        return self.social_image

    def route(self, request: HttpRequest, path_components: list[str]) -> RouteResult:
        """Resolve the rest of the URL in one query instead of two per level (see
        ``pages.queries.route_descendants``)."""
        if not path_components:
            return super().route(request, path_components)
        return route_descendants(self, request, path_components)

    def get_view_restrictions(self) -> QuerySet[PageViewRestriction]:
        """One query instead of Wagtail's two on every page served (see
        ``pages.queries.view_restrictions``)."""
        return view_restrictions(self)
