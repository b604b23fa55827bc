"""Admin menu entry for partner organisations (projects themselves are pages)."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Organisation


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "site"
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["name", "url", "locale"]
    list_filter = ["locale"]
    search_fields = ["name"]


register_snippet(OrganisationViewSet)
