"""Mail backends for tests: a provider that fails on cue, and one that records message ids."""

from __future__ import annotations

import itertools
import threading

from anymail.exceptions import AnymailAPIError
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend

_ids = itertools.count(1)


class _Response:
    """Enough of a requests.Response for Anymail's error text."""

    def __init__(self, status: int) -> None:
        self.status_code = status
        self.reason = "Scripted"
        self.text = '{"Message": "scripted failure"}'

    def json(self):
        return {"Message": "scripted failure"}


class _Status:
    def __init__(self, message_id: str) -> None:
        self.message_id = message_id


class ScriptedBackend(BaseEmailBackend):
    """Answers from ``ScriptedBackend.script`` (HTTP statuses, or exceptions to raise), then 200.

    The sender calls it from several threads at once; ``list.pop`` and the counter under a lock
    keep each scripted answer used exactly once.
    """

    script: list[int | Exception] = []
    calls: int = 0
    lock = threading.Lock()

    def send_messages(self, messages):
        for message in messages:
            with type(self).lock:
                type(self).calls += 1
                status = type(self).script.pop(0) if type(self).script else 200
            if isinstance(status, Exception):
                raise status
            if status != 200:
                raise AnymailAPIError(
                    f"provider said {status}", status_code=status, response=_Response(status)
                )
            message.anymail_status = _Status(f"msg-{next(_ids)}")
            mail.outbox.append(message)
        return len(messages)
