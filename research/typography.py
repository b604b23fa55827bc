# ruff: noqa: RUF001, RUF002 -- typographic quotes are what this module handles
"""The typography citeproc-py leaves undone, restored on its HTML output ("citeproc-py with fixes").

Measured on the CSL test-suite (bench/csl_bench.py) and on the five styles' guide examples,
citeproc-py differs from the CSL specification and from citeproc-js in a few places that can be
repaired after formatting, without knowing the style:

* punctuation-in-quote: where the locale asks for it (en-US; not en-GB or it-IT), a period or
  comma after a closing quotation mark moves inside it (``Actor”.`` → ``Actor.”``);
* doubled terminal punctuation: a period after ``?``, ``!`` or ``.`` (a title ending in a question
  mark, an abbreviation at the end of a field) is dropped, also across closing tags and quotes;
* quotes within quotes alternate (``“My ‘Amazing’ Title”``), as the specification's flip-flop
  asks;
* typewriter apostrophes become typographic (``D’Arcus``, ``ETFA ’09``).

What needs the engine's own state (disambiguation, year suffixes, name particles, ``display``
divisions, sorting) cannot be repaired here; that is why citeproc-js formats the library and
citeproc-py is only the fallback when Node cannot run (research.engines).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import citeproc

_LOCALES = Path(citeproc.__file__).resolve().parent / "data" / "locales"
_OPTION = re.compile(r'punctuation-in-quote="(true|false)"')
_CLOSING = r"(?:</[a-z]+>|[”’])*"  # closing tags and quotation marks between two marks
_MOVE_IN = re.compile(r"(’?)”((?:</[a-z]+>)*)([.,])")
_DOUBLED = re.compile(r"(?<![.])([?!.])(" + _CLOSING + r")\.(?![.])")
_TAG = re.compile(r"(<[^>]*>)")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)|(?<=\s)'(?=\d\d\b)|^'(?=\d\d\b)")


@lru_cache(maxsize=32)
def punctuation_in_quote(locale: str) -> bool:
    """The locale file's ``punctuation-in-quote`` option (false when the locale is unknown)."""
    try:
        text = (_LOCALES / f"locales-{locale}.xml").read_text(encoding="utf-8")
    except OSError:
        return False
    found = _OPTION.search(text)
    return bool(found and found.group(1) == "true")


def _move_into_quotes(text: str) -> str:
    """“Title”. → “Title.”, and “A ‘B’”. → “A ‘B.’”, but “The students’”. keeps its apostrophe
    outside: ’ closes an inner quotation only when ‘ opened one after the last “."""

    def move(match: re.Match[str]) -> str:
        inner, tags, mark = match.groups()
        if inner and "‘" not in text[text.rfind("“", 0, match.start()) : match.start()]:
            return f"{inner}{mark}”{tags}"
        return f"{mark}{inner}”{tags}"

    return _MOVE_IN.sub(move, text)


def _drop_doubled(text: str) -> str:
    return _DOUBLED.sub(r"\1\2", text)


def _alternate_quotes(text: str) -> str:
    """Double quotation marks inside double quotation marks become single ones."""
    out, depth = [], 0
    for part in re.split(r"([“”])", text):
        if part == "“":
            depth += 1
            out.append("‘" if depth % 2 == 0 else "“")
        elif part == "”":
            out.append("’" if depth % 2 == 0 else "”")
            depth -= 1
            if depth < 0:  # unbalanced: leave the marks as the engine wrote them
                return text
        else:
            out.append(part)
    return "".join(out) if depth == 0 else text


def _apostrophes(text: str) -> str:
    parts = _TAG.split(text)  # odd indexes are tags: their attributes are left alone
    return "".join(part if i % 2 else _APOSTROPHE.sub("’", part) for i, part in enumerate(parts))


def fix(html: str, *, punctuation_inside: bool) -> str:
    """citeproc-py's HTML ``html`` with the rules above applied."""
    text = _alternate_quotes(_apostrophes(html))
    if punctuation_inside:
        text = _move_into_quotes(text)
    return _drop_doubled(text)
