"""Editing help (issue 10): every field an editor fills in explains itself in both languages, and
every block in the block picker has a description and a preview.

The models are found, not listed: a new page type, snippet, setting or block is checked the day it
is added. Fields that Wagtail declares itself (title, slug, search description, publishing dates,
locale...) are left out: Wagtail writes and translates their help.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.apps import apps
from django.db import models
from django.db.models import ForeignObjectRel
from django.urls import reverse
from django.utils import translation
from wagtail import blocks
from wagtail.admin.panels import get_edit_handler
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.fields import StreamField
from wagtail.hooks import search_for_hooks
from wagtail.models import Page
from wagtail.snippets.models import get_snippet_models

APPS = ("pages", "research", "newsletter", "people", "projects")
WAGTAIL_MODULES = ("wagtail.", "modelcluster.")


def editable_models() -> list[type[models.Model]]:
    """Page types, snippets and settings of our apps: everything with an edit form in the admin."""
    search_for_hooks()  # snippets are registered by the apps' wagtail_hooks modules
    found: list[type[models.Model]] = [
        model
        for label in APPS
        for model in apps.get_app_config(label).get_models()
        if issubclass(model, Page)
    ]
    found += [m for m in get_snippet_models() if m._meta.app_label in APPS]
    found += [m for m in settings_registry if m._meta.app_label in APPS]
    return sorted(set(found), key=lambda m: m._meta.label)


def edit_form_class(model: type[models.Model]):
    """The form class the admin builds from the model's panels (the viewset's for snippets)."""
    if issubclass(model, Page):
        handler = model.get_edit_handler()  # type: ignore[attr-defined]  # a cached classmethod Wagtail adds
    elif viewset := getattr(model, "snippet_viewset", None):
        handler = viewset.get_edit_handler()
    else:
        handler = get_edit_handler(model)
    return handler.get_form_class()


def wagtail_field_names(model: type[models.Model]) -> set[str]:
    """Fields declared by Wagtail's own classes (Page, the draft/locale/order mixins, settings)."""
    names: set[str] = set()
    for klass in model.__mro__:
        meta = getattr(klass, "_meta", None)
        if meta is not None and klass.__module__.startswith(WAGTAIL_MODULES):
            names |= {f.name for f in (*meta.local_fields, *meta.local_many_to_many)}
    return names


def edited_fields(
    model: type[models.Model], form_class
) -> Iterator[tuple[str, models.Field | ForeignObjectRel]]:
    """(label, model field) for each of our model fields in the form and its inline formsets."""
    own = {f.name for f in model._meta.get_fields()} - wagtail_field_names(model)
    for name in form_class.base_fields:
        if name in own:
            yield f"{model._meta.label}.{name}", model._meta.get_field(name)
    for formset in getattr(form_class, "formsets", {}).values():
        child = formset.model
        yield from edited_fields(child, formset.form)


def in_both_languages(text) -> tuple[str, str]:
    with translation.override("en"):
        english = str(text or "")
    with translation.override("it"):
        italian = str(text or "")
    return english, italian


def block_help(block: blocks.Block):
    """A block's help text: field blocks hand it to their form field, the others keep it."""
    field = getattr(block, "field", None) if isinstance(block, blocks.FieldBlock) else None
    return field.help_text if field is not None else getattr(block.meta, "help_text", "")


def assert_explained(label: str, text) -> None:
    english, italian = in_both_languages(text)
    assert english.strip(), f"{label} has no help text"
    assert italian != english, f"{label}: help text not translated into Italian: {english!r}"


MODELS = editable_models()
FIELDS = [
    (label, field)
    for model in MODELS
    for label, field in edited_fields(model, edit_form_class(model))
]


def stream_fields() -> list[StreamField]:
    return [field for _label, field in FIELDS if isinstance(field, StreamField)]


def picker_blocks() -> dict[str, blocks.Block]:
    """Every block offered in a block picker (the children of each StreamField), by label."""
    found: dict[str, blocks.Block] = {}
    for field in stream_fields():
        for name, child in field.stream_block.child_blocks.items():
            path = f"{type(child).__module__}.{type(child).__name__}"
            found.setdefault(f"{path}:{name}", child)
    return found


def struct_children(block: blocks.Block, path: str) -> Iterator[tuple[str, blocks.Block]]:
    """(label, child) for the children of every StructBlock inside ``block``, at any depth."""
    if isinstance(block, blocks.ListBlock):
        yield from struct_children(block.child_block, path)
    elif isinstance(block, blocks.StreamBlock):
        for name, child in block.child_blocks.items():
            yield from struct_children(child, f"{path}.{name}")
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            yield f"{path}.{name}", child
            yield from struct_children(child, f"{path}.{name}")


PICKER = picker_blocks()
CHILDREN = dict(
    item
    for label, block in PICKER.items()
    for item in struct_children(block, f"{type(block).__name__}")
)


def test_the_walk_finds_the_editable_models_and_blocks():
    """Guards the test itself: a broken walk would otherwise pass by checking nothing."""
    labels = {model._meta.label for model in MODELS}
    assert {"pages.HomePage", "pages.Menu", "pages.SiteSettings", "research.Reference"} <= labels
    assert {"newsletter.Subscriber", "pages.Member", "people.Person"} <= labels
    assert {"pages.NetworkPage", "people.TeamPage", "projects.ProjectPage"} <= labels
    assert any(label.startswith("research.ReferenceCreator.") for label, _field in FIELDS)
    assert any(label.startswith("projects.ImpactFigure.") for label, _field in FIELDS)
    assert {"AffiliationBlock.organisation", "ProfileLinkBlock.url"} <= set(CHILDREN)
    assert "ImageBlock.image" in CHILDREN
    assert len(PICKER) >= 12


@pytest.mark.parametrize(("label", "field"), FIELDS, ids=[label for label, _f in FIELDS])
def test_every_edited_field_has_help_in_both_languages(label, field):
    assert_explained(label, field.help_text)


@pytest.mark.parametrize("label", list(PICKER))
def test_every_block_in_a_picker_is_described_in_both_languages(label):
    assert_explained(label, PICKER[label].get_description())


@pytest.mark.parametrize("label", list(CHILDREN))
def test_every_field_of_a_block_has_help_in_both_languages(label):
    assert_explained(label, block_help(CHILDREN[label]))


@pytest.mark.django_db
@pytest.mark.parametrize("label", list(PICKER))
def test_every_block_in_a_picker_has_a_preview_that_renders(label, admin_client, locales):
    """Wagtail shows a preview only for previewable blocks; the view must render it with an
    empty media library too (a fresh site has no images yet)."""
    block = PICKER[label]
    assert block.is_previewable, f"{label} has no preview in the block picker"
    response = admin_client.get(
        reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
    )
    assert response.status_code == 200
    assert block.get_preview_value() is not None or isinstance(block, blocks.StaticBlock)


def preview_html(client, block: blocks.Block) -> str:
    response = client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_previews_show_the_newest_library_image_in_the_right_styles(
    admin_client, locales, settings, tmp_path
):
    """Site blocks preview with the site's stylesheet, newsletter blocks with the email's; both
    show a real picture from the library (a preview value cannot name one)."""
    from newsletter.blocks import EmailImageBlock
    from pages.blocks import ImageBlock

    from .conftest import ImageFactory

    settings.MEDIA_ROOT = str(tmp_path)
    ImageFactory()
    site = preview_html(admin_client, ImageBlock())
    assert "css/site.css" in site and "<img" in site and 'alt="Volunteers planting' in site
    email = preview_html(admin_client, EmailImageBlock())
    assert 'class="nl-image"' in email and "css/site.css" not in email
