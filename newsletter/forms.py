"""Public forms: sign-up and preferences. Validation is strict and every message is translated."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from pages.models import Area

from .consent import CONSENT_TEXT
from .normalise import normalise_email
from .timetrap import issue_stamp, stamp_is_acceptable

SOURCES = ("footer", "home", "page", "import", "admin")


class AreaCheckboxes(forms.ModelMultipleChoiceField[Area]):
    """The six areas of the visitor's language as optional topic checkboxes."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Area) -> str:
        return obj.name


def areas_for_language(language: str | None = None) -> QuerySet[Area]:
    """Areas in ``language`` (default: the active one), in their editorial order."""
    code = language or get_language() or settings.LANGUAGE_CODE
    return Area.objects.filter(locale__language_code=code).order_by("sort_order", "name")


class SignupForm(forms.Form):
    """Email, language, optional topics and explicit consent, plus two silent bot traps.

    ``website`` is a honeypot (hidden from people with CSS and ``aria-hidden``; bots fill it) and
    ``started`` is a signed time stamp: a form posted within a second or two of being shown, or
    after a day, is not a person filling it in.
    """

    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        error_messages={
            "required": _("Please enter your email address."),
            "invalid": _("Please enter a valid email address, like name@example.org."),
        },
    )
    language = forms.ChoiceField(label=_("Language of the newsletter"), choices=settings.LANGUAGES)
    topics = AreaCheckboxes(
        label=_("Topics I am most interested in (optional)"),
        queryset=Area.objects.none(),
        required=False,
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": _("Please tick the box to confirm you want the newsletter.")},
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    started = forms.CharField(widget=forms.HiddenInput, required=False)
    source = forms.ChoiceField(
        widget=forms.HiddenInput, choices=[(s, s) for s in SOURCES], required=False
    )

    def __init__(self, *args: Any, with_topics: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = get_language() or settings.LANGUAGE_CODE
        self.fields["language"].initial = language
        self.fields["started"].initial = issue_stamp()
        if with_topics:
            cast(AreaCheckboxes, self.fields["topics"]).queryset = areas_for_language(language)
        else:
            del self.fields["topics"]

    def clean_email(self) -> str:
        return normalise_email(self.cleaned_data["email"])

    @property
    def is_bot(self) -> bool:
        """A filled honeypot or an implausible time stamp; checked after ``is_valid()``."""
        data = self.data
        if data.get("website"):
            return True
        return not stamp_is_acceptable(str(data.get("started", "")))


class PreferencesForm(forms.Form):
    """What a subscriber may change from the link in any email."""

    language = forms.ChoiceField(label=_("Language of the newsletter"), choices=settings.LANGUAGES)
    topics = AreaCheckboxes(
        label=_("Topics I am most interested in (optional)"),
        queryset=Area.objects.none(),
        required=False,
    )
    paused = forms.BooleanField(label=_("Pause the newsletter for now"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(AreaCheckboxes, self.fields["topics"]).queryset = areas_for_language()
