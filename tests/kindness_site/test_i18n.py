"""Two languages: prefixes, Accept-Language, the switcher and hreflang alternates."""

import pytest
from django.conf import settings as django_settings

from pages.models import StandardPage
from tests.conftest import publish_child

BASE_URL = django_settings.BASE_URL

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("accept", "target"), [("it-IT,it;q=0.9", "/it/"), ("en-GB", "/en/")])
def test_root_redirects_to_the_visitors_language(client, site_tree, accept, target):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == target


def test_root_falls_back_to_english_for_other_languages(client, site_tree):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE")
    assert response["Location"] == "/en/"


def _switcher(html: str) -> str:
    start = html.index('class="language-switcher"')
    return html[start : html.index("</nav>", start)]


def test_switcher_lands_on_the_translation(client, site_tree, locales):
    about = publish_child(site_tree["en"], StandardPage(title="About", slug="about"))
    about_it = about.copy_for_translation(locales["it"])
    about_it.title = "Chi siamo"
    about_it.slug = "chi-siamo"
    about_it.save_revision().publish()

    html = client.get("/en/about/").content.decode()
    switcher = _switcher(html)
    assert 'href="/it/chi-siamo/"' in switcher
    assert '<span aria-current="true" lang="en">English</span>' in switcher
    assert f'<link rel="alternate" hreflang="it" href="{BASE_URL}/it/chi-siamo/">' in html
    assert f'<link rel="alternate" hreflang="x-default" href="{BASE_URL}/en/about/">' in html


def test_switcher_falls_back_to_the_home_page_without_translation(client, site_tree):
    publish_child(site_tree["en"], StandardPage(title="Only English", slug="only-english"))
    html = client.get("/en/only-english/").content.decode()
    switcher = _switcher(html)
    assert 'href="/it/"' in switcher
    assert "not translated yet" in switcher
    assert 'hreflang="it"' not in html.split("</head>")[0]


def test_switcher_on_a_non_page_view_keeps_the_query(client, site_tree):
    html = client.get("/en/search/?q=kind").content.decode()
    assert 'href="/it/search/?q=kind"' in _switcher(html)


def test_ui_strings_are_translated(client, site_tree):
    html = client.get("/it/").content.decode()
    assert "Salta al contenuto principale" in html
    assert 'aria-label="Lingua"' in html
