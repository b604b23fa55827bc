import pytest

from pages.models import StandardPage
from tests.conftest import publish_child

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "it"])
def test_home_renders_in_each_language_with_lang_attribute(client, site_tree, language):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert site_tree[language].title in html


def test_standard_page_renders_intro_and_body(client, home):
    page = StandardPage(
        title="About us",
        slug="about",
        intro="<p>Who we are</p>",
        body=[{"type": "heading", "value": {"text": "Our mission", "level": "h2"}}],
    )
    publish_child(home, page)
    response = client.get("/en/about/")
    assert response.status_code == 200
    assert b"Who we are" in response.content
    assert b"Our mission</h2>" in response.content


def test_standard_page_query_budget(client, home, django_assert_max_num_queries):
    publish_child(home, StandardPage(title="About", slug="about"))
    # The first request after a change refills the caches keyed on the content generation (locales,
    # menus, tree lookups) once per process; the budget is for every page-cache miss after that,
    # as in tests/kindness_site/test_query_budgets_demo.py.
    assert client.get("/en/about/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/en/about/").status_code == 200
