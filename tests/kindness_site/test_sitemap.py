import pytest
from django.conf import settings as django_settings

from pages.models import StandardPage
from tests.conftest import publish_child

BASE_URL = django_settings.BASE_URL

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
    assert f"<loc>{BASE_URL}/en/about/</loc>" in xml
    assert f"<loc>{BASE_URL}/it/chi-siamo/</loc>" in xml
    assert f'hreflang="it" href="{BASE_URL}/it/chi-siamo/"' in xml
    assert "/en/draft/" not in xml
