"""Which public page types exist, and one live example of each from the demo content.

Collection happens before the database exists, so the test parameters are the page *models* of the
project (every concrete page class of its apps); the example page is looked up in the demo
content when the test runs, and the test fails if the demo has none: a page type the demo does
not build is a failing test, not a missing one.
"""

from __future__ import annotations

from wagtail.models import Page, get_page_models

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
