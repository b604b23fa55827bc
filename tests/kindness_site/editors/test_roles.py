"""Each role can do its job in the admin and nothing beyond it."""

from __future__ import annotations

import io

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db.models import Model
from django.urls import reverse
from wagtail.hooks import search_for_hooks
from wagtail.models import (
    DraftStateMixin,
    GroupCollectionPermission,
    GroupPagePermission,
    ModelLogEntry,
    Page,
    TranslatableMixin,
)
from wagtail.snippets.models import get_snippet_models

from kindness_site.editors.roles import (
    EDITORS,
    MODERATION_WORKFLOW,
    MODERATORS,
    NETWORK_COORDINATORS,
    NEWSLETTER_SENDERS,
    RESEARCH_LIBRARIANS,
    ROLES,
    TRANSLATORS,
)
from kindness_site.editors.workflows import SNIPPET_WORKFLOWS, WORKFLOWS
from newsletter.models import NewsletterIndexPage, NewsletterIssuePage
from pages.models import Member
from tests.conftest import publish_child

pytestmark = pytest.mark.django_db

# The expectations below are rules about what each role is for, checked against the groups the
# migrations and ``sync_editor_roles`` build; they are not a copy of ``roles.ROLES``. Where a rule
# needs a list, it takes it from another source of truth: the approval workflows
# (``workflows.SNIPPET_WORKFLOWS``) and Wagtail's snippet registry (which snippets translate).
ROLE_NAMES = (
    EDITORS,
    MODERATORS,
    TRANSLATORS,
    RESEARCH_LIBRARIANS,
    NEWSLETTER_SENDERS,
    NETWORK_COORDINATORS,
)
ACCESS_ADMIN = "wagtailadmin.access_admin"


def group_permissions(name: str) -> set[str]:
    group = Group.objects.get(name=name)
    return {
        f"{app}.{codename}"
        for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    }


def page_permissions(name: str) -> set[tuple[int, str]]:
    return set(
        GroupPagePermission.objects.filter(group__name=name).values_list(
            "page__depth", "permission__codename"
        )
    )


def granted(name: str) -> set[str]:
    """The group's global permissions, without the optional ones an app may not define."""
    optional = {p for role in ROLES if role.name == name for p in role.optional}
    return group_permissions(name) - optional


def snippet_models() -> list[type]:
    """Wagtail's snippet registry (filled by the apps' ``wagtail_hooks``)."""
    search_for_hooks()
    return get_snippet_models()


def _label(model: type[Model]) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def _perm(label: str, action: str) -> str:
    app_label, model_name = label.split(".")
    return f"{app_label}.{action}_{model_name}"


@pytest.mark.parametrize("name", ROLE_NAMES)
def test_every_role_enters_the_admin(name):
    assert ACCESS_ADMIN in granted(name)


def test_publishing_belongs_to_who_approves():
    """Approving the last step of a workflow publishes, so the approving group of each snippet's
    workflow holds its publish right; moderators also publish the snippets with drafts but no
    workflow of their own (menus). Nobody else publishes anything."""
    expected: dict[str, set[str]] = {name: set() for name in ROLE_NAMES}
    for label, workflow in SNIPPET_WORKFLOWS.items():
        expected[WORKFLOWS[workflow][1]].add(_perm(label, "publish"))
    for model in snippet_models():
        label = _label(model)
        if issubclass(model, DraftStateMixin) and label not in SNIPPET_WORKFLOWS:
            expected[MODERATORS].add(_perm(label, "publish"))
    for name in ROLE_NAMES:
        assert {p for p in granted(name) if ".publish_" in p} == expected[name], name


def test_translators_change_exactly_the_translatable_snippets():
    """Translators change the snippets wagtail-localize translates, submit translations, and do
    nothing else globally (their page rights are on the Italian tree only, tested below)."""
    translatable = {
        _perm(_label(model), "change")
        for model in snippet_models()
        if issubclass(model, TranslatableMixin)
    }
    assert granted(TRANSLATORS) == {ACCESS_ADMIN, "wagtail_localize.submit_translation"} | (
        translatable
    )


def test_editors_and_moderators_change_every_snippet_moderators_approve():
    moderated = [label for label, flow in SNIPPET_WORKFLOWS.items() if flow == MODERATION_WORKFLOW]
    for name in (EDITORS, MODERATORS):
        assert {_perm(label, "change") for label in moderated} <= granted(name), name
    # Editors create the people and partners they write about; moderators only review them.
    assert {_perm(label, "add") for label in moderated} <= granted(EDITORS)
    assert not {p for p in granted(MODERATORS) if ".add_" in p}


@pytest.mark.parametrize("name", ROLE_NAMES)
def test_only_librarians_manage_references_and_nobody_else_deletes_content(name):
    references = {p for p in granted(name) if p.startswith("research.")}
    deletions = {p for p in granted(name) if ".delete_" in p}
    if name == RESEARCH_LIBRARIANS:
        actions = ("add", "change", "delete", "view")
        assert references == {f"research.{action}_reference" for action in actions}
        assert deletions == {"research.delete_reference"}
    else:
        assert references <= {"research.view_reference"}
        # Editors curate search promotions (site search), the one thing they may delete.
        assert {p.split(".")[0] for p in deletions} <= (
            {"wagtailsearchpromotions"} if name == EDITORS else set()
        )


@pytest.mark.parametrize(
    ("name", "model"),
    [
        (RESEARCH_LIBRARIANS, "research.reference"),
        (NEWSLETTER_SENDERS, "newsletter.*"),
        (NETWORK_COORDINATORS, "pages.member"),
    ],
)
def test_specialist_roles_hold_nothing_beyond_their_job(name, model):
    app_label, model_name = model.split(".")
    for permission in granted(name) - {ACCESS_ADMIN}:
        assert permission.startswith(f"{app_label}."), permission
        if model_name != "*":
            assert permission.endswith(f"_{model_name}"), permission


def test_page_and_collection_rights_per_role(home):
    assert page_permissions(EDITORS) == {(1, "add_page"), (1, "change_page")}
    assert page_permissions(MODERATORS) == {
        (1, "add_page"),
        (1, "change_page"),
        (1, "publish_page"),
        (1, "lock_page"),
        (1, "unlock_page"),
    }
    for name in (RESEARCH_LIBRARIANS, NEWSLETTER_SENDERS, NETWORK_COORDINATORS):
        assert page_permissions(name) == set()
        assert not GroupCollectionPermission.objects.filter(group__name=name).exists()
    editors_media = set(
        GroupCollectionPermission.objects.filter(group__name=EDITORS).values_list(
            "permission__codename", flat=True
        )
    )
    assert editors_media == {
        "add_image",
        "change_image",
        "choose_image",
        "add_document",
        "change_document",
        "choose_document",
    }


def test_only_newsletter_senders_may_send():
    send = Permission.objects.get(codename="send_newsletter", content_type__app_label="newsletter")
    assert list(send.group_set.values_list("name", flat=True)) == [NEWSLETTER_SENDERS]


def test_translators_get_the_italian_tree_only(home, home_it):
    rows = GroupPagePermission.objects.filter(group__name=TRANSLATORS)
    assert set(rows.values_list("page_id", "permission__codename")) == {(home_it.pk, "change_page")}


def test_sync_command_puts_a_widened_group_back(home):
    editors = Group.objects.get(name=EDITORS)
    assert "wagtailcore.publish_page" not in group_permissions(EDITORS)
    editors.permissions.add(Permission.objects.get(codename="publish_page"))
    GroupPagePermission.objects.create(
        group=editors, page=Page.get_first_root_node(), permission_type="publish"
    )
    before = group_permissions(EDITORS) - {"wagtailcore.publish_page"}
    call_command("sync_editor_roles", stdout=io.StringIO())
    assert group_permissions(EDITORS) == before
    assert page_permissions(EDITORS) == {(1, "add_page"), (1, "change_page")}


# --- what each role can and cannot do in the admin --------------------------------------------


def edit_post_data(page, **extra):
    data = {"title": page.title, "slug": page.slug, "body-count": "0", **extra}
    return data


def test_editor_saves_a_draft_but_cannot_publish(staff_client, about_page):
    client = staff_client(EDITORS)
    url = reverse("wagtailadmin_pages:edit", args=[about_page.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, edit_post_data(about_page, title="About us (new)", **{"action-publish": "1"})
    )
    assert response.status_code == 302
    about_page.refresh_from_db()
    assert about_page.title == "About us"  # the live title did not change
    assert about_page.has_unpublished_changes
    assert about_page.get_latest_revision_as_object().title == "About us (new)"


def test_moderator_publishes(staff_client, about_page):
    client = staff_client(MODERATORS)
    url = reverse("wagtailadmin_pages:edit", args=[about_page.pk])
    response = client.post(
        url, edit_post_data(about_page, title="About the movement", **{"action-publish": "1"})
    )
    assert response.status_code == 302
    about_page.refresh_from_db()
    assert about_page.title == "About the movement"
    assert not about_page.has_unpublished_changes


@pytest.mark.parametrize("role", [RESEARCH_LIBRARIANS, NEWSLETTER_SENDERS, NETWORK_COORDINATORS])
def test_non_page_roles_cannot_edit_pages(staff_client, about_page, role):
    client = staff_client(role)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[about_page.pk]))
    assert response.status_code in (302, 403)
    assert response.status_code == 403 or "/admin/" in response["Location"]
    about_page.refresh_from_db()
    assert about_page.title == "About us"


def test_translator_edits_the_italian_page_not_the_english_one(staff_client, chi_siamo, about_page):
    client = staff_client(TRANSLATORS)
    english = client.get(reverse("wagtailadmin_pages:edit", args=[about_page.pk]))
    assert english.status_code in (302, 403)
    italian = client.get(reverse("wagtailadmin_pages:edit", args=[chi_siamo.pk]))
    assert italian.status_code == 200


def test_translator_cannot_publish_the_italian_page(staff_client, chi_siamo):
    client = staff_client(TRANSLATORS)
    url = reverse("wagtailadmin_pages:edit", args=[chi_siamo.pk])
    client.post(
        url, edit_post_data(chi_siamo, title="Chi siamo davvero", **{"action-publish": "1"})
    )
    chi_siamo.refresh_from_db()
    assert chi_siamo.title == "Chi siamo"


def test_translator_is_sent_away_from_english_snippets(staff_client, locales):
    person_model = apps.get_model("people", "Person")
    english = person_model.objects.create(display_name="Ada", slug="ada", locale=locales["en"])
    italian = english.copy_for_translation(locales["it"])
    italian.save()
    client = staff_client(TRANSLATORS)
    viewset = person_model.snippet_viewset  # type: ignore[attr-defined]  # set by register_snippet
    response = client.get(reverse(viewset.get_url_name("edit"), args=[english.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse(viewset.get_url_name("list"))
    assert client.get(reverse(viewset.get_url_name("edit"), args=[italian.pk])).status_code == 200
    # An editor is not affected by the translators' limit.
    editor = staff_client(EDITORS)
    assert editor.get(reverse(viewset.get_url_name("edit"), args=[english.pk])).status_code == 200


def apply_to_join(client, network_url: str, name: str = "Scuola Rodari") -> Member:
    """Send the public join form as a visitor would; returns the stored application."""
    data = {
        "name": name,
        "kind": "school",
        "country": "IT",
        "contact_name": "Anna Rossi",
        "contact_email": "anna@example.org",
        "consent": "on",
    }
    assert client.post(network_url + "join/", data).status_code == 302
    return Member.objects.get(name=name)


@pytest.fixture
def network_page(home):
    from pages.models import NetworkPage

    return publish_child(home, NetworkPage(title="Network", slug="network"))


def test_network_coordinator_approves_an_application(client, staff_client, network_page):
    from wagtail.models import TaskState

    member = apply_to_join(client, network_page.url)
    assert not member.live and member.status == "pending"
    state = TaskState.objects.get(
        workflow_state__object_id=str(member.pk), status=TaskState.STATUS_IN_PROGRESS
    )
    viewset = Member.snippet_viewset  # type: ignore[attr-defined]  # set by register_snippet
    edit_url = reverse(viewset.get_url_name("edit"), args=[member.pk])
    action_url = reverse(
        viewset.get_url_name("workflow_action"), args=[member.pk, "approve", state.pk]
    )
    # An editor may look at members but not decide on them.
    editor = staff_client(EDITORS)
    assert editor.get(edit_url).status_code in (302, 403)
    editor.post(action_url, {"comment": ""})
    member.refresh_from_db()
    assert not member.live

    coordinator = staff_client(NETWORK_COORDINATORS)
    assert coordinator.get(edit_url).status_code == 200
    response = coordinator.post(action_url, {"comment": "Welcome!"})
    assert response.status_code == 302, response.content.decode()[:2000]
    member.refresh_from_db()
    assert member.live and member.status == "approved"
    # The approval is in the audit log, with who made it and the comment.
    entry = ModelLogEntry.objects.get(object_id=str(member.pk), action="wagtail.workflow.approve")
    assert entry.user.groups.filter(name=NETWORK_COORDINATORS).exists()
    assert entry.data["comment"] == "Welcome!"
    assert ModelLogEntry.objects.filter(object_id=str(member.pk), action="wagtail.publish").exists()


def test_research_librarian_reaches_the_references_but_an_editor_cannot_add(staff_client):
    reference_model = apps.get_model("research", "Reference")
    viewset = reference_model.snippet_viewset  # type: ignore[attr-defined]  # set by register_snippet
    add_url = reverse(viewset.get_url_name("add"))
    assert staff_client(RESEARCH_LIBRARIANS).get(add_url).status_code == 200
    assert staff_client(EDITORS).get(add_url).status_code in (302, 403)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [(NEWSLETTER_SENDERS, True), (EDITORS, False), (MODERATORS, False), (TRANSLATORS, False)],
)
def test_only_senders_hold_the_send_permission(make_staff, role, allowed):
    assert make_staff(role).has_perm("newsletter.send_newsletter") is allowed


def test_every_role_reaches_the_dashboard(staff_client):
    for role in ROLE_NAMES:
        assert staff_client(role).get(reverse("wagtailadmin_home")).status_code == 200


@pytest.fixture
def issue(home) -> NewsletterIssuePage:
    index = publish_child(home, NewsletterIndexPage(title="Newsletter", slug="newsletter"))
    return publish_child(index, NewsletterIssuePage(title="Spring issue", slug="spring"))


def test_newsletter_sender_reaches_the_send_view_and_an_editor_does_not(staff_client, issue):
    url = reverse("newsletter_admin:create_send", args=[issue.pk])
    assert staff_client(NEWSLETTER_SENDERS).get(url).status_code == 200
    for role in (EDITORS, MODERATORS, TRANSLATORS):
        refused = staff_client(role).get(url)
        assert refused.status_code in (302, 403)
        assert refused.status_code == 403 or refused["Location"] == reverse("wagtailadmin_home")


def test_newsletter_senders_rights_stop_at_the_newsletter_section(issue):
    rows = GroupPagePermission.objects.filter(group__name=NEWSLETTER_SENDERS)
    assert set(rows.values_list("page__slug", "permission__codename")) == {
        ("newsletter", "change_page")
    }


def test_newsletter_sender_cannot_publish_an_issue(make_staff, issue):
    from .conftest import signed_in

    sender = make_staff(NEWSLETTER_SENDERS)
    rights = issue.permissions_for_user(sender)
    assert rights.can_edit() and not rights.can_publish()
    url = reverse("wagtailadmin_pages:edit", args=[issue.pk])
    signed_in(sender).post(url, edit_post_data(issue, title="Changed", **{"action-publish": "1"}))
    issue.refresh_from_db()
    assert issue.title == "Spring issue"
