"""Looking a DOI up on Crossref, over plain HTTPS with urllib (no extra dependency).

Crossref's REST API returns the record as CSL-JSON from the ``transform`` route, so the same
``csl_to_data`` that reads imported files reads it too. ``fetch_json`` is the only function that
touches the network; tests replace it (see tests/research/fixtures/crossref_*.json).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from .csl import ReferenceData, csl_to_data
from .identifiers import is_valid_doi, normalise_doi

API = "https://api.crossref.org/works/{doi}/transform/application/vnd.citationstyles.csl+json"
TIMEOUT = 10
CACHE_SECONDS = 15 * 60


class LookupError_(Exception):
    """A DOI that cannot be looked up: the message is shown to the editor."""


def fetch_json(url: str) -> Any:
    contact = getattr(settings, "DEFAULT_FROM_EMAIL", "") or "webmaster@localhost"
    request = urllib.request.Request(
        url,
        headers={
            "Accept": "application/vnd.citationstyles.csl+json, application/json",
            # Crossref's "polite pool": identify the site and a contact address.
            "User-Agent": f"KindnessMovementSite/1.0 (mailto:{contact})",
        },
    )
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        return json.load(response)


def lookup(doi: str) -> ReferenceData:
    doi = normalise_doi(doi)
    if not is_valid_doi(doi):
        raise LookupError_(
            _("“%(doi)s” is not a DOI (it starts with 10. and a slash).") % {"doi": doi}
        )
    url = API.format(doi=urllib.parse.quote(doi, safe="/"))
    cache_key = f"research:crossref:{doi}"
    item = cache.get(cache_key)
    try:
        if item is None:
            item = fetch_json(url)
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            raise LookupError_(
                _("Crossref does not know the DOI %(doi)s.") % {"doi": doi}
            ) from None
        raise LookupError_(
            _("Crossref answered with error %(code)s; try again later.") % {"code": exc.code}
        ) from None
    except (urllib.error.URLError, TimeoutError, OSError, ValueError):
        raise LookupError_(_("Crossref could not be reached; try again later.")) from None
    if not isinstance(item, dict) or not item.get("title"):
        raise LookupError_(_("Crossref's answer for %(doi)s has no title.") % {"doi": doi})
    cache.set(cache_key, item, CACHE_SECONDS)  # the preview and the save need the same answer
    data = csl_to_data(item)
    data.values["doi"] = doi
    data.key = ""
    return data


@dataclass
class Difference:
    label: str
    typed: str
    found: str

    @property
    def differs(self) -> bool:
        return bool(self.typed) and _loose(self.typed) != _loose(self.found)

    @property
    def missing(self) -> bool:
        return not self.typed and bool(self.found)


def _loose(value: str) -> str:
    return " ".join(value.lower().replace("\u2013", "-").split()).rstrip(".")


COMPARED_FIELDS = [
    ("title", "title"),
    ("container_title", "container_title"),
    ("issued_year", "issued_year"),
    ("volume", "volume"),
    ("issue", "issue"),
    ("page", "page"),
    ("publisher", "publisher"),
]


def compare(typed: dict[str, Any], found: ReferenceData) -> list[Difference]:
    """What the editor typed next to what Crossref holds, field by field."""
    from .models import Reference

    out = []
    for typed_key, field_name in COMPARED_FIELDS:
        label = str(getattr(Reference._meta.get_field(field_name), "verbose_name", field_name))
        out.append(
            Difference(
                label, str(typed.get(typed_key) or ""), str(found.values.get(field_name) or "")
            )
        )
    found_authors = "; ".join(
        c.get("literal") or f"{c.get('family', '')}, {c.get('given', '')}".strip(", ")
        for c in found.creators
        if c["role"] == "author"
    )
    out.append(Difference(_("authors"), str(typed.get("authors") or ""), found_authors))
    return out
