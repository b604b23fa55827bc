"""Syncing a Zotero group or user library through the Zotero Web API v3.

Incremental, as the API intends: the library's ``Last-Modified-Version`` after the last sync is
kept (``ZoteroSyncState``), and the next sync asks only for items changed since then
(``/items/top?since=``) and for what was deleted (``/deleted?since=``). Items are read as CSL-JSON
(``include=csljson,data``), so Zotero's item types and fields go through the same mapping as an
imported CSL-JSON file, and through the same plan as a file import (``research.importing``):
duplicates found the same way (the Zotero item key first), every change listed field by field,
nothing poorer and nothing on a verified record applied unless chosen.

Deletions in Zotero remove the records that mirror the deleted items, except verified ones,
which are kept and reported (a person decides, in the admin). The API's ``Backoff`` and
``Retry-After`` headers are honoured by waiting. The key and the library come from the
environment (``ZOTERO_API_KEY``, ``ZOTERO_LIBRARY`` such as ``groups/12345`` or ``users/678``).
``_request`` is the only function that touches the network; tests point ``ZOTERO_API_URL`` at a
local stand-in.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .csl import csl_to_data
from .importing import (
    CREATE,
    ERROR,
    ImportEntry,
    ImportFileError,
    ImportPlan,
    LibraryIndex,
    apply_plan,
    number_entries,
    plan_entry,
)
from .models import Reference, ZoteroSyncState

PAGE_SIZE = 100
TIMEOUT = 30
MAX_RETRIES = 5
SKIPPED_TYPES = {"note", "attachment", "annotation"}


class ZoteroError(Exception):
    """The sync cannot go on: not configured, refused, or unreachable. Shown to the person."""


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: Any


@dataclass
class ZoteroPlan:
    """What a sync would do: the import plan of changed items, and the deletions."""

    library: str
    since: int
    version: int
    plan: ImportPlan
    deleted: list[Reference] = field(default_factory=list)  # removed unless verified
    kept: list[Reference] = field(default_factory=list)  # deleted in Zotero, verified here
    unchanged: bool = False

    def summary(self) -> str:
        return _(
            "Zotero %(library)s, version %(since)d to %(version)d: %(plan)s %(deleted)d to delete, "
            "%(kept)d verified records kept although deleted in Zotero."
        ) % {
            "library": self.library,
            "since": self.since,
            "version": self.version,
            "plan": self.plan.summary(),
            "deleted": len(self.deleted),
            "kept": len(self.kept),
        }


class Client:
    """The few Web API v3 calls a sync needs, with the API's back-off rules."""

    def __init__(
        self,
        library: str | None = None,
        api_key: str | None = None,
        base_url: str | None = None,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        self.library = (library or getattr(settings, "ZOTERO_LIBRARY", "") or "").strip("/")
        self.api_key = api_key if api_key is not None else getattr(settings, "ZOTERO_API_KEY", "")
        self.base_url = (base_url or getattr(settings, "ZOTERO_API_URL", "") or "").rstrip("/")
        self.sleep = sleep or _sleep
        self.backoff_until = 0.0
        if not self.library or not self.library.startswith(("groups/", "users/")):
            raise ZoteroError(
                _("Set ZOTERO_LIBRARY to groups/<id> or users/<id> to sync a Zotero library.")
            )

    def _request(self, path: str, params: dict[str, Any], headers: dict[str, str]) -> Response:
        url = f"{self.base_url}/{self.library}/{path}?{urllib.parse.urlencode(params)}"
        request = urllib.request.Request(url, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:
                raw = answer.read()
                return Response(
                    answer.status, dict(answer.headers.items()), json.loads(raw or b"null")
                )
        except urllib.error.HTTPError as exc:
            return Response(exc.code, dict(exc.headers.items()), None)

    def get(self, path: str, params: dict[str, Any], since: int | None = None) -> Response:
        headers = {"Zotero-API-Version": "3"}
        if self.api_key:
            headers["Zotero-API-Key"] = self.api_key
        if since is not None:
            headers["If-Modified-Since-Version"] = str(since)
        for _attempt in range(MAX_RETRIES):
            wait = self.backoff_until - time.monotonic()
            if wait > 0:
                self.sleep(wait)
            try:
                response = self._request(path, params, headers)
            except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
                raise ZoteroError(
                    _("Zotero could not be reached: %(error)s") % {"error": exc}
                ) from None
            backoff = _seconds(response.headers.get("Backoff"))
            if backoff:
                self.backoff_until = time.monotonic() + backoff
            if response.status in (429, 503):
                self.sleep(_seconds(response.headers.get("Retry-After")) or 5.0)
                continue
            if response.status in (401, 403):
                raise ZoteroError(
                    _("Zotero refused the API key for %(library)s.") % {"library": self.library}
                )
            if response.status == 404:
                raise ZoteroError(
                    _("Zotero does not know the library %(library)s.") % {"library": self.library}
                )
            if response.status not in (200, 304):
                raise ZoteroError(
                    _("Zotero answered with error %(code)d; try again later.")
                    % {"code": response.status}
                )
            return response
        raise ZoteroError(_("Zotero kept asking to wait; try again later."))

    def changed_items(self, since: int) -> tuple[int, list[dict[str, Any]]]:
        """``(library version, top-level items changed since)``; a 304 keeps ``since``."""
        items: list[dict[str, Any]] = []
        start, version = 0, since
        while True:
            params = {"since": since, "include": "csljson,data", "limit": PAGE_SIZE, "start": start}
            response = self.get("items/top", params, since=since if start == 0 else None)
            if response.status == 304:
                return since, []
            version = int(response.headers.get("Last-Modified-Version", version))
            page = response.body or []
            items.extend(page)
            total = int(response.headers.get("Total-Results", len(items)))
            start += len(page)
            if not page or start >= total:
                return version, items

    def deleted_keys(self, since: int) -> list[str]:
        response = self.get("deleted", {"since": since})
        body = response.body or {}
        return [str(key) for key in body.get("items", [])]


def _sleep(seconds: float) -> None:
    time.sleep(seconds)


def _seconds(value: str | None) -> float:
    try:
        return max(0.0, float(value)) if value else 0.0
    except ValueError:
        return 0.0


def state_for(library: str) -> ZoteroSyncState:
    return ZoteroSyncState.objects.get_or_create(library=library)[0]


@dataclass
class Fetched:
    """What Zotero answered, kept between the admin's preview and its confirmation so both
    see the same items (a plain dict in the cache)."""

    library: str
    since: int
    version: int
    items: list[dict[str, Any]]
    deleted: list[str]


def fetch(client: Client, *, full: bool = False) -> Fetched:
    since = 0 if full else state_for(client.library).version
    version, items = client.changed_items(since)
    deleted = client.deleted_keys(since) if since and version != since else []
    return Fetched(client.library, since, version, items, deleted)


def build_sync_plan(client: Client, *, full: bool = False) -> ZoteroPlan:
    """Fetch what changed and plan it like a file import; nothing is written."""
    return plan_sync(fetch(client, full=full))


def plan_sync(fetched: Fetched) -> ZoteroPlan:
    since, version = fetched.since, fetched.version
    if version == since and not fetched.items and not fetched.deleted:
        empty = ImportPlan("csl-json", [])
        return ZoteroPlan(fetched.library, since, version, empty, unchanged=True)
    library, seen = LibraryIndex.load(), LibraryIndex()
    entries: list[ImportEntry] = []
    for item in fetched.items:
        data_part = item.get("data") or {}
        if data_part.get("itemType") in SKIPPED_TYPES:
            continue
        key = str(item.get("key") or data_part.get("key") or "")
        position = _("Zotero item %(key)s") % {"key": key}
        try:
            data = csl_to_data(item.get("csljson") or {})
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            entries.append(ImportEntry(position, ERROR, errors=[str(exc)]))
            continue
        data.key = ""
        data.values["zotero_key"] = key
        entry = ImportEntry(position, CREATE, title=data.title, data=data)
        entries.append(entry)
        plan_entry(entry, data, library, seen)
    number_entries(entries)
    gone = list(Reference.objects.filter(zotero_key__in=fetched.deleted)) if fetched.deleted else []
    return ZoteroPlan(
        fetched.library,
        since,
        version,
        ImportPlan("csl-json", entries),
        deleted=[ref for ref in gone if not ref.is_verified],
        kept=[ref for ref in gone if ref.is_verified],
    )


def apply_sync_plan(
    sync: ZoteroPlan, *, choices: set[str] | None = None, delete: set[int] | None = None
) -> dict[str, int]:
    """Write the plan, apply the deletions and move the library's version on, all at once.

    ``delete``: the ids of records to delete (the admin's ticks); ``None`` deletes the
    unverified mirrors of deleted items, as the command line does.
    """
    if sync.plan.has_errors:
        raise ImportFileError(_("Some Zotero items have errors; nothing was synced."))
    with transaction.atomic():
        counts = apply_plan(sync.plan, source=f"Zotero {sync.library}", choices=choices)
        keys = {
            entry.existing.pk: entry.data.values["zotero_key"]
            for entry in sync.plan.entries
            if entry.existing is not None and entry.data is not None
        }
        for pk, key in keys.items():
            Reference.objects.filter(pk=pk).update(zotero_key=key)
        doomed = [ref.pk for ref in sync.deleted if delete is None or ref.pk in delete]
        if delete is not None:
            doomed += [ref.pk for ref in sync.kept if ref.pk in delete]
        deleted = Reference.objects.filter(pk__in=doomed).delete()[1].get("research.Reference", 0)
        ZoteroSyncState.objects.update_or_create(
            library=sync.library, defaults={"version": sync.version, "synced_at": timezone.now()}
        )
    return {**counts, "deleted": deleted}
