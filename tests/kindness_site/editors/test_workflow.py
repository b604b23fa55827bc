"""Moderation: submit → approve → published, request changes with a comment, scheduled
publishing, Italian pages moderated the same way, every step in the audit log."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, TaskState, Workflow, WorkflowState

from kindness_site.editors.roles import (
    EDITORS,
    MODERATION_WORKFLOW,
    MODERATORS,
    NETWORK_COORDINATORS,
    NETWORK_WORKFLOW,
    TRANSLATORS,
)
from kindness_site.editors.workflows import (
    PUBLIC_SNIPPETS,
    SNIPPET_WORKFLOWS,
    assign_snippets,
    snippets_without_workflow_support,
)

pytestmark = pytest.mark.django_db


def submit(client, page, **fields):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = {"title": page.title, "slug": page.slug, "body-count": "0", "action-submit": "1"}
    data.update(fields)
    response = client.post(url, data)
    assert response.status_code == 302, response.content[:500]
    return WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))


def act(client, page, action: str, comment: str = ""):
    state = TaskState.objects.get(
        workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS
    )
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, state.pk])
    response = client.post(url, {"comment": comment})
    assert response.status_code == 302
    return state


def actions(page) -> list[str]:
    return list(
        PageLogEntry.objects.filter(page=page)
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


def test_the_workflow_covers_the_whole_tree(home, home_it):
    workflow = Workflow.objects.get(name=MODERATION_WORKFLOW)
    assert home.get_workflow() == workflow
    assert home_it.get_workflow() == workflow
    tasks = [t.specific for t in workflow.tasks]
    assert len(tasks) == 1
    assert list(tasks[0].groups.values_list("name", flat=True)) == [MODERATORS]


def test_submit_approve_publish_with_audit_log(staff_client, make_staff, about_page, mailoutbox):
    reviewer = make_staff(MODERATORS, username="reviewer")
    editor = staff_client(EDITORS)
    workflow_state = submit(editor, about_page, title="About the movement")
    # Moderators are told by email that something waits for them.
    assert any(reviewer.email in message.to for message in mailoutbox)
    assert workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    about_page.refresh_from_db()
    assert about_page.title == "About us"  # nothing public changes on submission

    # The editor cannot approve their own submission.
    state = TaskState.objects.get(workflow_state=workflow_state)
    refused = editor.post(
        reverse("wagtailadmin_pages:workflow_action", args=[about_page.pk, "approve", state.pk])
    )
    assert refused.status_code in (302, 403)
    about_page.refresh_from_db()
    assert about_page.title == "About us"

    moderator = staff_client(MODERATORS)
    dashboard = moderator.get(reverse("wagtailadmin_home")).content.decode()
    assert "About the movement" in dashboard  # Wagtail's "awaiting your review" panel
    act(moderator, about_page, "approve", comment="Clear and correct.")

    about_page.refresh_from_db()
    workflow_state.refresh_from_db()
    assert about_page.live and about_page.title == "About the movement"
    assert workflow_state.status == WorkflowState.STATUS_APPROVED
    log = actions(about_page)
    for expected in ("wagtail.workflow.start", "wagtail.workflow.approve", "wagtail.publish"):
        assert expected in log
    approval = PageLogEntry.objects.get(page=about_page, action="wagtail.workflow.approve")
    assert approval.data["comment"] == "Clear and correct."
    assert approval.user.groups.filter(name=MODERATORS).exists()


def test_request_changes_with_a_comment(staff_client, about_page):
    editor = staff_client(EDITORS)
    submit(editor, about_page, title="About")
    act(staff_client(MODERATORS), about_page, "reject", comment="Say who founded the movement.")
    about_page.refresh_from_db()
    assert about_page.title == "About us"
    state = WorkflowState.objects.get(object_id=str(about_page.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    rejection = PageLogEntry.objects.get(page=about_page, action="wagtail.workflow.reject")
    assert rejection.data["comment"] == "Say who founded the movement."
    # The editor sees the request and the comment in the page's history.
    history = editor.get(reverse("wagtailadmin_pages:history", args=[about_page.pk]))
    assert history.status_code == 200
    assert "Say who founded the movement." in history.content.decode()


def test_scheduled_publishing_after_approval(staff_client, about_page):
    go_live = timezone.now() + datetime.timedelta(days=1)
    submit(
        staff_client(EDITORS),
        about_page,
        title="About (tomorrow)",
        go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
    )
    act(staff_client(MODERATORS), about_page, "approve")
    about_page.refresh_from_db()
    assert about_page.title == "About us"
    assert about_page.scheduled_revision is not None
    # A day passes (moved back in the stored revision rather than faking the clock); then the
    # periodic `publish_scheduled` run publishes it.
    revision = about_page.scheduled_revision
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    call_command("publish_scheduled", stdout=io.StringIO())
    about_page.refresh_from_db()
    assert about_page.title == "About (tomorrow)"
    assert "wagtail.publish.scheduled" in actions(about_page) or "wagtail.publish" in actions(
        about_page
    )


def test_italian_pages_go_through_the_same_moderation(staff_client, chi_siamo):
    translator = staff_client(TRANSLATORS)
    submit(translator, chi_siamo, title="Chi siamo e cosa facciamo")
    chi_siamo.refresh_from_db()
    assert chi_siamo.title == "Chi siamo"
    act(staff_client(MODERATORS), chi_siamo, "approve")
    chi_siamo.refresh_from_db()
    assert chi_siamo.title == "Chi siamo e cosa facciamo"
    assert "wagtail.workflow.approve" in actions(chi_siamo)


def test_public_snippets_get_the_workflow_when_they_support_it():
    from django.apps import apps
    from wagtail.models import WorkflowMixin

    assigned = assign_snippets()
    for label in PUBLIC_SNIPPETS:
        model = apps.get_model(label)
        if issubclass(model, WorkflowMixin):
            assert model._meta.label in assigned
            assert model().get_workflow().name == SNIPPET_WORKFLOWS[label]
        else:
            assert model._meta.label in snippets_without_workflow_support()


def test_every_public_snippet_is_moderated_by_the_right_group():
    """No public snippet is left without moderation, and members go to the coordinators."""
    from django.apps import apps

    assert snippets_without_workflow_support() == []
    assert apps.get_model("people.Person")().get_workflow().name == MODERATION_WORKFLOW
    assert apps.get_model("projects.Organisation")().get_workflow().name == MODERATION_WORKFLOW
    member_workflow = apps.get_model("pages.Member")().get_workflow()
    assert member_workflow.name == NETWORK_WORKFLOW
    task = member_workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [NETWORK_COORDINATORS]


def test_translator_submits_a_saved_translation_from_the_explorer(
    staff_client, make_staff, chi_siamo, about_page, home_it
):
    """wagtail-localize's editor only saves a translation; the explorer's "More options" menu
    sends the saved draft to the Moderators (the translator may not publish)."""
    translator = make_staff(TRANSLATORS)
    chi_siamo.title = "Chi siamo, in breve"
    chi_siamo.save_revision(user=translator)
    from .conftest import signed_in

    client = signed_in(translator)
    submit_url = reverse("kindness_editors_submit", args=[chi_siamo.pk])
    listing = client.get(reverse("wagtailadmin_explore", args=[home_it.pk])).content.decode()
    assert submit_url in listing
    assert f"Submit to {MODERATION_WORKFLOW}" in listing
    assert client.get(submit_url).status_code == 200
    assert client.post(submit_url).status_code == 302
    state = WorkflowState.objects.get(object_id=str(chi_siamo.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == translator
    assert "wagtail.workflow.start" in actions(chi_siamo)
    # Nothing to submit twice, and the English original is not the translator's to submit.
    assert client.post(submit_url).status_code in (302, 403)
    assert WorkflowState.objects.filter(object_id=str(chi_siamo.pk)).count() == 1
    about_page.save_revision()
    english = reverse("kindness_editors_submit", args=[about_page.pk])
    refused = client.post(english)
    assert refused.status_code == 403 or refused["Location"] == reverse("wagtailadmin_home")
    assert not WorkflowState.objects.filter(object_id=str(about_page.pk)).exists()

    act(staff_client(MODERATORS), chi_siamo, "approve")
    chi_siamo.refresh_from_db()
    assert chi_siamo.title == "Chi siamo, in breve"
