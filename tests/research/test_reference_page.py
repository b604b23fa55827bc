"""A reference's own page: cite this, links, metadata for machines, where it is cited."""

from __future__ import annotations

import json
import re

import pytest
from django.conf import settings as django_settings

BASE_URL = django_settings.BASE_URL

pytestmark = pytest.mark.django_db


@pytest.fixture
def ref(reference_factory):
    return reference_factory(
        title="Kindness <em>Counts</em>",
        issued_year=2012,
        issued_month=12,
        issued_day=26,
        doi="10.1371/journal.pone.0051380",
        pmid="23300546",
        open_access_url="https://journals.plos.org/plosone/article?id=10.1371",
        verification_status="corrected",
        verification_method="PubMed Central record.",
        authors=[("Layous", "Kristin")],
    )


@pytest.mark.parametrize("language", ["en", "it"])
def test_reference_page_renders(client, library, ref, language):
    response = client.get(f"{library[language].url}{ref.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert "<em>Counts</em>" not in html
    assert html.count('class="cite-this__style"') == 5
    assert 'data-copy-target="cite-apa"' in html
    assert '<meta name="citation_title" content="Kindness &lt;em&gt;Counts&lt;/em&gt;">' in html
    assert '<meta name="citation_doi" content="10.1371/journal.pone.0051380">' in html
    assert '<meta name="citation_publication_date" content="2012/12/26">' in html
    assert 'class="Z3988" title="ctx_ver=Z39.88-2004' in html
    assert f'<link rel="canonical" href="{BASE_URL}{library[language].url}{ref.slug}/">' in html
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html)
    assert found is not None
    data = json.loads(found.group(1))
    assert data["@type"] == "ScholarlyArticle"
    assert data["identifier"][0]["value"] == "10.1371/journal.pone.0051380"
    assert "\\u003cem\\u003e" in found.group(1)
    summary = {
        "en": "Kind acts make people happier.",
        "it": "Gli atti gentili rendono le persone più felici.",
    }[language]
    assert summary in html


def test_unverified_reference_is_marked(client, library, reference_factory):
    ref = reference_factory(verification_status="unverified", verification_notes="ISBN unknown")
    html = client.get(f"{library['en'].url}{ref.slug}/").content.decode()
    assert "Not verified." in html and "ISBN unknown" in html


def test_unknown_reference_is_404(client, library):
    assert client.get(library["en"].url + "no-such-reference/").status_code == 404


def test_reference_page_query_budget(client, library, ref, django_assert_max_num_queries):
    client.get(f"{library['en'].url}{ref.slug}/")
    with django_assert_max_num_queries(12):
        assert client.get(f"{library['en'].url}{ref.slug}/").status_code == 200


def test_canonical_and_json_ld_ignore_the_request_host(client, library, ref):
    """Reference pages build every absolute URL from BASE_URL, like the other pages (a request
    through another host name or port must not change the canonical address)."""
    url = f"{library['en'].url}{ref.slug}/"
    html = client.get(url, HTTP_HOST="proxy.internal:8443").content.decode()
    assert f'<link rel="canonical" href="{BASE_URL}{url}">' in html
    assert "proxy.internal" not in html
    data = next(
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
        if '"@id":"' + BASE_URL + url in block
    )
    assert data["@id"] == f"{BASE_URL}{url}"


def test_checking_notes_are_shown_in_the_visitor_language(client, library, ref):
    ref.verification_notes = "The movement's text gave 2016."
    ref.verification_notes_it = "Il testo del movimento indicava il 2016."
    ref.verification_method_it = "Scheda di PubMed Central."
    ref.save()
    italian = client.get(f"{library['it'].url}{ref.slug}/").content.decode()
    english = client.get(f"{library['en'].url}{ref.slug}/").content.decode()
    assert "Il testo del movimento indicava il 2016." in italian
    assert "Scheda di PubMed Central." in italian
    assert "The movement's text" not in italian and "PubMed Central record." not in italian
    assert "The movement&#x27;s text gave 2016." in english
