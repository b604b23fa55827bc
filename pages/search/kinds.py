"""What the search finds, grouped in kinds a visitor can filter by.

Models are named by label (``"people.Person"``), so ``pages`` never imports a feature app; a
model that is not installed is simply not searched. Every page type not claimed by another kind
is a "page".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Kind:
    key: str
    label: Promise
    models: tuple[str, ...]  # empty: every other page type


KINDS: tuple[Kind, ...] = (
    Kind("pages", _("Pages"), ()),
    Kind("stories", _("Stories"), ("pages.StoryPage",)),
    Kind("projects", _("Projects"), ("projects.ProjectPage",)),
    Kind("people", _("People"), ("people.Person",)),
    Kind("references", _("Research"), ("research.Reference",)),
)
KIND_KEYS = frozenset(kind.key for kind in KINDS)


def _model(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except LookupError:
        return None


@cache
def searched_models() -> dict[type[models.Model], str]:
    """``{model: kind key}`` for every model the site search covers."""
    from wagtail.models import Page, get_page_models

    claimed: dict[type[models.Model], str] = {}
    for kind in KINDS:
        for label in kind.models:
            model = _model(label)
            if model is not None:
                claimed[model] = kind.key
    for model in get_page_models():
        if model is not Page and model not in claimed:
            claimed[model] = "pages"
    return claimed
