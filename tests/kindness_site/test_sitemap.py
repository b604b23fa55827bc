import pytest

from pages.models import StandardPage
from tests.conftest import publish_child

pytestmark = pytest.mark.django_db


def test_sitemap_lists_both_languages_with_alternates(client, site_tree, locales):
    about = publish_child(site_tree["en"], StandardPage(title="About", slug="about"))
    about_it = about.copy_for_translation(locales["it"])
    about_it.slug = "chi-siamo"
    about_it.save_revision().publish()
    publish_child(site_tree["en"], StandardPage(title="Draft", slug="draft")).unpublish()

    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    assert "<loc>http://testserver/en/about/</loc>" in xml
    assert "<loc>http://testserver/it/chi-siamo/</loc>" in xml
    assert 'hreflang="it" href="http://testserver/it/chi-siamo/"' in xml
    assert "/en/draft/" not in xml
