"""Full-text search per language on PostgreSQL (nothing happens on SQLite), and the stories'
translatable image description (``StoryPage.hero_alt``).

* ``unaccent`` and ``pg_trgm`` (Django's ``UnaccentExtension``/``TrigramExtension``, which skip
  other databases);
* ``kindness_unaccent(text)``: an IMMUTABLE wrapper of ``unaccent`` (usable in indexes);
* ``kindness_search_text(title, body)``: the indexed text, with every hyphenated compound
  repeated once joined (``well-being`` -> ``wellbeing``);
* ``kindness_en`` / ``kindness_it``: English and Italian stemming and stop words after
  ``unaccent``;
* a GIN index per language on the exact expression ``pages.search.postgres`` matches with.
"""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations, models

LANGUAGES = {"en": "english", "it": "italian"}

FUNCTIONS = r"""
CREATE OR REPLACE FUNCTION kindness_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
CREATE OR REPLACE FUNCTION kindness_search_text(title text, body text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    SELECT coalesce(title, '') || ' ' || coalesce(body, '') || ' ' || coalesce((
        SELECT string_agg(replace(m[1], '-', ''), ' ')
        FROM regexp_matches(coalesce(title, '') || ' ' || coalesce(body, ''),
                            '([[:alnum:]]+(?:-[[:alnum:]]+)+)', 'g') AS m
    ), '')
    $$;
"""

CONFIG = """
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'kindness_{code}') THEN
        CREATE TEXT SEARCH CONFIGURATION kindness_{code} (COPY = pg_catalog.{name});
    END IF;
END $$;
ALTER TEXT SEARCH CONFIGURATION kindness_{code}
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
    WITH unaccent, {name}_stem;
CREATE INDEX IF NOT EXISTS kindness_search_{code} ON wagtailsearch_indexentry USING gin (
    to_tsvector('kindness_{code}'::regconfig, kindness_search_text(title_text, body_text))
);
"""

REVERSE = """
DROP INDEX IF EXISTS kindness_search_en;
DROP INDEX IF EXISTS kindness_search_it;
DROP TEXT SEARCH CONFIGURATION IF EXISTS kindness_en;
DROP TEXT SEARCH CONFIGURATION IF EXISTS kindness_it;
DROP FUNCTION IF EXISTS kindness_search_text(text, text);
DROP FUNCTION IF EXISTS kindness_unaccent(text);
"""


def forwards(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTIONS)
    for code, name in LANGUAGES.items():
        schema_editor.execute(CONFIG.format(code=code, name=name))


def backwards(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REVERSE)


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0007_network_page_help"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunPython(forwards, backwards),
        migrations.AddField(
            model_name="storypage",
            name="hero_alt",
            field=models.CharField(
                blank=True,
                help_text=(
                    "Describe the image for people who cannot see it, in this page's language; "
                    "leave empty only if the image is decoration."
                ),
                max_length=250,
                verbose_name="main image alternative text",
            ),
        ),
    ]
