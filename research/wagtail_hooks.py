"""Admin integration: the Reference snippet, import and DOI views, and the citation entity."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import URLPattern, reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.rich_text.editors.draftail import features as draftail_features
from wagtail.admin.ui.tables import Column
from wagtail.rich_text.feature_registry import FeatureRegistry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from kindness_site.editors.menus import PermissionMenuItem

from .admin_views import admin_urls
from .models import Reference
from .models.reference import ReferenceQuerySet
from .richtext import CONTENTSTATE_RULE, CitationLinkHandler

# What ``admin_views.import_view`` and ``doi_view`` ask for (both create references): their menu
# entries are hidden from everyone else.
IMPORT_PERMISSION = "research.add_reference"


class ReferenceViewSet(SnippetViewSet):
    model = Reference
    icon = "doc-full"
    menu_label = _("References")
    menu_order = 250
    add_to_admin_menu = True
    list_display = [
        "title",
        Column("first_creator_name", label=_("First author")),
        "issued_year",
        "csl_type",
        "verification_status",
    ]
    list_filter = ["csl_type", "evidence_type", "verification_status", "areas"]
    list_per_page = 50
    ordering = ["-issued_year", "title"]
    copy_view_enabled = False

    def get_queryset(self, request: HttpRequest) -> ReferenceQuerySet:
        return Reference.objects.prefetch_related("creators")


register_snippet(ReferenceViewSet)


@hooks.register("register_admin_urls")
def register_research_urls() -> list[URLPattern]:
    return admin_urls()


@hooks.register("register_admin_menu_item")
def register_import_menu_item() -> PermissionMenuItem:
    """Shown only to staff who may add references (the import view refuses everyone else)."""
    return PermissionMenuItem(
        _("Import references"),
        reverse("research_import"),
        permissions=(IMPORT_PERMISSION,),
        icon_name="download",
        order=251,
    )


@hooks.register("register_admin_menu_item")
def register_doi_menu_item() -> PermissionMenuItem:
    return PermissionMenuItem(
        _("Add reference by DOI"),
        reverse("research_doi"),
        permissions=(IMPORT_PERMISSION,),
        icon_name="search",
        order=252,
    )


@hooks.register("register_admin_menu_item")
def register_zotero_menu_item() -> PermissionMenuItem:
    return PermissionMenuItem(
        _("Sync with Zotero"),
        reverse("research_zotero"),
        permissions=(IMPORT_PERMISSION,),
        icon_name="resubmit",
        order=253,
    )


@hooks.register("register_rich_text_features")
def register_citation_feature(features: FeatureRegistry) -> None:
    """``citation``: an in-text citation entity with a reference chooser (like document-link).

    Not a default feature: page models opt in by listing "citation" in their rich-text features.
    """
    features.register_link_type(CitationLinkHandler)
    features.register_editor_plugin(
        "draftail",
        "citation",
        draftail_features.EntityFeature(
            {
                "type": "CITATION",
                "icon": "openquote",
                "description": str(_("Citation")),
                "chooserUrls": {
                    "referenceChooser": reverse_lazy(
                        "wagtailsnippetchoosers_research_reference:choose"
                    )
                },
            },
            js=["wagtailadmin/js/chooser-modal.js", "research/citation-entity.js"],
        ),
    )
    features.register_converter_rule("contentstate", "citation", CONTENTSTATE_RULE)
