"""Staff roles as data: one declaration per group, applied by a migration and by a command.

Why declarations rather than hand-made groups: every environment gets the same roles, a test can
compare a group with its declaration, and ``manage.py sync_editor_roles`` can put a group back to
exactly what its name promises after someone has widened it by hand or after an app has added a
permission. :func:`apply_roles` takes an app registry so the migration can run it on historical
models (``apps`` from the migration) and the command on the real ones (``django.apps.apps``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

EDITORS = "Editors"
MODERATORS = "Moderators"
TRANSLATORS = "Translators"
RESEARCH_LIBRARIANS = "Research librarians"
NEWSLETTER_SENDERS = "Newsletter senders"
NETWORK_COORDINATORS = "Network coordinators"

ACCESS_ADMIN = "wagtailadmin.access_admin"

# The name of the workflow every public page and publicly shown snippet goes through.
MODERATION_WORKFLOW = "Moderators approval"
MODERATION_TASK = "Moderators approval"
# Join applications (network members) are approved by the Network coordinators instead.
NETWORK_WORKFLOW = "Network coordinators approval"
NETWORK_TASK = "Network coordinators approval"


@dataclass(frozen=True)
class Role:
    """What one group may do.

    ``permissions`` are global Django permissions (``app_label.codename``); ``optional`` ones are
    granted only when the app defines them (an app may add e.g. an import permission later).
    ``page_permissions`` apply to the whole page tree (granted on the tree root, so they cover
    every language); ``collection_permissions`` apply to every image and document collection.
    """

    name: str
    permissions: tuple[str, ...]
    page_permissions: tuple[str, ...] = ()
    collection_permissions: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()


# Snippets that are translated with wagtail-localize (their Italian copies are what translators
# edit). Wagtail's snippet permissions are per model, not per locale: see ``translators.py`` for
# how editing the English originals is refused to translators.
TRANSLATABLE_SNIPPETS = (
    "people.person",
    "people.persongroup",
    "projects.organisation",
    "pages.area",
    "pages.menu",
)


def _change_permission(model_label: str) -> str:
    """``"people.person"`` → ``"people.change_person"``."""
    app_label, model_name = model_label.split(".")
    return f"{app_label}.change_{model_name}"


ROLES: tuple[Role, ...] = (
    Role(
        name=EDITORS,
        permissions=(
            ACCESS_ADMIN,
            "people.add_person",
            "people.change_person",
            "people.add_persongroup",
            "people.change_persongroup",
            "projects.add_organisation",
            "projects.change_organisation",
            "pages.change_menu",
            # Editors cite references and link members but do not manage them.
            "research.view_reference",
            "pages.view_member",
            "wagtailsearchpromotions.add_searchpromotion",
            "wagtailsearchpromotions.change_searchpromotion",
            "wagtailsearchpromotions.delete_searchpromotion",
        ),
        page_permissions=("add", "change"),
        collection_permissions=(
            "wagtailimages.add_image",
            "wagtailimages.change_image",
            "wagtailimages.choose_image",
            "wagtaildocs.add_document",
            "wagtaildocs.change_document",
            "wagtaildocs.choose_document",
        ),
    ),
    Role(
        name=MODERATORS,
        permissions=(
            ACCESS_ADMIN,
            # Approving a step of the workflow publishes, so approvers need publish rights on
            # every snippet the "Moderators approval" workflow covers (see workflows.py).
            "people.change_person",
            "people.publish_person",
            "people.lock_person",
            "people.unlock_person",
            "people.change_persongroup",
            "people.publish_persongroup",
            "people.lock_persongroup",
            "people.unlock_persongroup",
            "projects.change_organisation",
            "projects.publish_organisation",
            "projects.lock_organisation",
            "projects.unlock_organisation",
            "pages.change_menu",
            "pages.publish_menu",
            "research.view_reference",
        ),
        page_permissions=("add", "change", "publish", "lock", "unlock"),
        collection_permissions=(
            "wagtailimages.change_image",
            "wagtailimages.choose_image",
            "wagtaildocs.change_document",
            "wagtaildocs.choose_document",
        ),
    ),
    Role(
        name=TRANSLATORS,
        permissions=(
            ACCESS_ADMIN,
            "wagtail_localize.submit_translation",
            *(_change_permission(snippet) for snippet in TRANSLATABLE_SNIPPETS),
        ),
        # Page rights on the Italian tree only: granted per locale root (grant_scoped_page_rights).
    ),
    Role(
        name=RESEARCH_LIBRARIANS,
        permissions=(
            ACCESS_ADMIN,
            "research.add_reference",
            "research.change_reference",
            "research.delete_reference",
            "research.view_reference",
        ),
        optional=("research.import_references", "research.import_reference"),
    ),
    Role(
        name=NEWSLETTER_SENDERS,
        permissions=(ACCESS_ADMIN, "newsletter.send_newsletter", "newsletter.view_send"),
        # Plus edit rights on the newsletter section only (SECTION_PAGE_RIGHTS).
    ),
    Role(
        name=NETWORK_COORDINATORS,
        # Approving an application publishes the member (the "Network coordinators approval"
        # workflow), hence the publish right; unpublishing takes a member off the site.
        permissions=(
            ACCESS_ADMIN,
            "pages.view_member",
            "pages.change_member",
            "pages.publish_member",
            "pages.lock_member",
            "pages.unlock_member",
        ),
    ),
)

ROLES_BY_NAME = {role.name: role for role in ROLES}


def ensure_permission_rows(apps: Any) -> None:
    """Create missing content types and permissions (Django only does it after ``migrate``).

    A data migration on a fresh database runs before ``post_migrate`` has created any
    permission, so the rows it needs are made here, exactly as ``post_migrate`` would.
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        original = getattr(app_config, "models_module", None)
        app_config.models_module = original or True
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = original
    # Wagtail adds publish/lock permissions for draftable snippets after migrate, from the real
    # models (the historical ones do not carry the mixins); make them now for the same reason.
    from django.apps import apps as global_apps
    from wagtail.snippets.models import create_extra_permissions

    create_extra_permissions(global_apps.get_app_config("wagtailsnippets"))


def _permission(apps: Any, dotted: str) -> Any | None:
    Permission = apps.get_model("auth", "Permission")
    app_label, codename = dotted.split(".", 1)
    return (
        Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        .order_by("pk")
        .first()
    )


def role_permissions(apps: Any, role: Role) -> list[Any]:
    """The Permission rows of a role; a missing required one is an error, not a silent gap."""
    found = []
    for dotted in role.permissions:
        permission = _permission(apps, dotted)
        if permission is None:
            raise LookupError(f"Role {role.name!r} needs permission {dotted!r}, which is missing.")
        found.append(permission)
    found.extend(p for p in (_permission(apps, d) for d in role.optional) if p is not None)
    return found


def grant_optional_permissions(apps: Any) -> None:
    """Add optional permissions that an app has defined since the roles were set (additive only,
    so a deliberate change made by an administrator is never undone by a deploy)."""
    Group = apps.get_model("auth", "Group")
    for role in ROLES:
        group = Group.objects.filter(name=role.name).first()
        found = [p for p in (_permission(apps, d) for d in role.optional) if p is not None]
        if group is not None and found:
            group.permissions.add(*found)


def add_declared_permissions(apps: Any, schema_editor: Any = None) -> None:
    """Give every existing group the permissions its declaration has gained (additive only).

    For data migrations that follow a declaration change on a database whose groups already
    exist: unlike :func:`apply_roles`, nothing an administrator added by hand is taken away.
    """
    ensure_permission_rows(apps)
    Group = apps.get_model("auth", "Group")
    for role in ROLES:
        group = Group.objects.filter(name=role.name).first()
        if group is not None:
            group.permissions.add(*role_permissions(apps, role))


def apply_roles(apps: Any, schema_editor: Any = None) -> None:
    """Create or reset every group to its declaration (global, page and collection rights)."""
    ensure_permission_rows(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")

    tree_root = Page.objects.filter(depth=1).order_by("path").first()
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()

    for role in ROLES:
        group, _created = Group.objects.get_or_create(name=role.name)
        group.permissions.set(role_permissions(apps, role))
        GroupPagePermission.objects.filter(group=group).delete()
        GroupCollectionPermission.objects.filter(group=group).delete()
        if tree_root is not None:
            for kind in role.page_permissions:
                GroupPagePermission.objects.create(
                    group=group,
                    page=tree_root,
                    permission=Permission.objects.get(
                        content_type__app_label="wagtailcore", codename=f"{kind}_page"
                    ),
                )
        if root_collection is not None:
            for dotted in role.collection_permissions:
                GroupCollectionPermission.objects.create(
                    group=group, collection=root_collection, permission=_permission(apps, dotted)
                )
    grant_scoped_page_rights(apps)


# Page rights limited to one section of the tree, granted on the section's own page(s) whenever
# one exists (they are made by editors or the demo loader, after the migration): senders preview
# and test issues through the newsletter's admin views, which ask for edit rights on the issue.
SECTION_PAGE_RIGHTS: dict[str, tuple[str, tuple[str, ...]]] = {
    NEWSLETTER_SENDERS: ("newsletter.newsletterindexpage", ("change",)),
}


def grant_scoped_page_rights(apps: Any) -> int:
    """Translators on every non-source locale root, section roles on their section pages.

    Returns how many rights were new. Safe to call any number of times.
    """
    from django.conf import settings

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")

    def page_permission(kind: str) -> Any:
        return Permission.objects.get(
            content_type__app_label="wagtailcore", codename=f"{kind}_page"
        )

    grants: list[tuple[Any, Any, Any]] = []
    translators = Group.objects.filter(name=TRANSLATORS).first()
    if translators is not None:
        roots = Page.objects.filter(depth=2).exclude(locale__language_code=settings.LANGUAGE_CODE)
        grants += [(translators, page, page_permission("change")) for page in roots]
    for group_name, (model_label, kinds) in SECTION_PAGE_RIGHTS.items():
        group = Group.objects.filter(name=group_name).first()
        app_label, model_name = model_label.split(".")
        content_type = ContentType.objects.filter(app_label=app_label, model=model_name).first()
        if group is None or content_type is None:
            continue
        for page in Page.objects.filter(content_type=content_type):
            grants += [(group, page, page_permission(kind)) for kind in kinds]
    created = 0
    for group, page, permission in grants:
        _row, new = GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=permission
        )
        created += int(new)
    return created
