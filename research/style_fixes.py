"""Where the CSL styles (as citeproc-js renders them) differ from their own guides, fixed here.

Each fix is small, named for the rule it restores, and checked by tests/research/
test_style_guides.py against strings written from the guides:

* APA 7 §9.24 and MLA 9 §2.1.3: a work whose author is the organisation that published it.
  APA leaves the publisher out; MLA starts the entry with the title and keeps the publisher.
* APA 7 §9.8: twenty-one or more authors end with an ellipsis of spaced periods (". . .").
* NLM (Citing Medicine): page ranges take a hyphen, not an en dash ("320-9").
"""

from __future__ import annotations

import re
from typing import Any

_PAGE_DASH = re.compile(r"(?<=[0-9A-Za-z])\u2013(?=[0-9A-Za-z])")


def _organisation_publishes(item: dict[str, Any]) -> bool:
    authors = item.get("author") or []
    return (
        len(authors) == 1
        and bool(authors[0].get("literal"))
        and authors[0]["literal"].strip().lower() == str(item.get("publisher", "")).strip().lower()
    )


def prepare(style_key: str, item: dict[str, Any]) -> dict[str, Any]:
    """The CSL item as this style should see it (a copy; the original is left alone)."""
    if not _organisation_publishes(item):
        return item
    item = dict(item)
    if style_key == "apa":
        item.pop("publisher", None)
    elif style_key == "mla":
        item.pop("author", None)
    return item


def finish(style_key: str, entry: str) -> str:
    """The bibliography entry with the style's typographic rules restored."""
    if style_key == "apa":
        entry = entry.replace(", \u2026 ", ", . . . ")
    elif style_key == "vancouver":
        entry = _PAGE_DASH.sub("-", entry)
    return entry
