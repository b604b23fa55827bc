"""The one form of the two-factor views: a code from the authenticator or a recovery code."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

_CODE = re.compile(r"^(?:\d{6}|[a-z2-7]{8,16})$")


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=40,
        help_text=_("The 6-digit code from your authenticator app, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )

    def clean_token(self) -> str:
        """Accept codes typed with spaces or dashes and in any case, refuse anything that cannot
        be a code before it reaches the database."""
        token = re.sub(r"[\s-]", "", self.cleaned_data["token"]).lower()
        if not _CODE.match(token):
            raise forms.ValidationError(
                _("Enter the 6-digit code from your authenticator app or a recovery code.")
            )
        return token
