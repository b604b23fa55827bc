"""Re-checking the whole library against Crossref: differences, retractions and corrections.

For every reference with a DOI, Crossref's work record (``/works/{doi}``) is compared with ours
(title, year, journal, authors' family names; case, accents and punctuation ignored), and the
notices that update the work are looked up twice over: the record's own ``updated-by`` relation
and the works whose ``update-to`` names it (``/works?filter=updates:{doi}``). What is found is
stored on the reference (``check_findings``), listed in the "References to check" dashboard panel
and on the reference's edit page; nothing in the record is changed, since the fix is a person's
decision. The check runs as a task on the db_worker (``check_library``), started by
``manage.py check_references`` (a weekly timer) or by hand.
"""

from __future__ import annotations

import logging
import urllib.error
import urllib.parse
from typing import Any

from django.utils import timezone
from django_tasks import task

from . import crossref
from .identifiers import normalise_title
from .models import CreatorRole, Reference

logger = logging.getLogger(__name__)

WORKS = "https://api.crossref.org/works/{doi}"
NOTICES = "https://api.crossref.org/works?filter=updates:{doi}&rows=20"
KINDS = {
    "retraction": "retraction",
    "withdrawal": "retraction",
    "removal": "retraction",
    "correction": "correction",
    "erratum": "correction",
    "corrigendum": "correction",
    "addendum": "correction",
    "clarification": "correction",
    "expression_of_concern": "concern",
    "expression-of-concern": "concern",
}
BATCH = 100


def _first(value: Any) -> str:
    if isinstance(value, list):
        return str(value[0]) if value else ""
    return str(value or "")


def _year(message: dict[str, Any]) -> int | None:
    for key in ("issued", "published-print", "published-online", "published"):
        parts = (message.get(key) or {}).get("date-parts") or [[]]
        if parts and parts[0] and parts[0][0]:
            return int(parts[0][0])
    return None


def _families(names: list[str]) -> list[str]:
    return [normalise_title(name) for name in names]


def compare(ref: Reference, message: dict[str, Any]) -> list[dict[str, Any]]:
    """Where our record and Crossref's differ, field by field."""
    ours_authors = [c.family_or_literal for c in ref.ordered_creators(CreatorRole.AUTHOR)]
    theirs_authors = [a.get("family") or a.get("name") or "" for a in message.get("author") or []]
    pairs = [
        ("title", ref.title, _first(message.get("title"))),
        ("container_title", ref.container_title, _first(message.get("container-title"))),
    ]
    findings = []
    for name, ours, theirs in pairs:
        if ours and theirs and normalise_title(ours) != normalise_title(theirs):
            findings.append({"kind": "differs", "field": name, "ours": ours, "crossref": theirs})
    year = _year(message)
    if year and ref.issued_year and year != ref.issued_year:
        findings.append(
            {
                "kind": "differs",
                "field": "issued_year",
                "ours": str(ref.issued_year),
                "crossref": str(year),
            }
        )
    if ours_authors and theirs_authors and _families(ours_authors) != _families(theirs_authors):
        findings.append(
            {
                "kind": "differs",
                "field": "creators",
                "ours": "; ".join(ours_authors),
                "crossref": "; ".join(theirs_authors),
            }
        )
    return findings


def notices(doi: str, message: dict[str, Any]) -> list[dict[str, Any]]:
    """Retractions, corrections and expressions of concern that update ``doi``."""
    found: dict[str, dict[str, Any]] = {}
    for update in message.get("updated-by") or []:
        kind = KINDS.get(str(update.get("type", "")).lower())
        if kind and update.get("DOI"):
            found[str(update["DOI"]).lower()] = {"kind": kind, "notice": str(update["DOI"]).lower()}
    answer = crossref.fetch_json(NOTICES.format(doi=urllib.parse.quote(doi, safe="/")))
    for item in (answer.get("message") or {}).get("items") or []:
        for update in item.get("update-to") or []:
            if str(update.get("DOI", "")).lower() != doi:
                continue
            kind = KINDS.get(str(update.get("type", "")).lower())
            if kind and item.get("DOI"):
                found[str(item["DOI"]).lower()] = {"kind": kind, "notice": str(item["DOI"]).lower()}
    order = {"retraction": 0, "concern": 1, "correction": 2}
    return sorted(found.values(), key=lambda f: (order[f["kind"]], f["notice"]))


def check(ref: Reference) -> list[dict[str, Any]]:
    """Everything Crossref says about ``ref`` that a person should look at."""
    url = WORKS.format(doi=urllib.parse.quote(ref.doi, safe="/"))
    try:
        message = crossref.fetch_json(url).get("message") or {}
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return [{"kind": "not-found"}]
        raise
    return notices(ref.doi, message) + compare(ref, message)


@task()
def check_library(reference_ids: list[int] | None = None) -> dict[str, int]:
    """Check every reference with a DOI (or the given ones); store what was found on each."""
    queryset = Reference.objects.exclude(doi="").prefetch_related("creators").order_by("pk")
    if reference_ids is not None:
        queryset = queryset.filter(pk__in=reference_ids)
    counts = {"checked": 0, "flagged": 0, "failed": 0}
    for ref in queryset.iterator(chunk_size=BATCH):
        try:
            findings = check(ref)
        except (OSError, ValueError) as exc:  # Crossref unreachable for this one: try next time
            logger.warning("Crossref check of %s failed: %s", ref.doi, exc)
            counts["failed"] += 1
            continue
        Reference.objects.filter(pk=ref.pk).update(
            check_findings=findings, crossref_checked_at=timezone.now()
        )
        counts["checked"] += 1
        counts["flagged"] += bool(findings)
    return counts
