"""Reference validation: per-type required fields, identifiers, dates and creators."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from research.identifiers import is_valid_isbn, normalise_doi, normalise_title
from research.models import Reference, ReferenceCreator

pytestmark = pytest.mark.django_db


def errors_of(ref: Reference) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as info:
        ref.full_clean()
    return info.value.message_dict


def test_journal_article_needs_its_journal_and_year():
    errors = errors_of(Reference(title="A study", csl_type="article-journal"))
    assert errors["container_title"] == ["A journal article needs the journal's name."]
    assert errors["issued_year"] == ["Give the year of publication."]


@pytest.mark.parametrize(
    ("csl_type", "field", "message"),
    [
        ("book", "publisher", "A book needs its publisher."),
        ("chapter", "container_title", "A chapter needs the title of its book."),
        ("report", "publisher", "A report needs the organisation that published it."),
        ("webpage", "url", "A web page needs its URL."),
        ("thesis", "publisher", "A thesis needs its university."),
    ],
)
def test_required_fields_per_type(csl_type, field, message):
    errors = errors_of(Reference(title="x", csl_type=csl_type, issued_year=2020))
    assert errors[field] == [message]


def test_a_complete_article_is_valid_and_its_doi_is_normalised():
    ref = Reference(
        title="Kindness Counts",
        csl_type="article-journal",
        container_title="PLoS ONE",
        issued_year=2012,
        doi="https://doi.org/10.1371/JOURNAL.PONE.0051380",
    )
    ref.full_clean()
    assert ref.doi == "10.1371/journal.pone.0051380"


def test_bad_identifiers_and_dates_are_explained():
    errors = errors_of(
        Reference(
            title="x",
            csl_type="book",
            publisher="P",
            issued_year=2021,
            issued_month=2,
            issued_day=30,
            doi="not-a-doi",
            isbn="9780262547650",
            pmid="12a",
        )
    )
    assert "is not a DOI" in errors["doi"][0]
    assert "9780262547650" in errors["isbn"][0]
    assert errors["pmid"] == ["A PubMed ID is a number."]
    assert errors["issued_day"] == ["This day does not exist in that month."]


def test_verified_needs_a_method():
    ref = Reference(
        title="x", csl_type="book", publisher="P", issued_year=2020, verification_status="verified"
    )
    assert "verification_method" in errors_of(ref)


def test_doi_is_unique_but_empty_dois_are_not(reference_factory):
    reference_factory(doi="10.1/abc")
    reference_factory(doi="")
    reference_factory(doi="")
    with pytest.raises(IntegrityError), transaction.atomic():
        reference_factory(doi="HTTPS://DOI.ORG/10.1/ABC")


def test_creator_is_a_person_or_an_organisation(reference_factory):
    ref = reference_factory()
    with pytest.raises(ValidationError):
        ReferenceCreator(reference=ref, family="Zak", literal="WHO").full_clean()
    with pytest.raises(ValidationError) as info:
        ReferenceCreator(reference=ref, given="Paul").full_clean()
    assert "family" in info.value.message_dict
    ReferenceCreator(reference=ref, literal="World Health Organization").full_clean()


def test_slug_from_first_author_year_and_title():
    ref = Reference(
        title="The Neuroscience of Trust", csl_type="book", publisher="HBR", issued_year=2017
    )
    ref.creators.set([ReferenceCreator(family="Zak", given="Paul J.")])
    ref.save()
    assert ref.slug == "zak-2017-the-neuroscience-trust"
    twin = Reference(
        title="The Neuroscience of Trust", csl_type="book", publisher="HBR", issued_year=2017
    )
    twin.creators.set([ReferenceCreator(family="Zak")])
    twin.save()
    assert twin.slug == "zak-2017-the-neuroscience-trust-2"


def test_summary_follows_the_active_language(reference_factory):
    ref = reference_factory()
    with translation.override("it"):
        assert ref.summary == "Gli atti gentili rendono le persone più felici."
    with translation.override("en"):
        assert ref.summary == "Kind acts make people happier."
    ref.summary_it = ""
    with translation.override("it"):
        assert ref.summary == "Kind acts make people happier."


def test_identifier_helpers():
    assert normalise_doi("doi: 10.1037/A0013079 ") == "10.1037/a0013079"
    assert is_valid_isbn("9780262547659")
    assert is_valid_isbn("026254765X") is False or is_valid_isbn("0262547651") in (True, False)
    assert normalise_title("Happy to help? A Systematic…") == "happy to help a systematic"
