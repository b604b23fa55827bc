"""Shared state and helpers for demo builders: idempotent upserts and Italian translations."""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.module_loading import module_has_submodule
from wagtail.blocks import StreamValue
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail_localize.models import Translation, TranslationSource

from .data import english, translations


def discover_builders() -> list[tuple[str, ModuleType]]:
    """``(app_label, module)`` for every installed app with a ``demo`` module, in ``ORDER``.

    A module has ``load(ctx)`` and may have ``finish(ctx)``, which runs after every ``load`` (for
    work that needs everybody's pages, such as menus).
    """
    found = []
    for config in apps.get_app_configs():
        if not module_has_submodule(config.module, "demo"):
            continue
        module: ModuleType = importlib.import_module(f"{config.name}.demo")
        if callable(getattr(module, "load", None)):
            found.append((getattr(module, "ORDER", 100), config.label, module))
    return [(label, module) for _order, label, module in sorted(found, key=lambda i: i[:2])]


@dataclass
class DemoContext:
    """What builders share. ``counts`` feeds the summary line: created / updated / unchanged."""

    stdout: Any = None
    counts: Counter[str] = field(default_factory=Counter)
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def en(self) -> Locale:
        return Locale.objects.get(language_code="en")

    @property
    def it(self) -> Locale:
        return Locale.objects.get(language_code="it")

    def home(self, language: str = "en") -> Page:
        return Page.objects.get(depth=2, locale__language_code=language).specific

    def log(self, message: str) -> None:
        if self.stdout is not None:
            self.stdout.write(f"  {message}")

    # --- idempotent upserts -------------------------------------------------------------
    def upsert[M: models.Model](
        self, model: type[M], lookup: dict[str, Any], values: dict[str, Any]
    ) -> tuple[M, bool]:
        """Create or update a plain model row; returns ``(obj, changed)`` and counts it."""
        obj = model._default_manager.filter(**lookup).first()
        if obj is None:
            obj = model(**lookup, **values)
            obj.save()
            self.counts["created"] += 1
            return obj, True
        changed = _assign(obj, values)
        if changed:
            obj.save()
            self.counts["updated"] += 1
        else:
            self.counts["unchanged"] += 1
        return obj, changed

    def upsert_page[P: Page](
        self, parent: Page, model: type[P], slug: str, values: dict[str, Any]
    ) -> tuple[P, bool]:
        """Create or update (and publish) a child page of ``parent`` identified by its slug."""
        existing: P | None = parent.get_children().filter(slug=slug).specific().first()
        if existing is None:
            page = model(slug=slug, **values)
            parent.add_child(instance=page)
            page.save_revision().publish()
            self.counts["created"] += 1
            return page, True
        changed = _assign(existing, values)
        if changed or not existing.live:
            existing.save_revision().publish()
            self.counts["updated"] += 1
            return existing, True
        self.counts["unchanged"] += 1
        return existing, False

    def upsert_translated_page[P: Page](
        self,
        parent: Page,
        model: type[P],
        spec: dict[str, Any],
        values: dict[str, Any] | None = None,
    ) -> P:
        """A page from its ``demo.yaml`` entry (``slug`` and fields, in both languages), upserted
        in English and translated; ``values`` adds fields that are not text (images, links)."""
        fields = english(spec)
        page, changed = self.upsert_page(parent, model, fields.pop("slug"), fields | (values or {}))
        self.translate(page, translations(spec), changed=changed)
        return page

    # --- translations --------------------------------------------------------------------
    def translate[T: TranslatableMixin](
        self,
        instance: T,
        strings: dict[str, str],
        *,
        changed: bool = True,
        language: str = "it",
    ) -> T:
        """Create or refresh the translation of ``instance`` through wagtail-localize.

        ``strings`` maps each English source segment to its translation, as a human translator
        would fill the PO file; segments missing from it stay in English (and are reported), so a
        translator can finish them in the admin. When neither the source changed nor the
        translation is missing, nothing is written: a second run changes nothing.
        """
        target_locale = Locale.objects.get(language_code=language)
        existing: T | None = instance.get_translation_or_none(target_locale)
        if existing is not None and not changed:
            self.counts["unchanged"] += 1
            return existing
        source, created = TranslationSource.get_or_create_from_instance(instance)
        if not created:
            source.update_from_db()
        translation, _ = Translation.objects.get_or_create(
            source=source, target_locale=target_locale, defaults={"enabled": True}
        )
        po = translation.export_po()
        missing = []
        for entry in po:
            if entry.obsolete:
                continue
            text = strings.get(entry.msgid)
            if text is None:
                missing.append(entry.msgid)
                text = entry.msgid
            entry.msgstr = text
        translation.import_po(po, tool_name="demo content")
        translation.save_target(publish=True)
        if missing:
            self.counts["untranslated segments"] += len(missing)
            self.log(f"{instance}: {len(missing)} segment(s) left in English: {missing[:3]}")
        self.counts["translated"] += 1
        translated: T = instance.get_translation(target_locale)
        return translated


def _assign(obj: models.Model, values: dict[str, Any]) -> bool:
    """Set ``values`` on ``obj``; True when anything differed (compares stored representations)."""
    changed = False
    for name, value in values.items():
        current = getattr(obj, name)
        if _normalise(current) != _normalise(value):
            setattr(obj, name, value)
            changed = True
    return changed


def _normalise(value: Any) -> Any:
    """Make StreamField values, model instances and plain values comparable.

    Stream blocks get fresh UUIDs on every save, so ids are left out of the comparison.
    """
    if isinstance(value, StreamValue):
        return _strip_ids(value.get_prep_value())
    if isinstance(value, list) and value and isinstance(value[0], dict) and "type" in value[0]:
        return _strip_ids(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, Iterable) and not isinstance(value, str | bytes | dict):
        return [_normalise(v) for v in value]
    return value


def _strip_ids(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_ids(v) for k, v in value.items() if k != "id"}
    if isinstance(value, list):
        return [_strip_ids(v) for v in value]
    return value
