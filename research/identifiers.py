"""Normalising bibliographic identifiers so duplicates are found whatever the source wrote."""

from __future__ import annotations

import re
import unicodedata

_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_DOI_SHAPE = re.compile(r"^10\.\d{4,9}/\S+$")


def normalise_doi(value: str | None) -> str:
    """``https://doi.org/10.1037/A0014767`` -> ``10.1037/a0014767`` (DOIs are case-insensitive)."""
    doi = (value or "").strip()
    doi = _DOI_PREFIX.sub("", doi).strip()
    return doi.lower()


def is_valid_doi(doi: str) -> bool:
    return bool(_DOI_SHAPE.match(doi))


def normalise_isbn(value: str) -> str:
    """Digits (and a final X) only: hyphens and spaces differ between catalogues."""
    return re.sub(r"[^0-9X]", "", value.upper())


def split_isbns(value: str | None) -> list[str]:
    """Several ISBNs (print, e-book) separated by commas, semicolons or spaces."""
    return [normalise_isbn(part) for part in re.split(r"[,;\s]+", value or "") if part.strip()]


def is_valid_isbn(isbn: str) -> bool:
    """Check digit of ISBN-10 or ISBN-13."""
    if len(isbn) == 10 and re.fullmatch(r"\d{9}[\dX]", isbn):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(isbn))
        return total % 11 == 0
    if len(isbn) == 13 and isbn.isdigit():
        total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(isbn))
        return total % 10 == 0
    return False


def normalise_title(value: str) -> str:
    """Lower case, accents and punctuation removed: the title part of the duplicate key."""
    text = unicodedata.normalize("NFKD", value or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


# Where a subtitle starts: a colon, a question or exclamation mark, or a spaced dash.
_SUBTITLE = re.compile(r"[:?!]|\s[-\u2013\u2014]\s|\s\u2014|\u2014\s")


def main_title(value: str) -> str:
    """The normalised title without its subtitle: one catalogue has "Trust: the science of
    cooperation", another only "Trust", and they are the same work."""
    main = normalise_title(_SUBTITLE.split(value or "", maxsplit=1)[0])
    return main or normalise_title(value)
