"""The project filters: plain GET parameters, so a filtered list is a shareable URL.

Invalid values (a removed area, ``?year=abc``) never cause an error page: the form reports them
and the listing ignores just those parameters.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.db.models import Max, Min, QuerySet
from django.utils.translation import gettext_lazy as _

from .countries import COUNTRIES
from .models import ProjectStatus

FILTER_FIELDS = ("area", "status", "country", "year")


class ProjectFilterForm(forms.Form):
    area = forms.ChoiceField(label=_("Area"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *ProjectStatus.choices],
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, data, *, areas: list[Any], projects: QuerySet, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.fields["area"].choices = [("", _("All areas"))] + [(a.slug, a.name) for a in areas]
        used = set(projects.exclude(country="").values_list("country", flat=True).distinct())
        self.fields["country"].choices = [("", _("All countries"))] + [
            (code, name) for code, name in COUNTRIES if code in used
        ]
        self.fields["year"].choices = [("", _("Any year"))] + [
            (str(year), str(year)) for year in self._years(projects)
        ]

    @staticmethod
    def _years(projects: QuerySet) -> list[int]:
        """Every year from the first start to the last end (or this year), newest first."""
        bounds = projects.aggregate(first=Min("start_date"), last=Max("end_date"))
        if bounds["first"] is None:
            return []
        last = max(bounds["last"] or date.today(), date.today()).year
        return list(range(last, bounds["first"].year - 1, -1))

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
