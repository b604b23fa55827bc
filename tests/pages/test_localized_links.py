"""Links to pages land in the visitor's language, whatever language the editor chose them in.

An Italian page whose rich text, call to action, card grid and menu point at English pages links
to their Italian translations; a page without a translation keeps its English address and says
so (hreflang, lang and a translated marker). The lookups are batched: the queries do not grow
with the number of links.
"""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pages.models import Menu, StandardPage
from tests.conftest import publish_child

pytestmark = pytest.mark.django_db


@pytest.fixture
def targets(site_tree, locales) -> dict[str, StandardPage]:
    about = publish_child(site_tree["en"], StandardPage(title="About us", slug="about"))
    about_it = about.copy_for_translation(locales["it"])
    about_it.title, about_it.slug = "Chi siamo", "chi-siamo"
    about_it.search_description = "Il movimento in breve"
    about_it.save_revision().publish()
    only = publish_child(site_tree["en"], StandardPage(title="Only in English", slug="only"))
    return {"about": about, "only": only}


def _italian_page(site_tree, targets, copies: int = 1) -> StandardPage:
    about, only = targets["about"], targets["only"]
    body = []
    for number in range(copies):
        body += [
            (
                "paragraph",
                f'<p>Leggi <a linktype="page" id="{about.pk}">chi siamo</a> e '
                f'<a linktype="page" id="{only.pk}">questa pagina</a> ({number}).</p>',
            ),
            (
                "call_to_action",
                {"heading": "Unisciti", "button_label": "Scopri", "page": about, "url": ""},
            ),
            ("card_grid", {"heading": "", "pages": [about, only]}),
        ]
    page = StandardPage(title="Pagina", slug=f"pagina-{copies}", locale=site_tree["it"].locale)
    page.body = body
    return publish_child(site_tree["it"], page)


def _links(html: str) -> list[str]:
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    return re.findall(r"<a [^>]*>", main)


def test_page_links_resolve_to_the_translation(client, site_tree, targets):
    page = _italian_page(site_tree, targets)
    html = client.get(page.url).content.decode()
    links = _links(html)
    assert not [tag for tag in links if 'href="/en/about/"' in tag]
    assert sum('href="/it/chi-siamo/"' in tag for tag in links) == 3  # text, button, card
    assert "Il movimento in breve" in html  # the card shows the translation's description
    assert ">Chi siamo<" in html


def test_a_link_to_a_page_without_translation_says_its_language(client, site_tree, targets):
    page = _italian_page(site_tree, targets)
    html = client.get(page.url).content.decode()
    rich_text = '<a href="/en/only/" hreflang="en" lang="en" class="link--other-language"'
    assert rich_text in html
    assert 'data-language-marker="(in inglese)"' in html
    card = re.search(r'<a href="/en/only/" hreflang="en" lang="en">Only in English (.*?)</a>', html)
    assert card and '<span class="lang-marker" lang="it">(in inglese)</span>' in card.group(1)


def test_the_marker_is_translated_in_english_too(client, site_tree, locales):
    italian_only = StandardPage(title="Solo italiano", slug="solo", locale=locales["it"])
    publish_child(site_tree["it"], italian_only)
    page = StandardPage(title="Links", slug="links")
    page.body = [("card_grid", {"heading": "", "pages": [italian_only]})]
    publish_child(site_tree["en"], page)
    html = client.get("/en/links/").content.decode()
    assert '<a href="/it/solo/" hreflang="it" lang="it">Solo italiano' in html
    assert "(in Italian)" in html


def test_unpublished_targets_disappear(client, site_tree, targets):
    page = _italian_page(site_tree, targets)
    targets["only"].unpublish()
    html = client.get(page.url).content.decode()
    assert "/en/only/" not in html


def test_menus_link_to_the_translation(client, site_tree, targets, locales):
    Menu.objects.create(
        location="main",
        locale=locales["it"],
        items=[
            ("page", {"page": targets["about"], "label": ""}),
            ("page", {"page": targets["only"], "label": "Inglese"}),
            ("url", {"url": "https://example.org/", "label": "Esterno"}),
        ],
    )
    html = client.get("/it/").content.decode()
    header = html.split("</header>", 1)[0]
    assert '<a href="/it/chi-siamo/">Chi siamo</a>' in header
    assert '<a href="/en/only/" hreflang="en" lang="en">Inglese' in header
    assert '<a href="https://example.org/">Esterno</a>' in header


def test_link_lookups_do_not_grow_with_the_number_of_links(client, site_tree, targets):
    def queries(page: StandardPage) -> int:
        from django.core.cache import cache

        client.get(page.url)
        cache.clear()  # measure the cold lookups too: one batch per page, not one per link
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page.url).status_code == 200
        return len(captured)

    one = queries(_italian_page(site_tree, targets, copies=1))
    ten = queries(_italian_page(site_tree, targets, copies=10))
    assert one == ten
