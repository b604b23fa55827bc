"""The demo text files: each app's ``demo.yaml`` loads, and each translated text has its Italian.

A translator edits these files by hand; a missing Italian text or a paragraph lost in translation
must fail here, not leave an English segment on the Italian site.
"""

import pytest
from django.apps import apps
from django.utils.module_loading import module_has_submodule

from pages.demo.data import PARAGRAPH, demo_data, english, is_bilingual, segments, translations

APPS_WITH_DEMO = sorted(
    config.label for config in apps.get_app_configs() if module_has_submodule(config.module, "demo")
)


def _bilingual_texts(tree, path="") -> list[tuple[str, dict]]:
    if is_bilingual(tree):
        return [(path, tree)]
    if isinstance(tree, dict):
        return [
            hit for key, value in tree.items() for hit in _bilingual_texts(value, f"{path}.{key}")
        ]
    if isinstance(tree, list):
        return [
            hit for i, value in enumerate(tree) for hit in _bilingual_texts(value, f"{path}[{i}]")
        ]
    return []


def test_every_app_with_a_demo_has_its_text_file():
    assert APPS_WITH_DEMO == ["newsletter", "pages", "people", "projects", "research"]


@pytest.mark.parametrize("label", APPS_WITH_DEMO)
def test_every_translated_text_has_its_italian_with_the_same_paragraphs(label):
    texts = _bilingual_texts(demo_data(label))
    assert texts, f"{label}/demo.yaml has no translated text"
    for path, text in texts:
        assert text.get("it", "").strip(), f"{label}/demo.yaml{path}: no Italian text"
        assert len(PARAGRAPH.findall(text["en"])) == len(PARAGRAPH.findall(text["it"])), path


def test_english_and_translations_split_a_tree_side_by_side():
    tree = {
        "slug": {"en": "about", "it": "il-movimento"},
        "body": [
            {
                "type": "paragraph",
                "value": {"en": "<p>One</p><p>Two</p>", "it": "<p>Uno</p><p>Due</p>"},
            },
            {"type": "divider", "value": None},
        ],
        "name": "Daniel Lumera",
    }
    assert english(tree) == {
        "slug": "about",
        "body": [
            {"type": "paragraph", "value": "<p>One</p><p>Two</p>"},
            {"type": "divider", "value": None},
        ],
        "name": "Daniel Lumera",
    }
    # Rich text is translated paragraph by paragraph (wagtail-localize's segments); plain strings
    # (names) are not translated at all.
    assert translations(tree) == {"about": "il-movimento", "One": "Uno", "Two": "Due"}


def test_a_translation_that_lost_a_paragraph_is_refused():
    with pytest.raises(ValueError, match="2 paragraph"):
        segments("<p>One</p><p>Two</p>", "<p>Uno e due</p>")
