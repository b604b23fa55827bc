"""Citations from pages: numbered in-text citations, citation blocks, the generated list and
the reference index that tells each reference where it is cited."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from wagtail.blocks import StreamBlock, StreamValue
from wagtail.models import ReferenceIndex
from wagtail.rich_text import RichText, expand_db_html

from pages.models import StandardPage
from research.blocks import CitationBlock
from research.citations import cited_ids, numbered_references, reset_numbering
from tests.conftest import publish_child

pytestmark = pytest.mark.django_db


def cite(ref, words: str) -> str:
    return f'<a linktype="citation" id="{ref.pk}">{words}</a>'


@pytest.fixture
def refs(reference_factory):
    return [reference_factory(title=f"Paper {n}", authors=[(f"Author{n}", "A.")]) for n in range(3)]


@pytest.fixture
def citing_page(home, refs):
    intro = f"<p>Kindness helps {cite(refs[1], 'a lot')} and {cite(refs[0], 'often')}.</p>"
    page = StandardPage(title="Why kindness", slug="why", intro=intro)
    page.body = [
        (
            "paragraph",
            RichText(f"<p>Again {cite(refs[1], 'this')} and {cite(refs[2], 'that')}</p>"),
        ),
    ]
    return publish_child(home, page)


def test_rich_text_citations_are_numbered_in_order(refs):
    reset_numbering()
    html = expand_db_html(f"<p>{cite(refs[2], 'x')} {cite(refs[0], 'y')} {cite(refs[2], 'z')}</p>")
    assert html.count('data-citation="1"') == 2 and html.count('data-citation="2"') == 1
    assert 'href="#ref-1"' in html and 'aria-describedby="ref-2"' in html
    assert ">x</a>" in html


def test_missing_reference_keeps_the_words(refs):
    reset_numbering()
    html = expand_db_html('<p><a linktype="citation" id="99999">kept words</a></p>')
    assert 'citation--missing">kept words</a>' in html


def test_reference_list_follows_document_order(citing_page, refs):
    reset_numbering()
    assert cited_ids(citing_page) == [refs[1].pk, refs[0].pk, refs[2].pk]
    entries = numbered_references(citing_page)
    assert [(e.number, e.reference.title) for e in entries] == [
        (1, "Paper 1"),
        (2, "Paper 0"),
        (3, "Paper 2"),
    ]


@pytest.mark.parametrize("language", ["en", "it"])
def test_reference_list_partial(citing_page, language, rf):
    from django.utils import translation

    reset_numbering()
    with translation.override(language):
        html = Template('{% include "research/includes/reference_list.html" %}').render(
            Context({"page": citing_page, "request": rf.get("/")})
        )
    assert html.index('id="ref-1"') < html.index('id="ref-2"') < html.index('id="ref-3"')
    assert ("References" if language == "en" else "Riferimenti") in html
    assert "Author1, A. (" in html


def test_citation_block_gets_the_same_number(refs, home):
    block = StreamBlock([("citation", CitationBlock())])
    value = StreamValue(
        block,
        [
            (
                "citation",
                {
                    "text": "Claim <b>one</b>",
                    "reference": refs[2],
                    "locator": "p. 3",
                    "is_quotation": True,
                },
            )
        ],
    )
    page = StandardPage(title="Blocks", slug="blocks", body=[])
    reset_numbering()
    expand_db_html(f"<p>{cite(refs[0], 'first')}</p>")
    html = value.render_as_block(context={"page": page})
    assert 'href="#ref-2"' in html and "[2]" in html
    assert "Claim &lt;b&gt;one&lt;/b&gt;" in html and "<blockquote>" in html
    assert "(Author2, 1990" in html or "Author2" in html


def test_reference_index_and_cited_on(client, library, citing_page, refs):
    ReferenceIndex.create_or_update_for_object(citing_page)
    sources = ReferenceIndex.get_references_to(refs[2]).values_list("object_id", flat=True)
    assert str(citing_page.pk) in list(sources)
    html = client.get(f"{library['en'].url}{refs[2].slug}/").content.decode()
    assert "Why kindness" in html
    html = client.get(f"{library['en'].url}{refs[2].slug}/").content.decode()
    unused = client.get(f"{library['en'].url}{refs[0].slug}/").content.decode()
    assert "Why kindness" in unused  # cited in the intro too


@pytest.mark.parametrize("language", ["en", "it"])
def test_standard_page_shows_in_text_citations_and_its_reference_list(
    client, site_tree, citing_page, refs, language, locales, django_assert_max_num_queries
):
    """The whole path a visitor sees: rich text citations link to the page's numbered list."""
    page = citing_page
    if language == "it":
        page = citing_page.copy_for_translation(locales["it"])
        page.save_revision().publish()
    # Budget: the standard page's own 12, one query per rich-text field with citations, the list
    # (references with creators) and the library page for the "About this source" links; the
    # Italian copy needs one more to find its translated library page. Measured after a first
    # request has refilled the caches keyed on the content generation (see the standard page's
    # budget test).
    client.get(page.url)
    with django_assert_max_num_queries(20):
        html = client.get(page.url).content.decode()
    assert 'href="#ref-1"' in html
    assert html.index('id="ref-1"') < html.index('id="ref-2"') < html.index('id="ref-3"')
    assert ("References" if language == "en" else "Riferimenti") in html


def test_rich_text_editors_offer_the_citation_entity():
    from pages.blocks.content import RICH_TEXT_FEATURES

    assert "citation" in RICH_TEXT_FEATURES
