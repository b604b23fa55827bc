"""The join form end to end: good input, bad input, the honeypot, the rate limit, approval."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from wagtail.models import ModelLogEntry, WorkflowState

from kindness_site.editors.roles import NETWORK_WORKFLOW
from pages.models import Member, MemberStatus
from pages.wagtail_hooks import ApproveMembersBulkAction

pytestmark = pytest.mark.django_db

GOOD = {
    "name": "Scuola Gentile",
    "kind": "school",
    "country": "IT",
    "region": "Lombardia",
    "city": "Milano",
    "website": "https://scuola.example.org",
    "description": "Kindness lessons every week.",
    "contact_name": "Anna Rossi",
    "contact_email": "anna@example.org",
    "consent": "on",
}


@pytest.fixture
def make_staff_user(db):
    def make(group_name: str):
        user = get_user_model().objects.create_user("staff", "staff@example.org", "x")
        user.groups.set([Group.objects.get(name=group_name)])
        return user

    return make


@pytest.fixture
def join_url(tree):
    return tree["en"]["network"].url + "join/"


def test_form_renders_with_labels_and_hidden_honeypot(client, join_url):
    response = client.get(join_url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="nickname"' in html
    assert 'class="trap" aria-hidden="true"' in html
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_good_application_is_stored_pending_and_staff_are_emailed(
    client, join_url, tree, areas, mailoutbox, settings
):
    settings.STAFF_NOTIFICATION_EMAILS = ["staff@example.org"]
    data = {**GOOD, "areas": [areas["en"]["education"].pk]}
    response = client.post(join_url, data)
    assert response.status_code == 302
    assert response["Location"].endswith("/network/join/thanks/")
    member = Member.objects.get()
    assert member.status == MemberStatus.PENDING and not member.live
    assert member.submitted_language == "en"
    assert list(member.areas.all()) == [areas["en"]["education"]]
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["staff@example.org"]
    assert "Scuola Gentile" in mailoutbox[0].subject
    assert f"/admin/snippets/pages/member/edit/{member.pk}/" in mailoutbox[0].body
    # Pending applications are neither listed nor counted.
    listing = client.get(tree["en"]["network"].url).content.decode()
    assert "Scuola Gentile" not in listing
    assert "<dd>0</dd>" in listing
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200


def test_application_waits_for_the_network_coordinators(client, join_url, areas):
    """The application is Wagtail content under moderation: a revision, a "created" entry in
    the audit log and the coordinators' workflow started with nobody signed in."""
    client.post(join_url, {**GOOD, "areas": [areas["en"]["education"].pk]})
    member = Member.objects.get()
    state = WorkflowState.objects.get(object_id=str(member.pk), base_content_type__model="member")
    assert state.status == WorkflowState.STATUS_IN_PROGRESS and state.requested_by is None
    assert state.workflow.name == NETWORK_WORKFLOW
    assert member.get_latest_revision_as_object().name == "Scuola Gentile"
    assert list(member.get_latest_revision_as_object().areas.all()) == [areas["en"]["education"]]
    assert audit_log(member) == ["wagtail.create", "wagtail.workflow.start"]


def audit_log(member: Member) -> list[str]:
    return list(
        ModelLogEntry.objects.filter(object_id=str(member.pk), content_type__model="member")
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


def test_approved_application_is_listed(client, join_url, tree, admin_user, rf):
    client.post(join_url, GOOD)
    member = Member.objects.get()
    ApproveMembersBulkAction.execute_action([member], user=admin_user)
    member.refresh_from_db()
    assert member.status == MemberStatus.APPROVED and member.live
    listing = client.get(tree["en"]["network"].url).content.decode()
    assert "Scuola Gentile" in listing
    assert "Lombardia" in listing
    log = audit_log(member)
    assert log[-2:] == ["wagtail.workflow.approve", "wagtail.publish"], log
    assert WorkflowState.objects.get(object_id=str(member.pk)).status == "approved"


def test_changes_requested_mark_the_application_rejected(client, join_url, tree, admin_user):
    client.post(join_url, GOOD)
    member = Member.objects.get()
    member.current_workflow_task_state.specific.reject(user=admin_user, comment="Not a school.")
    member.refresh_from_db()
    assert member.status == MemberStatus.REJECTED and not member.live
    assert "Scuola Gentile" not in client.get(tree["en"]["network"].url).content.decode()
    rejection = ModelLogEntry.objects.get(
        object_id=str(member.pk), action="wagtail.workflow.reject"
    )
    assert rejection.data["comment"] == "Not a school."
    # Submitted again after a correction, it is pending once more.
    member.current_workflow_state.resume(user=admin_user)
    member.refresh_from_db()
    assert member.status == MemberStatus.PENDING


def test_unpublishing_takes_a_member_off_the_site(client, tree, make_member):
    member = make_member(1, name="Comune Gentile")
    assert member.live
    member.unpublish()
    member.refresh_from_db()
    assert member.status == MemberStatus.REJECTED
    assert "Comune Gentile" not in client.get(tree["en"]["network"].url).content.decode()


def test_bulk_approval_needs_the_coordinators_step(client, join_url, make_staff_user):
    """Someone outside the Network coordinators cannot approve through the bulk action."""
    client.post(join_url, GOOD)
    member = Member.objects.get()
    outsider = make_staff_user("Moderators")
    with pytest.raises(PermissionDenied):
        ApproveMembersBulkAction.execute_action([member], user=outsider)
    member.refresh_from_db()
    assert not member.live


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Please enter the name of your organisation."),
        ("contact_email", "anna@", "This email address does not look right"),
        ("kind", "spaceship", "Select a valid choice"),
        ("website", "not a url", "Enter a full address, starting with https://"),
        ("consent", "", "Please agree, so that we may store your application."),
    ],
)
def test_bad_input_gets_a_clear_message_and_keeps_values(
    client, join_url, mailoutbox, field, value, message
):
    data = {**GOOD, field: value}
    if not value:
        data.pop(field)
    response = client.post(join_url, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'role="alert"' in html
    assert 'value="Milano"' in html  # nothing the visitor wrote is lost
    assert "Kindness lessons every week." in html
    assert not Member.objects.exists()
    assert mailoutbox == []


def test_honeypot_pretends_success_but_stores_nothing(client, join_url, mailoutbox):
    response = client.post(join_url, {**GOOD, "nickname": "bot"})
    assert response.status_code == 302
    assert not Member.objects.exists()
    assert mailoutbox == []


def test_rate_limit_answers_429_with_retry_after_and_keeps_values(
    client, join_url, settings, mailoutbox
):
    limit = settings.NETWORK_JOIN_RATE_LIMIT
    for n in range(limit):
        assert client.post(join_url, {**GOOD, "name": f"Org {n}"}).status_code == 302
    response = client.post(join_url, {**GOOD, "name": "One too many"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert "Too many applications" in html
    assert 'value="One too many"' in html
    assert Member.objects.count() == limit
    # Another address is not affected.
    other = client.post(join_url, {**GOOD, "name": "Elsewhere"}, REMOTE_ADDR="10.9.8.7")
    assert other.status_code == 302


def test_join_form_in_italian(client, tree):
    response = client.get(tree["it"]["network"].url + "join/")
    assert response.status_code == 200
    assert '<html lang="it"' in response.content.decode()
