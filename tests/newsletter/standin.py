"""A local stand-in for a provider's HTTP API (Postmark's /email), for tests and the benchmark."""

from __future__ import annotations

import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle on, the client's delayed ACK adds ~40 ms
    # to every keep-alive request, which would measure the stand-in instead of the pipeline.
    disable_nagle_algorithm = True

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(length)
        server: StandIn = self.server  # type: ignore[assignment]
        status = server.next_status()
        with server.lock:
            server.requests.append(
                {"path": self.path, "headers": dict(self.headers.items()), "body": body}
            )
        if status == 200:
            payload = json.loads(body)
            answer = {
                "To": payload.get("To"),
                "SubmittedAt": "2026-11-29T03:00:00Z",
                "MessageID": str(uuid.uuid4()),
                "ErrorCode": 0,
                "Message": "OK",
            }
        else:
            answer = {"ErrorCode": 100, "Message": "Stand-in failure"}
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        return


class StandIn(ThreadingHTTPServer):
    """Records every request; answers from ``script`` (HTTP statuses), then 200."""

    daemon_threads = True

    def __init__(self, record: bool = True) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: list[dict] = []
        self.script: list[int] = []
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"

    def next_status(self) -> int:
        with self.lock:
            return self.script.pop(0) if self.script else 200

    def __enter__(self) -> StandIn:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown()
        self.server_close()
