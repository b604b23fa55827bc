"""Moderation of the public snippets: people, team groups and partner organisations go through
"Moderators approval"; network members (join applications) through the new "Network
coordinators approval". Groups gain the publish and lock rights those approvals need (added,
nothing taken away: see ``roles.add_declared_permissions``).
"""

from django.db import migrations

from kindness_site.editors.roles import add_declared_permissions
from kindness_site.editors.workflows import apply_moderation_workflow


def forwards(apps, schema_editor):
    add_declared_permissions(apps, schema_editor)
    apply_moderation_workflow(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("kindness_site", "0001_editor_roles"),
        ("pages", "0005_member_moderation"),
        ("people", "0002_person_group_moderation"),
        ("projects", "0002_organisation_moderation"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]
