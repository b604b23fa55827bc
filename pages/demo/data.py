"""Read an app's demo text from ``<app>/demo.yaml`` and split it into English values and Italian.

The demo text is data, not code: one YAML file per app holds every text in both languages side
by side, so a translator or editor changes the demo without reading Python. Wherever a text is
translated, the file gives it as a small mapping of language code to text::

    title: {en: Research library, it: Biblioteca della ricerca}

``english(tree)`` replaces each such mapping with its English text (what the builders store on the
English page or snippet); ``translations(tree)`` collects ``{English segment: Italian segment}``,
the form ``DemoContext.translate`` fills wagtail-localize's PO file with. Rich text is written
as HTML in both languages; wagtail-localize translates it paragraph by paragraph, so
``<p>A</p><p>B</p>`` yields the segments ``A`` and ``B`` (both languages must have the same number
of paragraphs). A plain string is not translated (names, identifiers, URLs).

YAML rather than TOML: its folded block scalars (``>-``) let long prose wrap at the line length
with no quoting or escape rules for apostrophes, colons and typographic quotes, and StreamField
bodies read as the nested lists Wagtail stores.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.apps import apps

SOURCE_LANGUAGE = "en"
PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def demo_data(app_label: str) -> dict[str, Any]:
    """The parsed ``demo.yaml`` of an installed app (safe loader: plain data, no Python objects).

    Read once per process and shared by the builders, which treat it as read-only.
    """
    path = Path(apps.get_app_config(app_label).path) / "demo.yaml"
    with path.open(encoding="utf-8") as stream:
        return yaml.load(stream, Loader=_Loader)  # a safe loader (C or pure Python)


def is_bilingual(value: Any) -> bool:
    """A ``{en: ..., it: ...}`` mapping: a translated text."""
    return (
        isinstance(value, dict)
        and SOURCE_LANGUAGE in value
        and all(isinstance(key, str) and len(key) == 2 for key in value)
        and all(isinstance(text, str) for text in value.values())
    )


def english(tree: Any) -> Any:
    """``tree`` with every translated text replaced by its English version."""
    if is_bilingual(tree):
        return tree[SOURCE_LANGUAGE]
    if isinstance(tree, dict):
        return {key: english(value) for key, value in tree.items()}
    if isinstance(tree, list):
        return [english(value) for value in tree]
    return tree


def translations(tree: Any, language: str = "it") -> dict[str, str]:
    """``{English segment: translated segment}`` for every translated text in ``tree``."""
    found: dict[str, str] = {}
    _collect(tree, language, found)
    return found


def _collect(tree: Any, language: str, found: dict[str, str]) -> None:
    if is_bilingual(tree):
        if language in tree:
            found.update(segments(tree[SOURCE_LANGUAGE], tree[language]))
        return
    children = tree.values() if isinstance(tree, dict) else tree if isinstance(tree, list) else ()
    for child in children:
        _collect(child, language, found)


def segments(source: str, target: str) -> dict[str, str]:
    """Pair a text with its translation, paragraph by paragraph when it is rich text."""
    source_paragraphs = PARAGRAPH.findall(source)
    if not source_paragraphs:
        return {source: target}
    target_paragraphs = PARAGRAPH.findall(target)
    if len(source_paragraphs) != len(target_paragraphs):
        raise ValueError(
            f"{len(source_paragraphs)} paragraph(s) in {source[:60]!r} but "
            f"{len(target_paragraphs)} in its translation {target[:60]!r}"
        )
    return dict(zip(source_paragraphs, target_paragraphs, strict=True))
