"""Moderation of the snippets shown on the public site, through the admin as staff use it:
submit, approve or request changes with a comment, publish, scheduled publishing; each step in
Wagtail's audit log. People and organisations go to the Moderators, join applications to the
Network coordinators."""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry, TaskState, WorkflowState
from wagtail.test.utils.form_data import rich_text

from kindness_site.editors.roles import EDITORS, MODERATORS, NETWORK_COORDINATORS
from pages.models import Member
from people.models import Person
from projects.models import Organisation

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Moderated:
    """How to make one kind of public snippet and what its edit form posts."""

    make: Callable[[Any], Any]
    form: Callable[[Any, str], dict[str, str]]
    title_field: str
    submitter: str
    approver: str


def person_form(person: Person, title: str) -> dict[str, str]:
    return {
        "display_name": title,
        "slug": person.slug,
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        "biography": rich_text(""),
        "affiliations-count": "0",
        "links-count": "0",
        "display_order": "0",
    }


def organisation_form(organisation: Organisation, title: str) -> dict[str, str]:
    return {"name": title, "description": "", "url": ""}


def member_form(member: Member, title: str) -> dict[str, str]:
    return {
        "name": title,
        "kind": member.kind,
        "country": str(member.country),
        "joined": member.joined.isoformat(),
    }


KINDS = {
    "person": Moderated(
        make=lambda locales: Person.objects.create(
            display_name="Ada", slug="ada", locale=locales["en"]
        ),
        form=person_form,
        title_field="display_name",
        submitter=EDITORS,
        approver=MODERATORS,
    ),
    "organisation": Moderated(
        make=lambda locales: Organisation.objects.create(name="Geopark", locale=locales["en"]),
        form=organisation_form,
        title_field="name",
        submitter=EDITORS,
        approver=MODERATORS,
    ),
    "member": Moderated(
        make=lambda locales: Member.objects.create(
            name="Scuola Rodari", kind="school", country="IT", status="approved"
        ),
        form=member_form,
        title_field="name",
        # Editors may only look at members: coordinators both edit and approve them.
        submitter=NETWORK_COORDINATORS,
        approver=NETWORK_COORDINATORS,
    ),
}


def url(obj: Any, name: str, *args: Any) -> str:
    return reverse(type(obj).snippet_viewset.get_url_name(name), args=[obj.pk, *args])


def submit(client: Client, kind: Moderated, obj: Any, title: str, **extra: str) -> None:
    data = {**kind.form(obj, title), "action-submit": "1", **extra}
    response = client.post(url(obj, "edit"), data)
    assert response.status_code == 302, response.content.decode()[:3000]


def act(client: Client, obj: Any, action: str, comment: str = "") -> None:
    state = TaskState.objects.get(
        workflow_state__object_id=str(obj.pk),
        workflow_state__base_content_type__model=obj._meta.model_name,
        status=TaskState.STATUS_IN_PROGRESS,
    )
    response = client.post(url(obj, "workflow_action", action, state.pk), {"comment": comment})
    assert response.status_code == 302, response.content.decode()[:2000]


def log(obj: Any) -> list[str]:
    return list(
        ModelLogEntry.objects.filter(
            content_type__model=obj._meta.model_name, object_id=str(obj.pk)
        )
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


def title(obj: Any, kind: Moderated) -> str:
    obj.refresh_from_db()
    return getattr(obj, kind.title_field)


def published(kind: Moderated, locales) -> Any:
    """A live object with a published revision, as one created and approved in the admin."""
    obj = kind.make(locales)
    obj.save_revision().publish()
    return obj


@pytest.fixture(params=sorted(KINDS))
def moderated(request, locales) -> tuple[Moderated, Any]:
    kind = KINDS[request.param]
    return kind, published(kind, locales)


def test_submit_then_approve_publishes_with_every_step_logged(staff_client, moderated):
    kind, obj = moderated
    original = title(obj, kind)
    submit(staff_client(kind.submitter), kind, obj, "Changed by staff")
    assert title(obj, kind) == original  # nothing public changes on submission
    assert obj.has_unpublished_changes
    approver = staff_client(kind.approver)
    # The step waits on the approver's dashboard (Wagtail's "awaiting your review" panel).
    assert "Changed by staff" in approver.get(reverse("wagtailadmin_home")).content.decode()
    act(approver, obj, "approve", comment="Checked and correct.")

    assert title(obj, kind) == "Changed by staff" and obj.live
    steps = log(obj)
    for expected in ("wagtail.workflow.start", "wagtail.workflow.approve", "wagtail.publish"):
        assert expected in steps, steps
    approval = ModelLogEntry.objects.get(
        object_id=str(obj.pk),
        content_type__model=obj._meta.model_name,
        action="wagtail.workflow.approve",
    )
    assert approval.data["comment"] == "Checked and correct."
    assert approval.user.groups.filter(name=kind.approver).exists()


def test_request_changes_keeps_the_live_version_and_logs_the_comment(staff_client, moderated):
    kind, obj = moderated
    original = title(obj, kind)
    submitter = staff_client(kind.submitter)
    submit(submitter, kind, obj, "Needs work")
    act(staff_client(kind.approver), obj, "reject", comment="Please add the city.")
    assert title(obj, kind) == original and obj.live
    state = WorkflowState.objects.get(
        object_id=str(obj.pk), base_content_type__model=obj._meta.model_name
    )
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    rejection = ModelLogEntry.objects.get(
        object_id=str(obj.pk),
        content_type__model=obj._meta.model_name,
        action="wagtail.workflow.reject",
    )
    assert rejection.data["comment"] == "Please add the city."
    history = submitter.get(url(obj, "history"))
    assert history.status_code == 200
    assert "Please add the city." in history.content.decode()


def test_scheduled_publishing_after_approval(staff_client, moderated):
    kind, obj = moderated
    original = title(obj, kind)
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    submit(
        staff_client(kind.submitter),
        kind,
        obj,
        "Tomorrow's version",
        go_live_at=tomorrow.strftime("%Y-%m-%d %H:%M"),
    )
    act(staff_client(kind.approver), obj, "approve")
    assert title(obj, kind) == original
    revision = obj.revisions.get(approved_go_live_at__isnull=False)
    assert "wagtail.publish.schedule" in log(obj)
    # A day passes (moved back in the stored revision rather than faking the clock); then the
    # periodic `publish_scheduled` run publishes it.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    call_command("publish_scheduled", stdout=io.StringIO())
    assert title(obj, kind) == "Tomorrow's version"
    assert "wagtail.publish.scheduled" in log(obj)


def test_editors_cannot_approve_their_own_submission(staff_client, locales):
    kind = KINDS["organisation"]
    organisation = published(kind, locales)
    editor = staff_client(EDITORS)
    submit(editor, kind, organisation, "Geopark of the Apennines")
    state = TaskState.objects.get(
        workflow_state__object_id=str(organisation.pk), status=TaskState.STATUS_IN_PROGRESS
    )
    editor.post(url(organisation, "workflow_action", "approve", state.pk), {"comment": ""})
    assert title(organisation, kind) == "Geopark"
    assert "wagtail.workflow.approve" not in log(organisation)
