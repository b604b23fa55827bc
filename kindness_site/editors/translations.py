"""What is not (yet) translated: the data behind the dashboard's translation panel.

A page or snippet in the source language (English) is *missing* in a target language when there
is no real translation of it there (an alias made by ``copy_parent_pages`` only repeats the
English text). It is *out of date* when the English original was published after the last sync
(``TranslationSource.last_updated_at``), or when the last sync is newer than the translation's
own last revision (the new English text was synced but nobody has translated it yet).
wagtail-localize 1.14 does not fill ``Translation.destination_last_updated_at``, so the
translated object's own revision time is what is compared.

Queries are bounded: one for the locales, then two per target locale for pages (a count and the
first rows) and two per translatable snippet model, whatever the size of the site.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypedDict

from django.apps import apps
from django.conf import settings
from django.db.models import Exists, F, Model, OuterRef, Q, QuerySet, Subquery
from wagtail.models import DraftStateMixin, Locale, Page

from .roles import TRANSLATABLE_SNIPPETS

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise, WithAnnotations
    from wagtail_localize.models import TranslationSource

LISTED = 8


@dataclass
class Pending:
    """One object that needs a translator, with the source of its last sync when there is one."""

    obj: Any
    missing: bool
    source_id: int | None
    translate_url: str = ""  # filled in by the dashboard panel
    sync_url: str = ""


@dataclass
class LocaleStatus:
    locale: Locale
    pages_count: int = 0
    pages: list[Pending] = field(default_factory=list)
    snippets: list[tuple[type[Model], int]] = field(default_factory=list)  # (model, count)
    snippet_links: list[tuple[StrOrPromise | None, int, str]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.pages_count + sum(count for _model, count in self.snippets)


class Annotations(TypedDict):
    """What :func:`_annotate` adds to each row."""

    is_translated: bool
    synced_at: datetime | None
    source_pk: int | None
    translated_at: datetime | None


def _source_subquery(source_locale: Locale) -> QuerySet[TranslationSource]:
    from wagtail_localize.models import TranslationSource

    return TranslationSource.objects.filter(
        object_id=OuterRef("translation_key"), locale=source_locale
    )


def _annotate(
    queryset: QuerySet[Any],
    model: type[Model],
    source_locale: Locale,
    target: Locale,
    has_alias: bool,
) -> QuerySet[Any]:
    """Adds ``is_translated``, ``synced_at``, ``source_pk`` and ``translated_at``."""
    sources = _source_subquery(source_locale)
    translations = model._default_manager.filter(
        translation_key=OuterRef("translation_key"), locale=target
    )
    if has_alias:
        translations = translations.filter(alias_of__isnull=True)
    annotations: dict[str, Any] = {
        "is_translated": Exists(translations),
        "synced_at": Subquery(sources.values("last_updated_at")[:1]),
        "source_pk": Subquery(sources.values("pk")[:1]),
    }
    if issubclass(model, DraftStateMixin):
        annotations["translated_at"] = Subquery(
            translations.values("latest_revision__created_at")[:1]
        )
    annotated: QuerySet[Any] = queryset.annotate(**annotations)
    return annotated


def _needs_work(model: type[Model]) -> Q:
    condition = Q(is_translated=False)
    if issubclass(model, DraftStateMixin):
        condition |= Q(is_translated=True, synced_at__isnull=False) & (
            Q(last_published_at__gt=F("synced_at")) | Q(synced_at__gt=F("translated_at"))
        )
    return condition


def page_queryset(
    source_locale: Locale, target: Locale
) -> QuerySet[WithAnnotations[Page, Annotations]]:
    """Live source-language pages (not the tree root) that need translating into ``target``."""
    pages: QuerySet[Any]
    pages = Page.objects.filter(locale=source_locale, live=True, depth__gt=1, alias_of__isnull=True)
    pages = _annotate(pages, Page, source_locale, target, has_alias=True)
    return pages.filter(_needs_work(Page)).order_by("-last_published_at", "pk")


def snippet_models() -> list[type[Model]]:
    return [apps.get_model(label) for label in TRANSLATABLE_SNIPPETS]


def snippet_queryset(model: type[Model], source_locale: Locale, target: Locale) -> QuerySet[Any]:
    objects = model._default_manager.filter(locale=source_locale)
    if issubclass(model, DraftStateMixin):
        objects = objects.filter(live=True)
    return _annotate(objects, model, source_locale, target, has_alias=False).filter(
        _needs_work(model)
    )


def translation_status(limit: int = LISTED) -> list[LocaleStatus]:
    """For every target language: how many pages and snippets need translators, and which."""
    locales = list(Locale.objects.all())
    source = next((loc for loc in locales if loc.language_code == settings.LANGUAGE_CODE), None)
    if source is None:
        return []
    statuses = []
    for target in locales:
        if target.pk == source.pk:
            continue
        status = LocaleStatus(locale=target)
        pages = page_queryset(source, target)
        status.pages_count = pages.count()
        status.pages = [
            Pending(obj=page, missing=not page.is_translated, source_id=page.source_pk)
            for page in pages[:limit]
        ]
        for model in snippet_models():
            count = snippet_queryset(model, source, target).count()
            if count:
                status.snippets.append((model, count))
        statuses.append(status)
    return statuses
