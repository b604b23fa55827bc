"""Locale lookups without a query per call.

``Locale.get_active()`` queries the database every time; templates ask for it several times per
page. Locales change almost never, so they are kept per process and dropped whenever one is saved
or deleted.
"""

from collections.abc import Callable
from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils.translation import get_language
from wagtail.models import Locale

_by_code: dict[str, Locale] = {}


def active_locale() -> Locale | None:
    """The Locale for the active language, falling back to the default one."""
    code = get_language() or "en"
    locale = _by_code.get(code)
    if locale is None:
        try:
            locale = Locale.get_active()
        except Locale.DoesNotExist:
            return None
        _by_code[code] = locale
    return locale


@receiver([post_save, post_delete], sender=Locale)
def _forget_locales(**kwargs: object) -> None:
    _by_code.clear()


def memoize_on_request[T](request: HttpRequest | None, key: str, factory: Callable[[], T]) -> T:
    """Compute ``factory()`` once per request (several templates ask for the same data)."""
    if request is None:
        return factory()
    store: dict[str, Any] = request.__dict__.setdefault("_kindness_memo", {})
    if key not in store:
        store[key] = factory()
    return store[key]
