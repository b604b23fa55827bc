"""Staff roles and the moderation workflow (declared in kindness_site/editors/roles.py).

Depends on the latest migration of every app whose permissions a role receives, so those
permissions exist (or can be created from the historical models) when this runs.
"""

from django.db import migrations

from kindness_site.editors.roles import apply_roles
from kindness_site.editors.workflows import apply_moderation_workflow


def forwards(apps, schema_editor):
    apply_roles(apps, schema_editor)
    apply_moderation_workflow(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("pages", "0004_networkpage_sectionpage_storyindexpage_storypage_and_more"),
        ("research", "0001_initial"),
        ("people", "0001_initial"),
        ("projects", "0001_initial"),
        ("newsletter", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]
