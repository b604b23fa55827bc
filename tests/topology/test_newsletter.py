"""A newsletter send in the production shape survives its worker being killed mid-call.

The worker is a real ``db_worker`` process sending through Anymail's Postmark backend to the local
stand-in (tests/newsletter/standin.py), which counts the copies each recipient was accepted for.
The stand-in holds its answers until the worker has a sub-batch in flight, then the worker is
SIGKILLed and replaced; the timer loop's ``newsletter_run_due`` recovers what it held.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import psycopg

from topology.shape import Shape

from .helpers import eventually

RECIPIENTS = 60

CREATE_SEND = """
import json
from newsletter.models import NewsletterIssuePage, Send, Subscriber
from pages.models import Area
from wagtail.models import Locale
area = Area.objects.create(
    name="Shape {tag}", slug="shape-{tag}", locale=Locale.objects.get(language_code="en"),
    colour="rose", icon="heart",
)
people = Subscriber.objects.bulk_create(
    Subscriber(email=f"reader{{n}}-{tag}@example.org", language="it" if n % 2 else "en",
               status="confirmed")
    for n in range({count})
)
Subscriber.topics.through.objects.bulk_create(
    Subscriber.topics.through(subscriber_id=person.pk, area_id=area.pk) for person in people
)
issue = NewsletterIssuePage.objects.live().filter(locale__language_code="en").first()
send = Send.objects.create(issue=issue, languages=["en", "it"])
send.topics.add(area)
print(json.dumps({{"send": send.pk}}))
"""


def one_value(shape: Shape, sql: str, *params: object) -> Any:
    with psycopg.connect(shape.config.database_url, autocommit=True) as conn:
        row = conn.execute(sql, params).fetchone()
    return row[0] if row else None


def test_a_send_survives_a_killed_worker(shape: Shape):
    provider = shape.provider  # type: ignore[attr-defined]
    tag = uuid.uuid4().hex[:8]
    created = shape.shell(CREATE_SEND.format(tag=tag, count=RECIPIENTS))
    send_id = json.loads(created.strip().splitlines()[-1])["send"]
    victim = shape.children["worker"].pid

    provider.gate.clear()  # requests arrive, answers wait: the worker is mid-call
    try:
        shape.shell(f"from newsletter import sending\nsending.start_send({send_id})")
        in_flight = eventually(
            lambda: one_value(
                shape,
                "SELECT count(*) FROM newsletter_delivery WHERE send_id = %s "
                "AND status = 'sending' AND lease_owner LIKE %s",
                send_id,
                f"%:{victim}:%",
            ),
            60,
        )
        assert in_flight, "the worker never had a sub-batch in flight"
        shape.kill("worker")
    finally:
        provider.gate.set()
    shape.start_worker()

    done = eventually(
        lambda: (
            one_value(shape, "SELECT status FROM newsletter_send WHERE id = %s", send_id) == "done"
        ),
        120,
        step=1,
    )
    with psycopg.connect(shape.config.database_url) as conn:
        rows = conn.execute(
            "SELECT email, status FROM newsletter_delivery WHERE send_id = %s", (send_id,)
        ).fetchall()
    assert done, f"send {send_id} did not finish: {sorted({s for _, s in rows})}"
    assert len(rows) == RECIPIENTS
    counts = provider.counts
    doubled = [email for email, _ in rows if counts[email] > 1]
    lost = [
        (email, status)
        for email, status in rows
        if not (status == "sent" and counts[email] == 1)
        and not (status == "unknown" and counts[email] <= 1)
    ]
    assert doubled == [], "a recipient got two copies"
    assert lost == [], "a recipient was neither sent one copy nor reported unknown"
    unknown = sum(1 for _, status in rows if status == "unknown")
    assert 0 < unknown <= in_flight, "the killed worker's calls are reported unknown, no more"
