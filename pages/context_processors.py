"""Template context shared by every page: the active language's home page (lazily fetched)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .locales import active_locale
from .queries import HomeLink, home_links


def _active_home() -> HomeLink | None:
    locale = active_locale()
    if locale is None:
        return None
    return next((home for home in home_links() if home.locale_id == locale.pk), None)


def site_home(request: HttpRequest) -> dict[str, object]:
    """``site_home``: the home page in the visitor's language (title and URL, cached); its title
    is the movement's name as written in that language, so the brand is translated like any
    other content."""
    return {"site_home": SimpleLazyObject(_active_home)}
