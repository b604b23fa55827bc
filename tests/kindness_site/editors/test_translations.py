"""What is untranslated is visible at a glance; translators get a way in; no machine translation."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail_localize.models import TranslationSource

from kindness_site.editors.panels import TranslationStatusPanel
from kindness_site.editors.roles import EDITORS, TRANSLATORS
from kindness_site.editors.translations import translation_status
from pages.models import StandardPage
from tests.conftest import publish_child

from .conftest import signed_in

pytestmark = pytest.mark.django_db


def status_for(language: str = "it"):
    return next(s for s in translation_status() if s.locale.language_code == language)


def test_untranslated_page_is_listed_as_missing(about_page, home_it):
    status = status_for()
    listed = {p.obj.pk: p for p in status.pages}
    assert about_page.pk in listed
    assert listed[about_page.pk].missing
    assert home_it.pk not in listed  # the Italian tree is the target, not a source


def test_translated_and_synced_page_is_not_listed_until_english_changes(about_page, home_it):
    TranslationSource.update_or_create_from_instance(about_page)
    italian = about_page.copy_for_translation(home_it.locale)
    italian.title = "Chi siamo"
    italian.save_revision().publish()
    assert about_page.pk not in {p.obj.pk for p in status_for().pages}

    about_page.title = "About the movement"
    about_page.save_revision().publish()
    pending = {p.obj.pk: p for p in status_for().pages}[about_page.pk]
    assert not pending.missing
    assert pending.source_id is not None


def test_synced_but_not_yet_translated_is_out_of_date(chi_siamo, about_page):
    TranslationSource.update_or_create_from_instance(about_page)  # sync after the translation
    pending = {p.obj.pk: p for p in status_for().pages}[about_page.pk]
    assert not pending.missing


def test_untranslated_snippets_are_counted(home_it, locales):
    person = apps.get_model("people", "Person")
    ada = person.objects.create(display_name="Ada", slug="ada", locale=locales["en"])
    ada.save_revision().publish()
    counts = {model._meta.label: count for model, count in status_for().snippets}
    assert counts.get("people.Person") == 1
    ada.copy_for_translation(locales["it"]).save()
    counts = {model._meta.label: count for model, count in status_for().snippets}
    assert "people.Person" not in counts


def test_panel_gives_translators_a_translate_link(make_staff, about_page, home_it):
    html = signed_in(make_staff(TRANSLATORS)).get(reverse("wagtailadmin_home")).content.decode()
    assert "kindness-translation-status" in html
    assert reverse("wagtail_localize:submit_page_translation", args=[about_page.pk]) in html


def test_editors_are_told_to_ask_a_translator(make_staff, about_page, home_it):
    html = signed_in(make_staff(EDITORS)).get(reverse("wagtailadmin_home")).content.decode()
    assert "Ask a translator" in html
    assert reverse("wagtail_localize:submit_page_translation", args=[about_page.pk]) not in html


def test_translator_can_start_a_translation(make_staff, about_page, home_it):
    client = signed_in(make_staff(TRANSLATORS))
    url = reverse("wagtail_localize:submit_page_translation", args=[about_page.pk])
    assert client.get(url).status_code == 200
    assert signed_in(make_staff(EDITORS)).get(url).status_code in (302, 403)


def test_panel_query_budget_is_flat(home, home_it, django_assert_max_num_queries):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_superuser("boss", "b@example.org", "pw-12345678")
    request = RequestFactory().get("/admin/")
    request.user = user

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            TranslationStatusPanel(request).render_html({"request": request})
        return len(ctx.captured_queries)

    for i in range(10):
        publish_child(home, StandardPage(title=f"Page {i}", slug=f"page-{i}"))
    with django_assert_max_num_queries(12):
        TranslationStatusPanel(request).render_html({"request": request})
    ten = count()
    for i in range(10, 50):
        publish_child(home, StandardPage(title=f"Page {i}", slug=f"page-{i}"))
    assert count() == ten


def test_no_machine_translator_is_configured():
    assert not getattr(settings, "WAGTAILLOCALIZE_MACHINE_TRANSLATOR", None)


def test_translator_can_sync_from_english(make_staff, chi_siamo, about_page):
    source, _created = TranslationSource.update_or_create_from_instance(about_page)
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    assert signed_in(make_staff(TRANSLATORS)).get(url).status_code == 200
    assert signed_in(make_staff(EDITORS)).get(url).status_code in (302, 403)
