"""Every way a sign-up or a link can fail: clear 4xx answers, nothing written, nothing revealed."""

from __future__ import annotations

import threading
import time
from unittest import mock

import pytest
from django.core import mail, signing
from django.db import IntegrityError, OperationalError, connection, transaction

from newsletter import subscriptions
from newsletter.links import confirm_signature, preferences_signature
from newsletter.models import ConsentEvent, Subscriber, SubscriberStatus, Suppression
from newsletter.normalise import email_digest
from newsletter.subscriptions import Origin
from newsletter.timetrap import issue_stamp

pytestmark = pytest.mark.usefixtures("site_tree")


def test_bad_email_gives_400_with_message(signup):
    response = signup("not-an-address")
    assert response.status_code == 400
    assert "valid email address" in response.content.decode()
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


def test_missing_consent_gives_400(signup):
    response = signup("a@example.org", consent="")
    assert response.status_code == 400
    assert "tick the box" in response.content.decode()
    assert not Subscriber.objects.exists()


def test_honeypot_looks_like_success_but_does_nothing(signup):
    response = signup("bot@example.org", website="http://spam.example")
    assert response.status_code == 303
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    "stamp",
    [0, -3 * 86_400, "forged:stamp", ""],
    ids=["too-fast", "too-old", "tampered", "missing"],
)
def test_time_trap(signup, stamp):
    if isinstance(stamp, int):
        stamp = issue_stamp(time.time() + stamp)
    response = signup("fast@example.org", started=stamp)
    assert response.status_code == 400
    assert "send it again" in response.content.decode()
    assert not Subscriber.objects.exists()


def test_rate_limit_per_ip_answers_429_with_retry_after(signup, settings):
    settings.NEWSLETTER_SIGNUPS_PER_IP_PER_HOUR = 2
    assert signup("one@example.org").status_code == 303
    assert signup("two@example.org").status_code == 303
    response = signup("three@example.org")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3601
    assert Subscriber.objects.count() == 2
    assert signup("four@example.org", ip="198.51.100.9").status_code == 303  # other IPs unaffected


def test_rate_limit_per_address_across_ips(signup, settings):
    settings.NEWSLETTER_SIGNUPS_PER_ADDRESS_PER_HOUR = 2
    for n in range(2):
        assert signup("Same@example.org", ip=f"192.0.2.{n}").status_code == 303
    response = signup("same@EXAMPLE.org", ip="192.0.2.99")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert len(mail.outbox) == 2


def test_response_does_not_reveal_known_addresses(signup, client):
    first = signup("known@example.org")
    Subscriber.objects.update(status=SubscriberStatus.CONFIRMED)
    second = signup("known@example.org")
    unknown = signup("unknown@example.org")
    assert first.status_code == second.status_code == unknown.status_code == 303
    assert first["Location"] == second["Location"] == unknown["Location"]
    # The known address gets a note with its preferences link, not a second confirmation.
    assert "already" in mail.outbox[1].subject


def test_expired_confirmation_link(client, signup, settings):
    signup("late@example.org")
    subscriber = Subscriber.objects.get()
    old = time.time() - (settings.NEWSLETTER_CONFIRM_MAX_AGE_DAYS + 1) * 86_400
    with mock.patch("django.core.signing.time.time", return_value=old):
        signature = confirm_signature(subscriber.token)
    response = client.post(f"/en/newsletter/confirm/{signature}/")
    assert response.status_code == 400
    assert "expired" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.PENDING


@pytest.mark.parametrize("kind", ["confirm", "preferences", "erase"])
def test_tampered_links(client, signup, kind):
    signup("tamper@example.org")
    token = Subscriber.objects.get().token
    if kind == "confirm":
        url = f"/en/newsletter/confirm/{confirm_signature(token)[:-2]}xx/"
    elif kind == "preferences":
        url = f"/en/newsletter/preferences/{preferences_signature(token)[:-2]}xx/"
    else:
        url = f"/en/newsletter/preferences/{signing.Signer(salt='other').sign(token)}/erase/"
    response = client.get(url)
    assert response.status_code == 400
    assert "not valid" in response.content.decode()


def test_case_variants_make_one_subscriber(signup):
    signup("Ada@Example.org")
    signup("ada@example.ORG", ip="192.0.2.7")
    assert Subscriber.objects.count() == 1


def test_database_refuses_a_second_row_for_the_same_address(db):
    Subscriber.objects.create(email="x@example.org", language="en")
    with pytest.raises(IntegrityError), transaction.atomic():
        Subscriber.objects.bulk_create([Subscriber(email="X@EXAMPLE.ORG", language="en")])


def test_lost_race_is_handled(db):
    """The second of two racing inserts hits the unique index and uses the winner's row."""
    winner = Subscriber.objects.create(email="race@example.org", language="en")
    with mock.patch.object(
        Subscriber.objects, "get_or_create", side_effect=IntegrityError("duplicate")
    ):
        subscriber, created = subscriptions._get_or_create("race@example.org", "en", "footer")
    assert subscriber.pk == winner.pk and not created


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_signups_make_exactly_one_subscriber(site_tree):
    """Eight threads sign up the same address at once (real concurrent transactions)."""
    barrier = threading.Barrier(8)
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        barrier.wait()
        try:
            for _attempt in range(200):
                try:
                    subscriptions.request_signup(
                        f"Crowd@Example.org{' ' * n}", "en", [], Origin(source="test")
                    )
                    break
                except OperationalError as exc:
                    # In-memory shared-cache SQLite reports "table is locked" instead of waiting
                    # like a real database; wait and try again as a busy timeout would.
                    if "locked" not in str(exc):
                        raise
                    time.sleep(0.01)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Subscriber.objects.filter(email="crowd@example.org").count() == 1


def test_erase_keeps_only_a_hash_and_blocks_resubscribe(client, signup):
    signup("forget@example.org")
    subscriber = Subscriber.objects.get()
    subscriptions.confirm(subscriber, Origin(source="test"))
    signature = preferences_signature(subscriber.token)
    page = client.get(f"/en/newsletter/preferences/{signature}/erase/")
    assert page.status_code == 200
    refused = client.post(f"/en/newsletter/preferences/{signature}/erase/", {})
    assert refused.status_code == 400
    assert Subscriber.objects.exists()
    done = client.post(f"/en/newsletter/preferences/{signature}/erase/", {"confirm": "yes"})
    assert done.status_code == 200
    assert not Subscriber.objects.exists()
    assert Suppression.objects.filter(digest=email_digest("forget@example.org")).exists()
    remaining = ConsentEvent.objects.get()
    assert remaining.action == "erase" and remaining.ip_address is None
    assert remaining.email_digest == email_digest("forget@example.org")
    # Old links lead nowhere; signing up again (any case) does nothing and sends nothing.
    assert client.get(f"/en/newsletter/preferences/{signature}/").status_code == 400
    mail.outbox.clear()
    assert signup("FORGET@example.org", ip="192.0.2.50").status_code == 303
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


def test_ledger_is_append_only(db):
    subscriber = Subscriber.objects.create(email="l@example.org", language="en")
    event = subscriptions.record(subscriber, "signup", Origin(source="test"))
    event.source = "changed"
    with pytest.raises(RuntimeError):
        event.save()
    with pytest.raises(RuntimeError):
        event.delete()


def test_purge_removes_only_stale_unconfirmed(db, settings):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    old = timezone.now() - timedelta(days=settings.NEWSLETTER_PURGE_UNCONFIRMED_DAYS + 1)
    Subscriber.objects.create(email="stale@example.org", language="en", created_at=old)
    Subscriber.objects.create(email="fresh@example.org", language="en")
    Subscriber.objects.create(
        email="kept@example.org",
        language="en",
        created_at=old,
        status="confirmed",
        confirmed_at=old,
    )
    call_command("newsletter_purge")
    assert sorted(Subscriber.objects.values_list("email", flat=True)) == [
        "fresh@example.org",
        "kept@example.org",
    ]


def test_one_click_with_unknown_token_is_harmless(client, db):
    response = client.post("/newsletter/u/unknown-token/", {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200


def test_method_not_allowed_on_one_click(client, db):
    assert client.put("/newsletter/u/whatever/").status_code == 405
