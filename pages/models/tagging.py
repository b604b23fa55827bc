"""Tagging content with areas: a checkbox list of the fixed taxonomy, never free typing.

wagtail-localize copies a page's area rows unchanged into its translations, so an Italian page can
carry English ``Area`` rows. Every query that matches content to an area therefore goes through
``translation_key`` (see ``Area`` and ``areas_matching``), never through primary keys.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from uuid import UUID

from django import forms
from django.db.models import Model, Q, QuerySet
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.models import Locale

from .areas import Area


def area_choices_for(instance: Model, selected: Iterable[int] = ()) -> QuerySet[Area]:
    """Areas an editor may tick: those in the content's language, plus any already ticked.

    Without this the list would show every area twice (once per language).
    """
    locale_id = getattr(instance, "locale_id", None)
    if locale_id is None:
        try:
            locale_id = Locale.get_default().pk
        except Locale.DoesNotExist:
            return Area.objects.all()
    return Area.objects.filter(Q(locale_id=locale_id) | Q(pk__in=list(selected))).distinct()


def _limit_area_field(form: forms.ModelForm[Any]) -> None:
    field = form.fields.get("areas")
    if not isinstance(field, forms.ModelChoiceField):  # None while the form has no areas
        return
    selected = form.initial.get("areas") or []
    ids = [getattr(area, "pk", area) for area in selected]
    field.queryset = area_choices_for(form.instance, ids)


class AreaTaggedPageForm(WagtailAdminPageForm):
    """Page form whose ``areas`` checkboxes show one language's areas only."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit_area_field(self)


class AreaTaggedModelForm(WagtailAdminModelForm):
    """The same for snippets (network members)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit_area_field(self)


def area_keys(areas: Iterable[Area]) -> list[UUID]:
    """``translation_key`` of each area: the language-independent identity used in queries."""
    return [area.translation_key for area in areas]
