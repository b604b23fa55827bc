"""Which public page types exist, and one live example of each from the demo content.

Collection happens before the database exists, so the test parameters are the page *models* that
a demo builder creates (every concrete project page class named in a ``demo`` module); the example
page is looked up in the demo content when the test runs, and the test fails if it is not there.
Page models no demo builder mentions yet are listed as pending in the terminal summary.
"""

from __future__ import annotations

from wagtail.models import Page, get_page_models

from .journeys import in_demo

PROJECT_APPS = {"pages", "research", "people", "projects", "newsletter"}

# Views that are not Wagtail pages but are public page types of their own.
EXTRA_PAGES = {
    "search-results": "/{lang}/search/?q=kindness",
    "not-found": "/{lang}/this-page-does-not-exist/",
}


def _project_page_models() -> list[type[Page]]:
    return [
        model
        for model in get_page_models()
        if model._meta.app_label in PROJECT_APPS and not model._meta.abstract
    ]


def page_model_labels() -> list[str]:
    """Page types the demo content builds (one test each); see ``missing_from_demo``."""
    return sorted(
        model._meta.label_lower for model in _project_page_models() if in_demo(model.__name__)
    )


def missing_from_demo() -> list[str]:
    """Page types that exist in code but that no demo builder creates yet (reported as pending)."""
    return sorted(
        model._meta.label_lower for model in _project_page_models() if not in_demo(model.__name__)
    )


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
        f"translation) to {app_label}/demo.py so every page type is checked in both languages."
    )
    return page.get_url()
