"""The editor's guide, shown inside the admin in the staff member's own admin language."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

GUIDE_LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)


def guide_language(requested: str | None) -> str:
    """``?lang=`` when it names a guide language, else the admin language, else the default."""
    if requested in GUIDE_LANGUAGES:
        return requested
    active = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return active if active in GUIDE_LANGUAGES else settings.LANGUAGE_CODE


class EditorsGuideView(WagtailAdminTemplateMixin, TemplateView):
    """One page with every how-to; its sections are linked from a table of contents."""

    template_name = "kindness_site/editors/guide.html"
    page_title = _("Editor's guide")
    header_icon = "help"

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        language = guide_language(self.request.GET.get("lang"))
        url = reverse("kindness_editors_guide")
        context.update(
            {
                "guide_language": language,
                "guide_template": f"kindness_site/editors/guide/{language}.html",
                "other_languages": [
                    (code, name, f"{url}?lang={code}")
                    for code, name in settings.LANGUAGES
                    if code != language
                ],
            }
        )
        return context
