"""Admin: subscribers list/filters/export/inspect, import, preview, test send, send permission."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import GroupPagePermission, Page

from newsletter import subscriptions
from newsletter.models import ConsentEvent, Send, SendStatus, Subscriber, Suppression
from newsletter.subscriptions import Origin


@pytest.fixture(autouse=True)
def _password_only_admin(settings):
    """Admin two-factor sign-in is tested by kindness_site; these tests are about the newsletter."""
    settings.OTP_REQUIRED = False


@pytest.fixture
def editor(django_user_model, site_tree):
    """An editor who may edit pages but not send newsletters."""
    group = Group.objects.create(name="Issue writers")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=Page.get_first_root_node(),
            permission=Permission.objects.get(codename=codename),
        )
    user = django_user_model.objects.create_user("editor", "editor@example.org", "pw")
    user.groups.add(group)
    return user


def test_subscriber_list_search_filter_and_export(admin_client, areas):
    a = Subscriber.objects.create(email="anna@example.org", language="it", status="confirmed")
    a.topics.add(areas["it"]["health"])
    Subscriber.objects.create(email="bob@example.org", language="en", status="pending")
    url = "/admin/snippets/newsletter/subscriber/"
    assert admin_client.get(url).status_code == 200
    found = admin_client.get(url, {"q": "anna"}).content.decode()
    assert "anna@example.org" in found and "bob@example.org" not in found
    filtered = admin_client.get(url, {"status": "pending"}).content.decode()
    assert "bob@example.org" in filtered and "anna@example.org" not in filtered
    by_topic = admin_client.get(url, {"topics": areas["it"]["health"].pk}).content.decode()
    assert "anna@example.org" in by_topic and "bob@example.org" not in by_topic
    export = admin_client.get(url, {"export": "csv"})
    assert export.status_code == 200
    body = (
        b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
    )
    assert "anna@example.org" in body and "bob@example.org" in body


def test_inspect_shows_consent_ledger(admin_client, db):
    subscriber = Subscriber.objects.create(email="l@example.org", language="en")
    subscriptions.record(
        subscriber, "signup", Origin(source="footer", ip_address="192.0.2.1"), text_version="v9"
    )
    page = admin_client.get(f"/admin/snippets/newsletter/subscriber/inspect/{subscriber.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Consent ledger" in html and "192.0.2.1" in html and "v9" in html


def test_csv_import_double_opt_in_unless_consent(
    admin_client, areas, django_capture_on_commit_callbacks
):
    Suppression.add("gone@example.org", "erased")
    Subscriber.objects.create(email="old@example.org", language="en", status="confirmed")
    csv = (
        "email,language,topics,consent_at,consent_source\n"
        "New@Example.org,it,health;education,,\n"
        "proof@example.org,en,,2025-01-02T10:00:00+00:00,paper form at the fair\n"
        "gone@example.org,en,,,\n"
        "old@example.org,en,,,\n"
        "broken,en,,,\n"
    )
    upload = SimpleUploadedFile("subs.csv", csv.encode(), content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post("/admin/newsletter/subscribers/import/", {"file": upload})
    assert response.status_code == 400  # one bad line is reported
    html = response.content.decode()
    assert "Line 6" in html
    new = Subscriber.objects.get(email="new@example.org")
    assert new.status == "pending" and new.topics.count() == 2
    assert Subscriber.objects.get(email="proof@example.org").status == "confirmed"
    assert not Subscriber.objects.filter(email="gone@example.org").exists()
    assert [m.to for m in mail.outbox] == [["new@example.org"]]  # double opt-in email
    proof = ConsentEvent.objects.get(subscriber__email="proof@example.org")
    assert proof.action == "import" and proof.details["consent_source"] == "paper form at the fair"


@pytest.mark.parametrize("language", ["en", "it"])
def test_preview_as_email_per_language(admin_client, issue, language):
    response = admin_client.get(f"/admin/newsletter/issue/{issue['en'].pk}/preview/{language}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert issue[language].title in html
    assert 'style="' in html and "<style" not in html.split("<body")[1]
    assert int(response["X-Email-Size"]) < 100 * 1024
    text = admin_client.get(
        f"/admin/newsletter/issue/{issue['en'].pk}/preview/{language}/", {"format": "text"}
    )
    assert "Kindness is contagious." in text.content.decode()


def test_send_a_test_to_me(admin_client, admin_user, issue):
    response = admin_client.post(f"/admin/newsletter/issue/{issue['en'].pk}/test/")
    assert response.status_code == 302
    assert sorted(m.subject for m in mail.outbox) == [
        "[TEST] November stories",
        "[TEST] Storie di novembre",
    ]
    assert all(m.to == [admin_user.email] for m in mail.outbox)


def test_sending_needs_its_own_permission(client, editor, issue):
    client.force_login(editor)
    assert client.get(f"/admin/newsletter/issue/{issue['en'].pk}/preview/en/").status_code == 200
    url = f"/admin/newsletter/issue/{issue['en'].pk}/send/"
    refused = client.get(url)
    # Wagtail turns PermissionDenied into a redirect to the dashboard with a message.
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    assert client.post(url, {"languages": ["en"]}).status_code == 302
    assert not Send.objects.exists()
    editor.user_permissions.add(Permission.objects.get(codename="send_newsletter"))
    assert client.get(f"/admin/newsletter/issue/{issue['en'].pk}/send/").status_code == 200


def test_create_send_progress_chart_and_controls(
    admin_client, issue, django_capture_on_commit_callbacks
):
    Subscriber.objects.create(email="s1@example.org", language="en", status="confirmed")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/newsletter/issue/{issue['en'].pk}/send/", {"languages": ["en"]}
        )
    assert response.status_code == 302
    send = Send.objects.get()
    assert send.status == SendStatus.DONE
    detail = admin_client.get(response["Location"])
    html = detail.content.decode()
    assert detail.status_code == 200
    assert "<svg" in html and "Delivery figures" in html
    assert 'value="100"' in html
    assert admin_client.get("/admin/newsletter/sends/").status_code == 200


def test_create_send_refuses_missing_translation_and_past_dates(admin_client, archive):
    from newsletter.models import NewsletterIssuePage
    from tests.conftest import publish_child

    only_en = publish_child(
        archive["en"], NewsletterIssuePage(title="EN only", slug="en-only", body=[])
    )
    response = admin_client.post(
        f"/admin/newsletter/issue/{only_en.pk}/send/", {"languages": ["it"]}
    )
    assert response.status_code == 400
    assert "not published in: it" in response.content.decode()
    past = admin_client.post(
        f"/admin/newsletter/issue/{only_en.pk}/send/",
        {"languages": ["en"], "scheduled_at": "2001-01-01T10:00"},
    )
    assert past.status_code == 400
    assert not Send.objects.exists()


def test_pause_and_cancel_from_admin(admin_client, issue):
    send = Send.objects.create(issue=issue["en"], languages=["en"], status=SendStatus.RUNNING)
    admin_client.post(f"/admin/newsletter/sends/{send.pk}/pause/")
    send.refresh_from_db()
    assert send.status == SendStatus.PAUSED
    admin_client.post(f"/admin/newsletter/sends/{send.pk}/cancel/")
    send.refresh_from_db()
    assert send.status == SendStatus.CANCELLED
    assert admin_client.post(f"/admin/newsletter/sends/{send.pk}/explode/").status_code == 400


def test_issue_edit_page_offers_preview_and_send(admin_client, issue):
    html = admin_client.get(f"/admin/pages/{issue['en'].pk}/edit/").content.decode()
    assert f"/admin/newsletter/issue/{issue['en'].pk}/preview/it/" in html
    assert f"/admin/newsletter/issue/{issue['en'].pk}/send/" in html
