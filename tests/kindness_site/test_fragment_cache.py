"""``{% publiccache %}``: cached until published content changes, never for previews or forms."""

from __future__ import annotations

from unittest import mock

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory

from pages import cache_generation

pytestmark = pytest.mark.django_db

TEMPLATE = Template(
    '{% load fragment_cache %}{% publiccache "part" key %}{{ counter.next }}{% endpubliccache %}'
)


class Counter:
    """Counts how often the fragment's inside is actually rendered."""

    def __init__(self) -> None:
        self.calls = 0

    def next(self) -> int:
        self.calls += 1
        return self.calls


def render(counter: Counter, key: str = "a", *, preview: bool = False, template=TEMPLATE) -> str:
    request = RequestFactory().get("/en/")
    if preview:
        request.is_preview = True  # type: ignore[attr-defined]  # as Wagtail marks a preview
    return template.render(Context({"request": request, "counter": counter, "key": key}))


def test_second_render_comes_from_the_cache():
    counter = Counter()
    assert render(counter) == "1"
    assert render(counter) == "1"
    assert counter.calls == 1


def test_vary_on_values_get_their_own_entries():
    counter = Counter()
    assert render(counter, "a") == "1"
    assert render(counter, "b") == "2"
    assert render(counter, "a") == "1"


def test_any_content_change_renders_it_again():
    counter = Counter()
    render(counter)
    cache_generation.bump()
    assert render(counter) == "2"


def test_previews_are_never_cached_nor_served_from_the_cache():
    counter = Counter()
    render(counter)
    assert render(counter, preview=True) == "2"
    assert render(counter, preview=True) == "3"
    assert render(counter) == "1"


def test_a_fragment_with_a_csrf_token_is_not_shared():
    template = Template(
        '{% load fragment_cache %}{% publiccache "form" %}<input name="csrfmiddlewaretoken" '
        'value="{{ counter.next }}">{% endpubliccache %}'
    )
    counter = Counter()
    render(counter, template=template)
    assert 'value="2"' in render(counter, template=template)


def test_without_a_request_it_renders_plainly():
    counter = Counter()
    html = TEMPLATE.render(Context({"counter": counter, "key": "a"}))
    html = TEMPLATE.render(Context({"counter": counter, "key": "a"}))
    assert html == "2"


def test_a_name_is_required():
    with pytest.raises(TemplateSyntaxError, match="needs a fragment name"):
        Template("{% load fragment_cache %}{% publiccache %}x{% endpubliccache %}")


def test_publishing_a_page_shows_at_once(home):
    template = Template(
        '{% load fragment_cache %}{% publiccache "title" page.pk %}{{ page.title }}'
        "{% endpubliccache %}"
    )

    def title() -> str:  # each call is a new request, as each visitor's is
        page = type(home).objects.get(pk=home.pk)
        request = RequestFactory().get("/en/")
        return template.render(Context({"request": request, "page": page}))

    assert title() == "Kindness Movement"
    home.title = "Kindness Movement International"
    home.save_revision().publish()
    assert title() == "Kindness Movement International"


def test_the_generation_is_read_once_per_request():
    """Several fragments on one page cost one generation lookup, not one each, and a page is
    rendered from the generation it started with even if another process bumps it meanwhile."""
    template = Template(
        '{% load fragment_cache %}{% publiccache "a" %}A{% endpubliccache %}'
        '{% publiccache "b" %}B{% endpubliccache %}'
    )
    store = cache_generation.store()
    reads = []
    original_read = store.read

    def counting_read() -> int:
        reads.append(1)
        return original_read()

    request = RequestFactory().get("/en/")
    with mock.patch.object(store, "read", counting_read), cache_generation.pinned() as pinned:
        assert template.render(Context({"request": request})) == "AB"
        store.bump()  # another process
        assert template.render(Context({"request": request})) == "AB"
        assert cache_generation.current() == pinned
    assert len(reads) == 1
