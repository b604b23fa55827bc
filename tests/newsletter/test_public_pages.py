"""Public newsletter pages render in both languages within a fixed query budget."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsletter.links import preferences_signature
from newsletter.models import NewsletterIssuePage, Subscriber
from tests.conftest import publish_child

from .conftest import BODY


def add_issues(archive, n: int) -> None:
    add_issues_from(archive, 0, n)


def add_issues_from(archive, start: int, n: int) -> None:
    for i in range(start, start + n):
        page = publish_child(
            archive["en"], NewsletterIssuePage(title=f"Issue {i}", slug=f"issue-{i}", body=BODY)
        )
        it = page.copy_for_translation(archive["it"].locale)
        it.save_revision().publish()


def _queries(client, url: str) -> int:
    client.get(url)  # warm per-process and fragment caches (locales, site root, menus)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("language", ["en", "it"])
def test_archive_query_budget(client, archive, areas, language):
    """At most 12 queries, the same with 10 issues as with 50."""
    url = f"/{language}/newsletter/"
    add_issues(archive, 10)
    with_10 = _queries(client, url)
    add_issues_from(archive, 10, 40)
    assert _queries(client, url) == with_10
    assert with_10 <= 12
    response = client.get(url)
    html = response.content.decode()
    assert html.count('class="newsletter-archive__item"') == 12
    assert f'action="/{language}/newsletter/subscribe/"' in html


@pytest.mark.parametrize("language", ["en", "it"])
def test_issue_page_is_the_web_archive(client, issue, language, django_assert_max_num_queries):
    url = issue[language].url
    client.get(url)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert issue[language].title in html
    assert "Kindness is contagious." in html
    assert "<script" not in html.split("</head>")[1].replace('<script src="', "")  # no inline JS
    assert 'style="' not in html
    assert f'href="{archive_for(issue, language)}"' in html  # "All issues" link


def archive_for(issue, language: str) -> str:
    return issue[language].get_parent().url


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "Subscribe to the newsletter"), ("it", "Iscriviti alla newsletter")],
)
def test_subscribe_page(client, site_tree, areas, language, heading, django_assert_max_num_queries):
    client.get(f"/{language}/newsletter/subscribe/")
    with django_assert_max_num_queries(12):
        response = client.get(f"/{language}/newsletter/subscribe/")
    assert response.status_code == 200
    html = response.content.decode()
    assert heading in html
    assert 'name="consent"' in html and 'aria-hidden="true"' in html


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "Newsletter preferences"), ("it", "Preferenze della newsletter")],
)
def test_preferences_page(
    client, site_tree, areas, language, heading, django_assert_max_num_queries
):
    subscriber = Subscriber.objects.create(
        email="p@example.org", language=language, status="confirmed"
    )
    subscriber.topics.add(areas["en"]["health"])
    url = f"/{language}/newsletter/preferences/{preferences_signature(subscriber.token)}/"
    client.get(url)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert heading in html
    # The English topic is shown ticked in the Italian form too (matched by translation key).
    health = areas[language]["health"]
    assert f'value="{health.pk}"' in html
    assert "checked" in html.split(f'value="{health.pk}"')[1].split(">")[0]


def test_archive_pages_through_older_issues(client, archive):
    add_issues(archive, 13)
    first = client.get("/en/newsletter/").content.decode()
    assert first.count('class="newsletter-archive__item"') == 12
    assert 'href="?page=2"' in first and "Newer issues" not in first
    second = client.get("/en/newsletter/", {"page": 2}).content.decode()
    assert second.count('class="newsletter-archive__item"') == 1
    assert 'href="?page=1"' in second and "Older issues" not in second


@pytest.mark.parametrize("page", ["zzz", "-3", "99999999999999999999", ""])
def test_bad_page_number_is_harmless(client, archive, page):
    assert client.get("/en/newsletter/", {"page": page}).status_code == 200
