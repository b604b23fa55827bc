"""Public forms of the network: joining it and filtering its directory."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from ..models import Area
from .models import Member, MemberKind

HONEYPOT_FIELD = "nickname"


class JoinForm(forms.ModelForm[Member]):
    """An organisation's application to join. Saved as *pending*; staff approve it.

    ``nickname`` is a honeypot: hidden from people (CSS and ``aria-hidden``), filled in by bots.
    """

    nickname = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    consent = forms.BooleanField(
        label=_("I agree that the movement stores these details to handle the application."),
        error_messages={"required": _("Please agree, so that we may store your application.")},
    )

    class Meta:
        model = Member
        fields = [
            "name",
            "kind",
            "country",
            "region",
            "city",
            "website",
            "areas",
            "description",
            "contact_name",
            "contact_email",
        ]
        labels = {
            "name": _("Name of the organisation"),
            "description": _("What does your organisation do for kindness?"),
            "contact_name": _("Your name"),
            "contact_email": _("Your email address"),
        }
        help_texts = {
            "website": _("Optional. For example: https://www.example.org"),
            "contact_email": _("We use it only to reply about the application."),
            "areas": _("Tick every area you work in."),
        }
        widgets = {
            "areas": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 5}),
        }
        error_messages = {
            "name": {"required": _("Please enter the name of your organisation.")},
            "kind": {"required": _("Please choose what kind of organisation it is.")},
            "country": {"required": _("Please choose the country.")},
            "contact_name": {"required": _("Please tell us your name.")},
            "contact_email": {
                "required": _("Please enter an email address so we can reply."),
                "invalid": _("This email address does not look right: check it for typos."),
            },
            "website": {"invalid": _("Enter a full address, starting with https://")},
        }

    def __init__(self, *args: Any, locale_id: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        areas = cast(forms.ModelMultipleChoiceField[Area], self.fields["areas"])
        # Without a language the filter matches no area (locale is never null).
        areas.queryset = Area.objects.filter(locale_id=locale_id)  # type: ignore[misc]
        self.fields["areas"].required = False
        self.fields["contact_name"].required = True
        self.fields["contact_email"].required = True
        cast(forms.ChoiceField, self.fields["kind"]).choices = [
            ("", _("Choose…")),
            *MemberKind.choices,
        ]
        for name, field in self.fields.items():
            if field.required and name != "consent":
                field.widget.attrs["required"] = True
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"
        self.fields["contact_name"].widget.attrs["autocomplete"] = "name"
        self.fields["website"].widget.attrs["autocomplete"] = "url"

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if len(name) < 2:
            raise forms.ValidationError(_("The name is too short."))
        return name


class NetworkFilterForm(forms.Form):
    """The directory's GET filters. Unknown values are dropped (and reported), never an error."""

    kind = forms.ChoiceField(label=_("Kind"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    area = forms.ChoiceField(label=_("Area"), required=False)

    def __init__(
        self, data: QueryDict | None, *, areas: list[Area], country_codes: list[str]
    ) -> None:
        super().__init__(data)
        everything = ("", _("All"))
        cast(forms.ChoiceField, self.fields["kind"]).choices = [everything, *MemberKind.choices]
        names = sorted(((code, countries.name(code)) for code in country_codes), key=lambda c: c[1])
        cast(forms.ChoiceField, self.fields["country"]).choices = [everything, *names]
        area_choices = [(a.slug, a.name) for a in areas]
        cast(forms.ChoiceField, self.fields["area"]).choices = [everything, *area_choices]
        self._areas = {area.slug: area for area in areas}

    def selected(self) -> tuple[dict[str, str], bool]:
        """``({field: value}, ignored_something)``: only the valid filters."""
        self.is_valid()
        chosen = {}
        ignored = False
        for name in self.fields:
            raw = self.data.get(name, "")
            if not raw:
                continue
            if name in self.errors:
                ignored = True
            else:
                chosen[name] = self.cleaned_data[name]
        return chosen, ignored

    def apply(self, members: QuerySet[Member], chosen: dict[str, str]) -> QuerySet[Member]:
        if "kind" in chosen:
            members = members.filter(kind=chosen["kind"])
        if "country" in chosen:
            members = members.filter(country=chosen["country"])
        if "area" in chosen:
            key = self._areas[chosen["area"]].translation_key
            members = members.filter(pk__in=Member.objects.filter(areas__translation_key=key))
        return members
