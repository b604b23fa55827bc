"""Checks run against the whole demo site, built once for this module.

Every app's demo module adds its page types, so new page types (sections, stories, network,
research, team, projects, newsletter issues, ...) are covered here without editing this file:
- every public page type, in both languages, scores A+ on the Observatory-style header test
  (with production's HTTPS settings, TLS assumed), on the first answer and on a page-cache hit;
- every public page answers hostile query strings (filters, search, pagination) without a 500
  and writes nothing;
- every join form of a routable page refuses hostile posts and writes nothing.

The demo site is built inside a transaction that is rolled back after the module, so other test
modules never see it; each test runs in its own savepoint as usual.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase
from django.urls import NoReverseMatch
from hypothesis import given, settings
from hypothesis import strategies as st
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from .hostile import FORM, FUZZ_FEW, NOT_AN_EMAIL, QUERY, check, row_counts
from .observatory import Report, score_response

ORIGIN = "https://attacker.example"
# Each example renders a whole page and counts every table: fewer examples keep the suite fast.
FUZZ_PAGES = settings(FUZZ_FEW, max_examples=15)
# Endpoints that are not Wagtail pages but that visitors (or crawlers) load.
EXTRA_PUBLIC_URLS = [
    "/en/search/?q=kindness",
    "/it/search/?q=gentilezza",
    "/en/this-page-does-not-exist/",
    "/it/questa-pagina-non-esiste/",
    "/robots.txt",
    "/sitemap.xml",
    "/.well-known/security.txt",
]


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=True):  # translations publish on commit
            call_command("load_demo_content", verbosity=0)
        pages = list(Page.objects.live().public().filter(depth__gt=1).order_by("path").specific())
        yield pages
        transaction.set_rollback(True)


@pytest.fixture
def site(demo_site, db):
    cache.clear()
    return demo_site


def one_page_per_type(pages: list[Page]) -> list[str]:
    """One URL per (page type, language): every public page type that exists."""
    chosen: dict[tuple[int, int], str] = {}
    for page in pages:
        url = page.get_url()
        if url:
            chosen.setdefault((page.content_type_id, page.locale_id), url)
    return sorted(chosen.values())


def join_urls(pages: list[Page]) -> list[str]:
    """Every routable page's ``join`` form (the network page's; others may follow)."""
    urls = []
    for page in pages:
        if isinstance(page, RoutablePageMixin):
            try:
                urls.append(page.get_url() + page.reverse_subpage("join"))
            except NoReverseMatch:
                continue
    return urls


def test_every_public_page_type_scores_a_plus(client, site, production_security):
    urls = one_page_per_type(site)
    assert "/en/" in urls and "/it/" in urls
    failing = {}
    for url in urls + EXTRA_PUBLIC_URLS:
        plain = client.get(url, secure=False)
        for attempt in ("first", "cached"):  # a page-cache hit must carry the same headers
            response = client.get(url, secure=True, headers={"Origin": ORIGIN})
            assert response.status_code in (200, 404), (url, response.status_code)
            report: Report = score_response(
                response,
                host="testserver",
                http_status=plain.status_code,
                http_location=plain.headers.get("Location", ""),
                origin=ORIGIN,
            )
            if report.score < 100:
                failing[f"{url} ({attempt})"] = (report.score, report.failures())
    assert not failing, failing


@FUZZ_PAGES
@given(data=st.data())
def test_every_public_page_answers_hostile_filters(client, site, data):
    cache.clear()
    page = data.draw(st.sampled_from(site))
    before = row_counts()
    url = page.get_url()
    check(client.get(url, data.draw(QUERY)), url)
    assert row_counts() == before


def test_there_is_a_join_form_to_fuzz(site):
    assert join_urls(site)


@FUZZ_PAGES
@given(form=FORM, email=NOT_AN_EMAIL)
def test_join_forms_refuse_hostile_posts_and_write_nothing(client, site, form, email):
    cache.clear()
    before = row_counts()
    for url in join_urls(site):
        check(client.post(url, {**form, "email": email}), url)
    assert row_counts() == before
