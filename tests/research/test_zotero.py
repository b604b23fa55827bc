"""Zotero sync against a local stand-in that answers like the Web API v3 (no network)."""

from __future__ import annotations

import datetime
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.management import CommandError, call_command

from research import zotero
from research.models import Reference, ZoteroSyncState

pytestmark = pytest.mark.django_db

PORT = 8191  # this engineer's port range
KEY = "secret-key"


def _item(key: str, csl: dict, item_type: str = "journalArticle") -> dict:
    return {"key": key, "version": 1, "data": {"key": key, "itemType": item_type}, "csljson": csl}


CURRY = {
    "id": "1/CURRY001",
    "type": "article-journal",
    "title": "Happy to help? A systematic review and meta-analysis",
    "container-title": "Journal of Experimental Social Psychology",
    "issued": {"date-parts": [["2018", "5"]]},
    "DOI": "10.1016/j.jesp.2018.02.014",
    "author": [{"family": "Curry", "given": "Oliver Scott"}],
}
BLOG = {
    "id": "1/BLOG0001",
    "type": "post-weblog",
    "title": "A week of kindness",
    "container-title": "Kindness Blog",
    "URL": "https://blog.example.org/week",
    "issued": {"date-parts": [[2022]]},
    "accessed": {"date-parts": [["2024", "1", "2"]]},
    "author": [{"family": "Rossi", "given": "Marco"}],
}


class StandIn:
    """The library's state on the 'server', and what the client asked."""

    def __init__(self) -> None:
        self.version = 10
        self.items = [
            _item("CURRY001", CURRY),
            _item("BLOG0001", BLOG, "blogPost"),
            _item("NOTE0001", {"id": "1/NOTE0001", "type": "document"}, "note"),
        ]
        self.deleted: list[str] = []
        self.requests: list[tuple[str, dict, dict]] = []
        self.throttle_next = False


def handler_for(state: StandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # keep the test output quiet
            pass

        def _send(self, status: int, body=None, headers: dict | None = None) -> None:
            raw = json.dumps(body).encode() if body is not None else b""
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, str(value))
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def do_GET(self) -> None:
            url = urlparse(self.path)
            params = {k: v[0] for k, v in parse_qs(url.query).items()}
            state.requests.append(
                (url.path, params, {k.lower(): v for k, v in self.headers.items()})
            )
            if self.headers.get("Zotero-API-Key") != KEY:
                return self._send(403, {"error": "Forbidden"})
            if state.throttle_next:
                state.throttle_next = False
                return self._send(429, None, {"Retry-After": "2"})
            since = int(params.get("since", 0))
            modified = self.headers.get("If-Modified-Since-Version")
            if modified is not None and int(modified) >= state.version:
                return self._send(304, None, {"Last-Modified-Version": state.version})
            if url.path == "/groups/1/items/top":
                changed = [i for i in state.items if i["version"] > since]
                start, limit = int(params.get("start", 0)), int(params.get("limit", 100))
                headers = {
                    "Last-Modified-Version": state.version,
                    "Total-Results": len(changed),
                    "Backoff": "1",
                }
                return self._send(200, changed[start : start + limit], headers)
            if url.path == "/groups/1/deleted":
                body = {"items": state.deleted, "collections": [], "searches": [], "tags": []}
                return self._send(200, body, {"Last-Modified-Version": state.version})
            return self._send(404, {"error": "Not found"})

    return Handler


@pytest.fixture
def stand_in(settings, monkeypatch):
    state = StandIn()
    server = ThreadingHTTPServer(("127.0.0.1", PORT), handler_for(state))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.ZOTERO_API_URL = f"http://127.0.0.1:{PORT}"
    settings.ZOTERO_LIBRARY = "groups/1"
    settings.ZOTERO_API_KEY = KEY
    waits: list[float] = []
    monkeypatch.setattr("research.zotero.time.sleep", waits.append)
    monkeypatch.setattr(zotero, "PAGE_SIZE", 2)  # three items: two pages
    state.waits = waits  # type: ignore[attr-defined]  # read by the stand-in's handler
    yield state
    server.shutdown()
    server.server_close()


def test_first_sync_reads_every_page_and_keeps_item_types(stand_in):
    stand_in.throttle_next = True
    out = StringIO()
    call_command("zotero_sync", stdout=out)
    assert "Synced Zotero groups/1 to version 10: 2 created" in out.getvalue()
    blog = Reference.objects.get(zotero_key="BLOG0001")
    assert blog.csl_type == "post-weblog" and blog.accessed == datetime.date(2024, 1, 2)
    assert Reference.objects.get(zotero_key="CURRY001").issued_month == 5
    assert not Reference.objects.filter(title="").exists()  # the note was not imported
    assert ZoteroSyncState.objects.get(library="groups/1").version == 10
    starts = [params.get("start") for path, params, _h in stand_in.requests if "items" in path]
    assert starts[-2:] == ["0", "2"]  # paged with limit/start
    assert 2.0 in stand_in.waits  # Retry-After honoured after the 429
    assert all(h.get("zotero-api-version") == "3" for _p, _q, h in stand_in.requests)


def test_incremental_sync_updates_deletes_and_honours_backoff(stand_in, reference_factory):
    call_command("zotero_sync", stdout=StringIO())
    stand_in.version = 12
    stand_in.items[0]["version"] = 12
    stand_in.items[0]["csljson"] = {**CURRY, "volume": "76", "page": "320-329"}
    stand_in.deleted = ["BLOG0001"]
    stand_in.requests.clear()
    out = StringIO()
    call_command("zotero_sync", stdout=out)
    assert "1 updated" in out.getvalue() and "1 deleted" in out.getvalue()
    _path, first_params, first_headers = stand_in.requests[0]
    assert first_params["since"] == "10" and first_headers["if-modified-since-version"] == "10"
    curry = Reference.objects.get(zotero_key="CURRY001")
    assert curry.volume == "76" and curry.page == "320-329"
    assert not Reference.objects.filter(zotero_key="BLOG0001").exists()
    assert any(wait > 0 for wait in stand_in.waits)  # Backoff: waited before the next call
    out = StringIO()
    call_command("zotero_sync", stdout=out)
    assert "nothing changed since version 12" in out.getvalue()


def test_sync_never_makes_a_record_poorer_and_keeps_verified_deletions(stand_in, reference_factory):
    richer = reference_factory(
        title="Happy to help? A systematic review and meta-analysis",
        container_title="Journal of Experimental Social Psychology",
        issued_year=2018,
        doi="10.1016/j.jesp.2018.02.014",
        verification_status="verified",
        verification_method="Crossref",
        authors=[("Curry", "Oliver Scott"), ("Rowland", "Lee A."), ("Van Lissa", "Caspar J.")],
    )
    out = StringIO()
    call_command("zotero_sync", stdout=out)
    assert "kept the library's authors and editors" in out.getvalue()
    richer.refresh_from_db()
    assert richer.creators.count() == 3 and richer.zotero_key == "CURRY001"
    stand_in.version = 11
    stand_in.deleted = ["CURRY001"]
    out = StringIO()
    call_command("zotero_sync", stdout=out)
    assert "Deleted in Zotero but verified here, kept" in out.getvalue()
    assert Reference.objects.filter(pk=richer.pk).exists()


def test_bad_key_and_missing_configuration_are_clear(stand_in, settings):
    settings.ZOTERO_API_KEY = "wrong"
    with pytest.raises(CommandError, match="refused the API key"):
        call_command("zotero_sync")
    settings.ZOTERO_LIBRARY = ""
    with pytest.raises(CommandError, match="Set ZOTERO_LIBRARY"):
        call_command("zotero_sync")
    assert Reference.objects.count() == 0


def test_admin_preview_then_confirm(stand_in, admin_client):
    html = admin_client.get("/admin/research/zotero/").content.decode()
    assert "groups/1" in html and "Preview the changes" in html
    response = admin_client.post("/admin/research/zotero/", {"action": "preview"})
    html = response.content.decode()
    assert "A week of kindness" in html and "Confirm and sync" in html
    assert Reference.objects.count() == 0
    response = admin_client.post("/admin/research/zotero/", {"token": response.context["token"]})
    assert response.status_code == 302
    assert Reference.objects.count() == 2
