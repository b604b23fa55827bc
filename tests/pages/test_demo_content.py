"""The demo loader builds every page type in both languages, and a second run changes nothing."""

import re

import pytest
from django.core.management import call_command
from wagtail.models import Page, Revision

from pages.models import Area, Member, NetworkPage, SectionPage, StandardPage, StoryPage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _summary(capsys) -> str:
    out = capsys.readouterr().out
    return out.strip().splitlines()[-1]


def test_demo_content_builds_the_site_and_is_idempotent(client, capsys, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.PAGE_CACHE_ENABLED = False
    call_command("load_demo_content")
    first = _summary(capsys)
    assert "Demo content ready" in first

    assert Area.objects.filter(locale__language_code="en").count() == 6
    assert Area.objects.filter(locale__language_code="it").count() == 6
    assert SectionPage.objects.filter(locale__language_code="it", live=True).count() == 6
    assert StoryPage.objects.filter(locale__language_code="it", live=True).count() >= 5
    assert StandardPage.objects.filter(slug="privacy").exists()
    assert Member.objects.filter(is_example=True, status="approved").count() >= 8
    assert not Member.objects.filter(is_example=False).exists()

    network_it = NetworkPage.objects.get(locale__language_code="it")
    urls = ["/en/", "/it/", network_it.url, network_it.url + "join/"]
    urls += [page.url for page in SectionPage.objects.live()]
    urls += [page.url for page in StoryPage.objects.live()[:4]]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
    home = client.get("/en/").content.decode()
    evidence = home[home.index("band--evidence") :]
    evidence = evidence[: evidence.index("</section>")]
    # The text's "+50% creativity" is wrong: the source (Zak 2017) says productivity.
    assert "74%" in evidence and "higher productivity" in evidence
    assert "creativity" not in evidence
    assert "Zak" in evidence

    # People are credited from the people app (people.StoryAuthor, people.SectionContact), in
    # the page's language.
    health = {
        page.locale.language_code: page for page in SectionPage.objects.filter(area__slug="health")
    }
    assert "Physician and epidemiologist" in client.get(health["en"].url).content.decode()
    assert "Medico ed epidemiologo" in client.get(health["it"].url).content.decode()
    story = StoryPage.objects.get(slug="kind-care-on-the-ward")
    assert "Journalist" in client.get(story.url).content.decode()
    story_it = story.get_translation(network_it.locale)
    assert "Giornalista" in client.get(story_it.url).content.decode()

    revisions = Revision.objects.filter(content_type__app_label="pages").count()
    rows = (Area.objects.count(), Member.objects.count(), Page.objects.count())
    call_command("load_demo_content")
    second = _summary(capsys)
    assert not re.search(r"\b\d+ created\b", second), second
    # Nothing of the pages app was saved again (no new revision of its pages or menus).
    assert Revision.objects.filter(content_type__app_label="pages").count() == revisions
    assert (Area.objects.count(), Member.objects.count(), Page.objects.count()) == rows
