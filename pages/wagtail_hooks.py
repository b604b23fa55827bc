"""Admin registration for the pages app's snippets, and the "approve" action for applications."""

from collections.abc import Iterable

from django.contrib.auth.base_user import AbstractBaseUser
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.rich_text.feature_registry import FeatureRegistry
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from kindness_site.security.spreadsheets import SafeSpreadsheetExportMixin

from .models import Area, Member, Menu
from .rich_text import LocalizedPageLinkHandler


class AreaViewSet(SnippetViewSet):
    model = Area
    icon = "tag"
    menu_label = _("Areas")
    list_display = ["name", "slug", "colour", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]
    add_to_admin_menu = True
    menu_order = 210


class MenuViewSet(SnippetViewSet):
    model = Menu
    icon = "list-ul"
    menu_label = _("Menus")
    list_display = ["location", "title", "locale"]
    list_filter = ["locale", "location"]
    add_to_admin_menu = True
    menu_order = 220


class MemberIndexView(SafeSpreadsheetExportMixin, IndexView):
    """The members list, with a spreadsheet export for the Network coordinators."""


class MemberViewSet(SnippetViewSet):
    """Applications arrive as *pending*: filter by status, tick them, choose "Approve"."""

    model = Member
    icon = "group"
    menu_label = _("Network")
    list_display = ["name", "kind", "country", "status", "live", "is_example", "submitted_at"]
    list_filter = ["status", "live", "kind", "is_example"]
    search_fields = ["name", "city"]
    ordering = ["status", "-submitted_at"]
    index_view_class = MemberIndexView
    # Applications come from the public join form: the CSV never lets a cell run as a formula.
    list_export = [
        "name",
        "kind",
        "country",
        "region",
        "city",
        "website",
        "contact_name",
        "contact_email",
        "status",
        "submitted_at",
    ]
    export_filename = "network-members"
    add_to_admin_menu = True
    menu_order = 230


class ApproveMembersBulkAction(SnippetBulkAction):
    """Approve selected applications in one go (they are then published, listed and counted).

    Each one goes through ``Member.approve``: the coordinators' workflow step is approved (so
    the audit log and the workflow history say who approved it), which publishes the member.
    """

    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve the selected applications")
    template_name = "pages/admin/confirm_bulk_approve.html"
    action_priority = 10
    models = [Member]

    def check_perm(self, snippet: Member) -> bool:
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "publish", snippet
        )

    @classmethod
    def execute_action(
        cls, objects: Iterable[Member], user: AbstractBaseUser | None = None, **kwargs: object
    ) -> tuple[int, int]:
        # One by one, through Wagtail's publishing: signals, caches, search index and the audit
        # log follow as they do for an approval made on the edit screen.
        approved = sum(1 for member in objects if member.approve(user=user))
        return approved, 0

    def get_success_message(self, num_parent_objects: int, num_child_objects: int) -> str:
        return ngettext(
            "%(count)d application approved.",
            "%(count)d applications approved.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


register_snippet(AreaViewSet)
register_snippet(MenuViewSet)
register_snippet(MemberViewSet)
hooks.register("register_bulk_action", ApproveMembersBulkAction)


@hooks.register("register_rich_text_features", order=10)
def localized_page_links(features: FeatureRegistry) -> None:
    """Rich-text page links land in the visitor's language (``pages.links``). Registered after
    Wagtail's own handler (higher order), which it replaces."""
    features.register_link_type(LocalizedPageLinkHandler)
