"""Fixtures for the research tests: a library page per language and reference factories."""

from __future__ import annotations

import factory
import pytest
from django.utils import translation

from pages.models import Area
from research.models import Reference, ReferenceCreator, ResearchIndexPage
from tests.conftest import publish_child


class ReferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reference
        skip_postgeneration_save = True

    csl_type = "article-journal"
    title = factory.Sequence(lambda n: f"Kindness study number {n}")
    container_title = "Journal of Kindness"
    issued_year = factory.Sequence(lambda n: 1990 + n % 35)
    volume = "12"
    issue = "3"
    page = "1-10"
    evidence_type = "rct"
    summary_en = "Kind acts make people happier."
    summary_it = "Gli atti gentili rendono le persone più felici."

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        names = extracted if extracted is not None else [("Smith", "Anna"), ("Rossi", "Marco")]
        for i, (family, given) in enumerate(names):
            ReferenceCreator.objects.create(
                reference=self,  # type: ignore[misc]  # post_generation gets the Reference
                family=family,
                given=given,
                sort_order=i,
            )


@pytest.fixture
def library(site_tree, django_capture_on_commit_callbacks) -> dict[str, ResearchIndexPage]:
    en = publish_child(site_tree["en"], ResearchIndexPage(title="Research", slug="research"))
    it_page = en.copy_for_translation(site_tree["it"].locale)
    it_page.title = "Ricerca"
    it_page.save_revision().publish()
    return {"en": en, "it": it_page}


@pytest.fixture
def areas(locales) -> dict[str, Area]:
    out = {}
    for i, slug in enumerate(["health", "education"]):
        en = Area.objects.create(
            name=slug.title(),
            slug=slug,
            colour="rose",
            icon="heart",
            sort_order=i,
            locale=locales["en"],
        )
        it_area = en.copy_for_translation(locales["it"])
        it_area.name = {"health": "Salute", "education": "Educazione"}[slug]
        it_area.save()
        out[slug] = en
    return out


@pytest.fixture
def reference_factory():
    return ReferenceFactory


@pytest.fixture(autouse=True)
def _admin_without_second_factor(settings):
    """The admin's two-factor step is tested by kindness_site; here editors are signed in."""
    settings.OTP_REQUIRED = False


@pytest.fixture(autouse=True)
def _english_by_default():
    """Requests activate a language that would otherwise leak into the next test."""
    with translation.override("en"):
        yield
