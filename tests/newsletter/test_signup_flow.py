"""Sign-up → confirm → receive an issue → preferences → one-click unsubscribe, in en and it."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives

from newsletter.models import ConsentEvent, Send, Subscriber, SubscriberStatus

from .conftest import link_in

TEXTS = {
    "en": {
        "confirm_subject": "Please confirm",
        "thanks": "Check your inbox",
        "unsub": "You are unsubscribed",
    },
    "it": {
        "confirm_subject": "Conferma",
        "thanks": "Controlla la tua casella",
        "unsub": "Iscrizione annullata",
    },
}


@pytest.mark.parametrize("language", ["en", "it"])
def test_end_to_end(language, client, signup, issue, areas, run_send):
    # 1. Sign up (with a topic) from the footer form.
    topic = areas[language]["health"]
    response = signup("Reader@Example.ORG ", language, topics=[topic.pk])
    assert response.status_code == 303
    thanks = client.get(response["Location"])
    assert TEXTS[language]["thanks"] in thanks.content.decode()

    subscriber = Subscriber.objects.get()
    assert subscriber.email == "reader@example.org"
    assert subscriber.status == SubscriberStatus.PENDING
    assert subscriber.language == language
    assert list(subscriber.topics.all()) == [topic]

    # 2. The confirmation email, in the chosen language, with a signed link.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["reader@example.org"]
    assert TEXTS[language]["confirm_subject"] in message.subject
    confirm_url = link_in(str(message.body), rf"http://\S+/{language}/newsletter/confirm/\S+/")
    path = urlparse(confirm_url).path
    page = client.get(path)
    assert page.status_code == 200
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING  # GET confirms nobody
    assert client.post(path).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED

    ledger = list(ConsentEvent.objects.filter(subscriber=subscriber).order_by("pk"))
    assert [e.action for e in ledger] == ["signup", "confirm"]
    assert ledger[0].text_version and ledger[0].language == language
    assert ledger[0].ip_address == "203.0.113.5"
    assert ledger[0].user_agent == "pytest-browser/1.0"
    assert ledger[0].source == "footer"

    # 3. Receive the issue.
    mail.outbox.clear()
    send = Send.objects.create(issue=issue["en"], languages=[language])
    assert run_send(send).status == "done"
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.subject == issue[language].title
    unsubscribe = sent.extra_headers["List-Unsubscribe"].strip("<>")
    assert sent.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "List-Id" in sent.extra_headers
    assert unsubscribe in sent.body
    assert isinstance(sent, EmailMultiAlternatives)
    html = str(sent.alternatives[0][0])  # (content, mimetype); our HTML part is a str
    assert 'style="' in html  # CSS inlined
    assert len(html.encode()) < 100 * 1024

    # 4. Preferences from the link in the issue: switch language, pause, un-pause.
    prefs = urlparse(
        link_in(str(sent.body), rf"http://\S+/{language}/newsletter/preferences/\S+/")
    ).path
    assert client.get(prefs).status_code == 200
    other = "it" if language == "en" else "en"
    response = client.post(prefs, {"language": other, "topics": [], "paused": "on"})
    assert response.status_code == 303
    subscriber.refresh_from_db()
    assert subscriber.language == other
    assert subscriber.status == SubscriberStatus.PAUSED
    client.post(prefs, {"language": language})
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED

    data = client.get(prefs + "data.json")
    assert data["Content-Type"].startswith("application/json")
    assert data.json()["email"] == "reader@example.org"

    # 5. One-click unsubscribe: GET only shows a page; POST unsubscribes, 200, no redirect.
    unsub_path = urlparse(unsubscribe).path
    assert client.get(unsub_path).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED
    response = client.post(
        unsub_path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert TEXTS[language]["unsub"] in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED
    # Idempotent, and multipart works too.
    again = client.post(unsub_path, {"List-Unsubscribe": "One-Click"})
    assert again.status_code == 200
    assert ConsentEvent.objects.filter(subscriber=subscriber, action="unsubscribe").count() == 1
