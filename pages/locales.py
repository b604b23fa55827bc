"""Locale lookups without a query per call.

``Locale.get_active()`` queries the database every time; templates ask for it several times per
page. Locales change almost never, so they are kept per process, for as long as the content
generation (``pages.cache_generation``) stays the same: a locale saved or deleted by any process
bumps it.
"""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language
from wagtail.models import Locale

from . import cache_generation

_by_code: dict[str, Locale] = {}
_seen_generation: list[int] = [0]


def active_locale() -> Locale | None:
    """The Locale for the active language, falling back to the default one."""
    generation = cache_generation.current()
    if generation != _seen_generation[0]:
        _by_code.clear()
        _seen_generation[0] = generation
    code = get_language() or "en"
    locale = _by_code.get(code)
    if locale is None:
        try:
            locale = Locale.get_active()
        except Locale.DoesNotExist:
            return None
        _by_code[code] = locale
    return locale


def memoize_on_request[T](request: HttpRequest | None, key: str, factory: Callable[[], T]) -> T:
    """Compute ``factory()`` once per request (several templates ask for the same data)."""
    if request is None:
        return factory()
    store: dict[str, Any] = request.__dict__.setdefault("_kindness_memo", {})
    if key not in store:
        store[key] = factory()
    return store[key]
