"""The sign-up form tag renders a working no-JS form in both languages."""

import re

from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation


def _render(source: str, language: str) -> str:
    with translation.override(language):
        request = RequestFactory().get("/")
        template = Template("{% load newsletter_tags %}{% newsletter_signup_form source=src %}")
        return template.render(Context({"request": request, "src": source}))


def test_footer_form_posts_to_subscribe_view(site_tree):
    html = _render("footer", "en")
    assert 'action="/en/newsletter/subscribe/"' in html
    assert 'name="email"' in html and 'name="consent"' in html
    assert 'name="website"' in html and 'name="started"' in html
    assert 'name="topics"' not in html  # the footer stays short


def test_home_form_in_italian_has_topics_and_consent(site_tree):
    html = _render("home", "it")
    assert 'action="/it/newsletter/subscribe/"' in html
    assert 'value="home"' in html


def test_topic_checkboxes_are_cached_until_an_area_changes(
    site_tree, areas, django_assert_num_queries
):
    slug = next(iter(areas["en"]))
    assert areas["en"][slug].name in _render("home", "en")
    with django_assert_num_queries(0):  # the checkboxes come from the cached fragment
        assert 'name="topics"' in _render("home", "en")
    area = areas["en"][slug]
    area.name = "Renamed area"
    area.save()
    assert "Renamed area" in _render("home", "en")


def test_the_subscribe_page_keeps_the_visitors_ticks(client, site_tree, areas):
    _render("home", "en")  # fills the topics fragment
    area = next(iter(areas["en"].values()))
    response = client.post(
        "/en/newsletter/subscribe/",
        {"email": "not-an-address", "language": "en", "topics": [area.pk], "source": "page"},
    )
    html = response.content.decode()
    assert re.search(rf'name="topics" value="{area.pk}"[^>]*checked', html)
