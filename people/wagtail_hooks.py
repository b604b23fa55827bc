"""Admin menus for the team: people and their groups together under one "Team" entry."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Person, PersonGroup


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    list_display = ["display_name", "role", "locale", "live"]
    list_filter = ["locale", "groups"]
    search_fields = ["display_name", "family_name", "role"]
    ordering = ["display_order", "family_name"]


class PersonGroupViewSet(SnippetViewSet):
    model = PersonGroup
    icon = "group"
    list_display = ["name", "sort_order", "locale"]
    list_filter = ["locale"]
    ordering = ["sort_order", "name"]


class TeamViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Team")
    menu_icon = "group"
    menu_order = 210
    items = (PersonViewSet, PersonGroupViewSet)


register_snippet(TeamViewSetGroup)
