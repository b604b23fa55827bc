"""A local stand-in for a provider's HTTP API (Postmark's /email), for tests and the benchmark.

It answers like Postmark and counts every copy each recipient was accepted for, so a test or the
benchmark can prove "exactly one copy each" from the provider's side, not from our own ledger.
Tests can script failures (HTTP statuses) and slow answers (to provoke client timeouts), the
benchmark can hold every answer for a moment (``gate``) to kill a worker mid-call; with
``record=False`` (the benchmark) only the counts are kept, so 100,000 requests cost little memory.
"""

from __future__ import annotations

import json
import sys
import threading
import time
import uuid
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# A scripted answer: an HTTP status, or (status, seconds to wait before answering).
Answer = int | tuple[int, float]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle on, the client's delayed ACK adds ~40 ms
    # to every keep-alive request, which would measure the stand-in instead of the pipeline.
    disable_nagle_algorithm = True

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(length)
        server: StandIn = self.server  # type: ignore[assignment]
        status, delay = server.next_answer()
        if delay:
            time.sleep(delay)
        server.gate.wait()  # closed: the request has arrived, the answer waits
        try:
            recipient = json.loads(body).get("To", "?")
        except (ValueError, AttributeError):
            recipient = "?"
        message_id = ""
        with server.lock:
            if server.record:
                server.requests.append(
                    {"path": self.path, "headers": dict(self.headers.items()), "body": body}
                )
            if status == 200:
                server.counts[recipient] += 1
                server.accepted += 1
                message_id = f"standin-{server.accepted}-{uuid.uuid4().hex[:8]}"
        if status == 200:
            answer = {
                "To": recipient,
                "SubmittedAt": "2026-11-29T03:00:00Z",
                "MessageID": message_id,
                "ErrorCode": 0,
                "Message": "OK",
            }
        else:
            answer = {"ErrorCode": 100, "Message": "Stand-in failure"}
        data = json.dumps(answer).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError:  # the client gave up (timeout): the copy was accepted all the same
            self.close_connection = True

    def log_message(self, *args) -> None:
        return


class StandIn(ThreadingHTTPServer):
    """Counts accepted copies per recipient; answers from ``script``, then 200."""

    daemon_threads = True
    # Every worker thread opens its keep-alive connection at once when a send starts; the
    # default backlog of 5 would drop SYNs and add a 1 s retransmit to some of them.
    request_queue_size = 128

    def __init__(self, record: bool = True, port: int = 0) -> None:
        """``port`` 0 takes any free one; the production-shape tests give one of their range."""
        super().__init__(("127.0.0.1", port), _Handler)
        self.record = record
        self.requests: list[dict] = []
        self.script: list[Answer] = []
        self.counts: Counter[str] = Counter()
        self.accepted = 0
        self.lock = threading.Lock()
        # Clear it to hold every answer (the benchmark kills a worker while its calls wait).
        self.gate = threading.Event()
        self.gate.set()
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    def handle_error(self, request, client_address) -> None:
        """A client that went away (a killed worker, a timeout) is not the stand-in's error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"

    def next_answer(self) -> tuple[int, float]:
        with self.lock:
            answer = self.script.pop(0) if self.script else 200
        return answer if isinstance(answer, tuple) else (answer, 0.0)

    def reset(self) -> None:
        """Forget what was counted (between two benchmark phases)."""
        with self.lock:
            self.requests.clear()
            self.counts.clear()
            self.accepted = 0

    def __enter__(self) -> StandIn:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown()
        self.server_close()
