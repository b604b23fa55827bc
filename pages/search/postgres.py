"""PostgreSQL full-text search with one text search configuration per language.

``kindness_en`` and ``kindness_it`` (created by ``pages.migrations``) are English and Italian
with ``unaccent`` before the stemmer, so ``ospedale`` = ``ospedali``, ``gonzález`` = ``Gonzalez``.
``kindness_search_text(title, body)`` appends every hyphenated compound once more, joined, so
``wellbeing`` finds ``well-being``; the query joins its compounds the same way. The matching
expression is exactly the one the migration indexes (GIN per language), so matching is an index
scan.
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import BooleanField, F, FloatField, Func, QuerySet, TextField, Value

from .text import MARK_END, MARK_START, join_compounds, marked_to_html, query_terms

CONFIGS = {"en": "kindness_en", "it": "kindness_it"}
SUGGESTION_SIMILARITY = 0.4
MAX_SUGGESTED_WORDS = 5


def config_for(language: str) -> str:
    """A fixed configuration name (never user input: it is written into the SQL)."""
    return CONFIGS.get(language, CONFIGS["en"])


class DocumentVector(Func):
    """``to_tsvector(config, kindness_search_text(title_text, body_text))``, as indexed."""

    output_field = TextField()

    def __init__(self, config: str, **extra: Any) -> None:
        self.template = f"to_tsvector('{config}'::regconfig, kindness_search_text(%(expressions)s))"
        super().__init__(F("title_text"), F("body_text"), **extra)


class TitleVector(Func):
    output_field = TextField()

    def __init__(self, config: str, **extra: Any) -> None:
        self.template = (
            f"to_tsvector('{config}'::regconfig, kindness_search_text(%(expressions)s, ''))"
        )
        super().__init__(F("title_text"), **extra)


class WebQuery(Func):
    output_field = TextField()

    def __init__(self, config: str, query: str, **extra: Any) -> None:
        self.template = f"websearch_to_tsquery('{config}'::regconfig, %(expressions)s)"
        super().__init__(Value(join_compounds(query)), **extra)


class Matches(Func):
    """``vector @@ query``: a condition usable in ``filter()``."""

    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


def matching(entries: QuerySet[Any], query: str, language: str) -> QuerySet[Any]:
    config = config_for(language)
    return entries.filter(Matches(DocumentVector(config), WebQuery(config, query)))


def ranked(
    matched: QuerySet[Any], query: str, language: str, start: int, stop: int
) -> list[dict[str, Any]]:
    """One page of matches, best first, each with its highlighted excerpt."""
    config = config_for(language)
    q = WebQuery(config, query)
    rank = Func(DocumentVector(config), q, function="ts_rank_cd", output_field=FloatField())
    title_bonus = Func(
        TitleVector(config),
        q,
        template="(CASE WHEN %(expressions)s THEN 1 ELSE 0 END)",
        arg_joiner=" @@ ",
        output_field=FloatField(),
    )
    options = (
        f'StartSel="{MARK_START}", StopSel="{MARK_END}", MaxWords=40, MinWords=15, ShortWord=2'
    )
    headline = Func(
        F("body_text"),
        WebQuery(config, query),
        Value(options),
        template=f"ts_headline('{config}'::regconfig, %(expressions)s)",
        output_field=TextField(),
    )
    rows = (
        matched.annotate(score=rank + title_bonus, headline=headline)
        .order_by("-score", "title_text", "id")
        .values("content_type_id", "object_id", "headline")[start:stop]
    )
    return [
        {
            "content_type_id": row["content_type_id"],
            "object_id": row["object_id"],
            "snippet": marked_to_html(row["headline"] or ""),
        }
        for row in rows
    ]


def suggest(entries: QuerySet[Any], query: str, language: str) -> str:
    """ "Did you mean": each word of the query that is not a word of the visitor's language's
    documents is replaced by the most similar one (trigram similarity), if one is close."""
    terms = query_terms(query)[:MAX_SUGGESTED_WORDS]
    if not terms:
        return ""
    ids_sql, ids_params = entries.values("id").query.sql_with_params()
    sql = f"""
        WITH words AS (
            SELECT DISTINCT word FROM (
                SELECT regexp_split_to_table(
                    lower(kindness_unaccent(e.title_text || ' ' || e.body_text)), '[^[:alnum:]]+'
                ) AS word
                FROM wagtailsearch_indexentry e WHERE e.id IN ({ids_sql})
            ) split WHERE length(word) > 2
        )
        SELECT term, (
            SELECT word FROM words
            WHERE similarity(word, term) > %s
            ORDER BY similarity(word, term) DESC, word LIMIT 1
        ), EXISTS (SELECT 1 FROM words WHERE word = term)
        FROM unnest(%s::text[]) AS term
    """  # ids_sql is compiled by Django; every value is a parameter
    with connection.cursor() as cursor:
        cursor.execute(sql, [*ids_params, SUGGESTION_SIMILARITY, terms])
        found = {term: (best, exists) for term, best, exists in cursor.fetchall()}
    words = [term if found[term][1] or not found[term][0] else found[term][0] for term in terms]
    return " ".join(words) if words != terms else ""
