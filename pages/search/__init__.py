"""The site search: pages, stories, projects, people and references in the visitor's language.

``site_search()`` is the whole API. Wagtail keeps the search index (``wagtailsearch_indexentry``:
each indexed object's plain title and body text, updated on publish and save); this package reads
it with the visitor's language's rules:

* PostgreSQL (production): full-text search with a text search configuration per language
  (``kindness_en``, ``kindness_it``: English or Italian stemming and stop words, after
  ``unaccent``), hyphenated compounds also indexed joined (``well-being`` = ``wellbeing``),
  matches highlighted with ``ts_headline``, and "did you mean" from ``pg_trgm`` similarity over
  the words of the visitor's language's documents (``pages.search.postgres``).
* SQLite (the embedded default): every word must occur, compared case-, accent- and
  hyphen-insensitively; no stemming (``pages.search.fallback``).
"""

from .engine import SearchHit, SearchOutcome, site_search
from .kinds import KINDS
from .text import clean_query

__all__ = ["KINDS", "SearchHit", "SearchOutcome", "clean_query", "site_search"]
