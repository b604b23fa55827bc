"""What Translators may edit, beyond what Wagtail's permission model can say by itself.

wagtail-localize scopes translators through ordinary permissions: ``submit_translation`` to start
or sync a translation, and edit rights on the translated object. For pages those rights are
granted on the Italian home page only (``roles.grant_scoped_page_rights``), so the English
tree stays out of reach. Snippet permissions in Wagtail are per model, not per language, so a
translator's ``change_person`` would also open the English originals: the hook below refuses
those to anyone whose only right to edit them comes from the Translators group.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.models import TranslatableMixin

from .roles import TRANSLATORS


def is_translator_only(user: Any, model: type[Model]) -> bool:
    """True when the user's right to change ``model`` comes only from the Translators group."""
    if user.is_superuser:
        return False
    codename = f"change_{model._meta.model_name}"
    groups = list(user.groups.all())
    if not any(group.name == TRANSLATORS for group in groups):
        return False
    return (
        not any(
            group.name != TRANSLATORS
            and group.permissions.filter(
                content_type__app_label=model._meta.app_label, codename=codename
            ).exists()
            for group in groups
        )
        and not user.user_permissions.filter(codename=codename).exists()
    )


def refuse_source_snippets_to_translators(
    request: HttpRequest, instance: Any
) -> HttpResponse | None:
    """``before_edit_snippet`` hook: translators edit translations, never the English original."""
    if not isinstance(instance, TranslatableMixin):
        return None
    if instance.locale.language_code != settings.LANGUAGE_CODE:
        return None
    if not is_translator_only(request.user, type(instance)):
        return None
    messages.error(
        request,
        _(
            "Translators edit the Italian version only. Open the translation from the "
            "language menu, or ask an editor to change the English original."
        ),
    )
    viewset = instance.snippet_viewset  # type: ignore[attr-defined]  # set by register_snippet
    return redirect(viewset.get_url_name("list"))
