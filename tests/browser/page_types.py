"""Which public page types exist, and one live example of each from the demo content.

Collection happens before the database exists, so the test parameters are the page *models* of the
project (every concrete page class of its apps); the example page is looked up in the demo
content when the test runs, and the test fails if the demo has none: a page type the demo does
not build is a failing test, not a missing one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

from wagtail.models import Page, get_page_models

PROJECT_APPS = {"pages", "research", "people", "projects", "newsletter"}

# Views that are not Wagtail pages but are public page types of their own.
EXTRA_PAGES = {
    "search-results": "/{lang}/search/?q=kindness",
    "not-found": "/{lang}/this-page-does-not-exist/",
    "newsletter-subscribe": "/{lang}/newsletter/subscribe/",
}


def _project_page_models() -> list[type[Page]]:
    return [
        model
        for model in get_page_models()
        if model._meta.app_label in PROJECT_APPS and not model._meta.abstract
    ]


def page_model_labels() -> list[str]:
    """Every public page type of the project (one test each)."""
    return sorted(model._meta.label_lower for model in _project_page_models())


def example_url(label: str, language: str) -> str:
    """The URL of a live page of this type in ``language``, or an AssertionError saying why not."""
    app_label, model_name = label.split(".")
    page = (
        Page.objects.live()
        .filter(
            content_type__app_label=app_label,
            content_type__model=model_name,
            locale__language_code=language,
        )
        .order_by("path")
        .first()
    )
    assert page is not None, (
        f"The demo content has no live {label} page in {language!r}: add one (and its "
        f"translation) to {app_label}/demo.yaml and its builder, so every page type is "
        "checked in both languages."
    )
    return page.get_url()


def _longest(items: Iterable[Any], length: Callable[[Any], int]) -> Any:
    """The item with the most text: the hardest example for a layout (long links, long roles)."""
    return max(items, key=lambda item: (length(item), -item.pk), default=None)


def _reference_url(language: str) -> str:
    """The reference with the longest DOI (shown as link text, unbroken), on its own page."""
    from research.models import Reference, ResearchIndexPage

    index = ResearchIndexPage.objects.live().filter(locale__language_code=language).first()
    reference = _longest(Reference.objects.all(), lambda r: len(r.doi))
    assert index is not None and reference is not None, f"no research library in {language!r}"
    return index.reference_url(reference.slug)


def _person_url(language: str) -> str:
    """The profile of the person with the longest name and role."""
    from people.models import Person, TeamPage

    team = TeamPage.objects.live().filter(locale__language_code=language).first()
    person = _longest(
        Person.objects.filter(live=True, locale__language_code=language),
        lambda p: len(p.display_name) + len(p.role),
    )
    assert team is not None and person is not None, f"no team page or people in {language!r}"
    return team.person_url(person)


def _join_url(language: str) -> str:
    """The network's "join the movement" form."""
    from pages.models import NetworkPage

    network = NetworkPage.objects.live().filter(locale__language_code=language).first()
    assert network is not None, f"no network page in {language!r}"
    return network.url + network.reverse_subpage("join")


# Views that a page type serves under its own URL (Wagtail routes), found in the demo content.
ROUTED_PAGES = {
    "research-reference": _reference_url,
    "team-person": _person_url,
    "network-join": _join_url,
}


def routed_url(name: str, language: str) -> str:
    """The URL of a routed view of the demo content in ``language``."""
    return ROUTED_PAGES[name](language)


LANGUAGES = ["en", "it"]


@dataclass(frozen=True)
class PublicPage:
    """One public page to open in a browser test: a page model, a view, or a routed view.

    The layout and the accessibility checks open the same pages in the same way; this one list
    and its ``url``/``shot`` rules serve both, so a page type added here is checked by both and
    neither can drift to other URLs or screenshot names.
    """

    kind: Literal["model", "view", "routed"]
    key: str

    def __str__(self) -> str:
        return self.key

    @property
    def expected_status(self) -> int:
        """What the server should answer: the not-found view is a 404 on purpose."""
        return 404 if self.key == "not-found" else 200

    def url(self, language: str) -> str:
        """Its URL in ``language``, looked up in the demo content when the test runs."""
        if self.kind == "model":
            return example_url(self.key, language)
        if self.kind == "view":
            return EXTRA_PAGES[self.key].format(lang=language)
        return routed_url(self.key, language)

    def shot(self, language: str) -> str:
        """The screenshot name stem: ``<type>-<lang>`` (a model's label with a dash)."""
        return f"{self.key.replace('.', '-')}-{language}"


def public_pages(*, routed: bool = True) -> list[PublicPage]:
    """Every page model, every extra view and (with ``routed``) every routed view, in one list."""
    pages = [PublicPage("model", label) for label in page_model_labels()]
    pages += [PublicPage("view", name) for name in sorted(EXTRA_PAGES)]
    if routed:
        pages += [PublicPage("routed", name) for name in sorted(ROUTED_PAGES)]
    return pages
