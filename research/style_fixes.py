"""Where the CSL styles (as citeproc-js renders them) differ from their own guides, fixed here.

Each fix is small, named for the rule it restores, and checked by tests/research/
test_style_guides.py against strings written from the guides:

* APA 7 §9.24 and MLA 9 §2.1.3: a work whose author is the organisation that published it.
  APA leaves the publisher out; MLA starts the entry with the title and keeps the publisher.
* APA 7 §9.8: twenty-one or more authors end with an ellipsis of spaced periods (". . .").
* NLM (Citing Medicine): page ranges take a hyphen, not an en dash ("320-9"); an entry shown
  alone carries no citation number (citeproc-py writes "1.Curry"; render.mjs drops citeproc-js's).
* MLA 9 §2.? (publishers' names): "University Press" is shortened to "UP" ("Oxford UP").
* Cite Them Right (web pages): "Author (Year) *Title of web page*. Available at: URL (Accessed:
  date)", without the website's name, which the style prints after the title; and the editors of
  a book a chapter is "in" are written surname first ("in Desai, V. and Potter, R.B. (eds)"),
  where the style puts initials first.
* NLM (Citing Medicine ch. 25, as NLM libraries apply it to a web page with an author): "Author.
  Title [Internet]. Publisher; date [cited date]. Available from: URL", the website as the
  publisher; the style would treat the site as a homepage and print the page's title after it.
"""

from __future__ import annotations

import re
from typing import Any

_PAGE_DASH = re.compile(r"(?<=[0-9A-Za-z])\u2013(?=[0-9A-Za-z])")
_LEADING_NUMBER = re.compile(r"^\d+\.\s*")  # citeproc-py's "1.Curry": one entry, no number
_NLM_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_UNIVERSITY_PRESS = re.compile(r"\bUniversity Press\b")
_HARVARD_EDITORS = re.compile(r"(\u2019, in )([^<(]+?)( \(eds?\) )")


def _organisation_publishes(item: dict[str, Any]) -> bool:
    authors = item.get("author") or []
    return (
        len(authors) == 1
        and bool(authors[0].get("literal"))
        and authors[0]["literal"].strip().lower() == str(item.get("publisher", "")).strip().lower()
    )


def prepare(style_key: str, item: dict[str, Any]) -> dict[str, Any]:
    """The CSL item as this style should see it (a copy; the original is left alone)."""
    item = dict(item)
    if _organisation_publishes(item):
        if style_key == "apa":
            item.pop("publisher", None)
        elif style_key == "mla":
            item.pop("author", None)
    if style_key == "mla" and item.get("publisher"):
        item["publisher"] = _UNIVERSITY_PRESS.sub("UP", str(item["publisher"]))
    if item.get("type") == "webpage" and item.get("container-title"):
        if style_key == "harvard":
            item.pop("container-title")
        elif style_key == "vancouver" and not item.get("publisher"):
            item["publisher"] = item.pop("container-title")
    return item


def _surname_first(names: str) -> str:
    """ "D.A. Schroeder and W.G. Graziano" → "Schroeder, D.A. and Graziano, W.G."."""
    parts = re.split(r"(, | and )", names)
    for i in range(0, len(parts), 2):
        name = re.fullmatch(r"((?:\w\.-?)+) (.+)", parts[i])
        if name is None:  # an organisation or a name the pattern does not know: as it is
            return names
        parts[i] = f"{name.group(2)}, {name.group(1)}"
    return "".join(parts)


def _nlm_web_date(entry: str, item: dict[str, Any]) -> str:
    """Citing Medicine dates a web page to the day ("2023 Mar 4"); the style prints the year."""
    parts = ((item.get("issued") or {}).get("date-parts") or [[]])[0]
    if item.get("type") != "webpage" or len(parts) < 2:
        return entry
    year, month, *day = parts
    date = " ".join([str(year), _NLM_MONTHS[int(month) - 1], *(str(d) for d in day[:1])])
    return entry.replace(f"; {year} [cited ", f"; {date} [cited ", 1)


def finish(style_key: str, entry: str, item: dict[str, Any] | None = None) -> str:
    """The bibliography entry with the style's typographic rules restored (``item``: the CSL
    item it was rendered from, for the rules that need its data)."""
    if style_key == "apa":
        entry = entry.replace(", \u2026 ", ", . . . ")
    elif style_key == "vancouver":
        entry = _PAGE_DASH.sub("-", _LEADING_NUMBER.sub("", entry))
        if item is not None:
            entry = _nlm_web_date(entry, item)
    elif style_key == "harvard":
        entry = _HARVARD_EDITORS.sub(
            lambda m: f"{m.group(1)}{_surname_first(m.group(2))}{m.group(3)}", entry
        )
    return entry
