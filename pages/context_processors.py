"""Template context shared by every page: the active language's home page (lazily fetched)."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from wagtail.models import Page

from .locales import active_locale


def _active_home() -> Page | None:
    locale = active_locale()
    if locale is None:
        return None
    return Page.objects.filter(depth=2, locale=locale).only("title", "url_path", "locale").first()


def site_home(request: HttpRequest) -> dict:
    """``site_home``: the home page in the visitor's language; its title is the movement's name
    as written in that language, so the brand is translated like any other content."""
    return {"site_home": SimpleLazyObject(_active_home)}
