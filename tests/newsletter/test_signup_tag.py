"""The sign-up form tag renders a working no-JS form in both languages."""

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
