"""Text normalisation shared by both engines: what the visitor typed, folded for comparison, and
escaped highlighting."""

from __future__ import annotations

import re
import unicodedata

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# ts_headline marks matches with these; anything else in the text is escaped.
MARK_START, MARK_END = "\x02", "\x03"
COMPOUND = re.compile(r"(?<=\w)-(?=\w)")
WORD = re.compile(r"\w+")


def clean_query(raw: str) -> str:
    """Collapse white space, drop control characters and cap the length.

    A hostile visitor can send megabytes or NUL bytes in ``q``; neither must reach the database.
    """
    printable = "".join(ch if ch.isprintable() else " " for ch in raw)
    return " ".join(printable.split())[: settings.SEARCH_MAX_QUERY_LENGTH]


def join_compounds(text: str) -> str:
    """``well-being`` -> ``wellbeing``: documents index both forms, so the joined one matches
    whichever the visitor typed."""
    return COMPOUND.sub("", text)


def fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold(text: str) -> str:
    """Case-, accent- and hyphen-insensitive form: ``González-Ortiz`` -> ``gonzalezortiz``."""
    return join_compounds("".join(fold_char(c) for c in text or ""))


def query_terms(query: str) -> list[str]:
    """The folded words of a query, in order, without repeats."""
    seen: list[str] = []
    for word in WORD.findall(fold(query)):
        if word not in seen:
            seen.append(word)
    return seen


def marked_to_html(text: str) -> SafeString:
    """Escape ``text`` and turn the ts_headline markers into ``<mark>``."""
    html = escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return mark_safe(html)  # everything but the two markers was escaped


def highlight(text: str, terms: list[str], width: int = 240) -> SafeString:
    """An escaped excerpt of ``text`` around the first match, every match in ``<mark>``.

    For the SQLite engine (PostgreSQL has ts_headline). Matching is on folded text, mapped back
    to the original characters so accents and case are shown as written.
    """
    text = " ".join((text or "").replace(MARK_START, "").replace(MARK_END, "").split())
    folded, origin = [], []
    for index, char in enumerate(text):
        for piece in fold_char(char):
            folded.append(piece)
            origin.append(index)
    folded_text = "".join(folded)
    spans = []
    for term in terms:
        start = folded_text.find(term)
        while term and start != -1:
            spans.append((origin[start], origin[start + len(term) - 1] + 1))
            start = folded_text.find(term, start + len(term))
    spans.sort()
    first = spans[0][0] if spans else 0
    begin = max(0, first - width // 3)
    end = min(len(text), begin + width)
    pieces, cursor = [], begin
    for start, stop in spans:
        if start < cursor or stop > end:
            continue
        pieces += [text[cursor:start], MARK_START, text[start:stop], MARK_END]
        cursor = stop
    pieces.append(text[cursor:end])
    excerpt = "".join(pieces)
    return marked_to_html(("… " if begin else "") + excerpt + (" …" if end < len(text) else ""))
