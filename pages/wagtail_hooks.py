"""Admin registration for the pages app's snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Area, Menu


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


register_snippet(AreaViewSet)
register_snippet(MenuViewSet)
