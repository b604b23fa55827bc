"""The project filters: plain GET parameters, so a filtered list is a shareable URL.

Invalid values (a removed area, ``?year=abc``) never cause an error page: the form reports them
and the listing ignores just those parameters.
"""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from .countries import COUNTRIES
from .models import ProjectStatus

FILTER_FIELDS = ("area", "status", "country", "year")
FIRST_YEAR = 2015  # the movement's projects start after this; older years would be noise


class ProjectFilterForm(forms.Form):
    area = forms.ChoiceField(label=_("Area"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *ProjectStatus.choices],
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, data: QueryDict | None, *, areas: list[Any], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        cast(forms.ChoiceField, self.fields["area"]).choices = [("", _("All areas"))] + [
            (a.slug, a.name) for a in areas
        ]
        cast(forms.ChoiceField, self.fields["country"]).choices = [
            ("", _("All countries")),
            *COUNTRIES,
        ]
        this_year = date.today().year
        cast(forms.ChoiceField, self.fields["year"]).choices = [("", _("Any year"))] + [
            (str(year), str(year)) for year in range(this_year + 1, FIRST_YEAR - 1, -1)
        ]

    def filters(self) -> dict[str, Any]:
        """The valid filters only; invalid ones are left out (and reported by the template)."""
        self.is_valid()
        return {
            name: self.cleaned_data[name]
            for name in FILTER_FIELDS
            if name in getattr(self, "cleaned_data", {})
            and self.cleaned_data[name] not in ("", None)
        }

    def active_filters(self) -> dict[str, Any]:
        return self.filters()
