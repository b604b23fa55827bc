"""The search on SQLite (the embedded default) and any database without full-text rules per
language: every word of the query must occur in the title or text, compared case-, accent- and
hyphen-insensitively (``kindness_fold``, registered on each SQLite connection). There is no
stemming (``ospedale`` does not find ``ospedali``) and no stop-word removal; see the README.
"""

from __future__ import annotations

import difflib
from typing import Any

from django.db.backends.signals import connection_created
from django.db.models import (
    Case,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Concat
from django.dispatch import receiver

from .text import fold, highlight, query_terms

MAX_TERMS = 10
SUGGESTION_WORDS = 5000


@receiver(connection_created)
def _register_fold(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function("kindness_fold", 1, fold, deterministic=True)


def _ensure_fold() -> None:
    """Register ``kindness_fold`` on a connection opened before this module was imported
    (registering again replaces the same function: cheap, and no state to keep)."""
    from django.db import connection

    if connection.vendor == "sqlite":
        connection.ensure_connection()
        connection.connection.create_function("kindness_fold", 1, fold, deterministic=True)


class Folded(Func):
    function = "kindness_fold"
    output_field = TextField()


def _text() -> Concat:
    return Concat(F("title"), Value(" "), F("body"), output_field=TextField())


def matching(entries: QuerySet[Any], query: str, language: str) -> QuerySet[Any]:
    terms = query_terms(query)[:MAX_TERMS]
    if not terms:
        return entries.none()
    _ensure_fold()
    matched = entries.alias(folded=Folded(_text()))
    for term in terms:
        matched = matched.filter(folded__contains=term)
    return matched


def ranked(
    matched: QuerySet[Any], query: str, language: str, start: int, stop: int
) -> list[dict[str, Any]]:
    terms = query_terms(query)[:MAX_TERMS]
    in_title = sum(
        (
            Case(When(folded_title__contains=term, then=Value(1)), default=Value(0))
            for term in terms
        ),
        Value(0),
    )
    rows = (
        matched.alias(folded_title=Folded(F("title")))
        .annotate(score=ExpressionWrapper(in_title, output_field=IntegerField()))
        .order_by("-score", "title", "id")
        .values("content_type_id", "object_id", "body")[start:stop]
    )
    return [
        {
            "content_type_id": row["content_type_id"],
            "object_id": row["object_id"],
            "snippet": highlight(row["body"] or "", terms),
        }
        for row in rows
    ]


def suggest(entries: QuerySet[Any], query: str, language: str) -> str:
    """The closest words of the titles of the visitor's language (difflib), if close enough."""
    terms = query_terms(query)
    vocabulary: set[str] = set()
    for title in entries.values_list("title", flat=True)[:SUGGESTION_WORDS]:
        vocabulary.update(w for w in query_terms(title) if len(w) > 2)
    words = []
    for term in terms:
        close = difflib.get_close_matches(term, vocabulary, n=1, cutoff=0.75)
        words.append(term if term in vocabulary or not close else close[0])
    return " ".join(words) if words != terms else ""
