"""Links to pages that land in the visitor's language.

An editor chooses a page once (in a rich-text link, a page chooser block, a menu or a page
field) and usually chooses it in the language they were editing, often English; wagtail-localize
copies that choice into the Italian translation unchanged. So every link to a page is resolved
when it is rendered: to the live translation in the active language when there is one, else to
the chosen page itself, marked as being in another language (``hreflang``, ``lang`` and a visible,
translated marker). An editor therefore cannot send a visitor across languages by mistake, and
the language switcher and hreflang alternates stay the only deliberate cross-language links.

Resolution is cheap: links are cached per language and page tree version (every publish, move or
unpublish bumps it, so a link is never stale), read with one ``get_many``, and whatever is missing
is resolved for the whole batch in one query over ``translation_key``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import Q
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import cache_generation
from .queries import CACHE_SECONDS

# How a link to a page in another language says so, in the language of the page showing it.
LANGUAGE_MARKERS = {"en": _("in English"), "it": _("in Italian")}


@dataclass(frozen=True)
class PageLink:
    """What a template needs to link to a page: small, so it can be cached."""

    pk: int
    url: str
    title: str
    description: str
    language: str  # the language of the page linked to
    requested_language: str  # the language the link was resolved for

    @property
    def is_other_language(self) -> bool:
        """True when no translation in the visitor's language exists (the link says so)."""
        return self.language != self.requested_language

    @property
    def language_marker(self) -> str:
        """``in English`` / ``in inglese``: shown after the link text."""
        return str(LANGUAGE_MARKERS.get(self.language, self.language))


def _current_language() -> str:
    return (get_language() or "en").split("-")[0]


def _key(version: int, language: str, pk: int) -> str:
    return f"pages:link:{version}:{language}:{pk}"


def localized_links(
    page_ids: Iterable[int | str | None], language: str | None = None
) -> dict[int, PageLink]:
    """``{page_id: PageLink}`` for the live pages among ``page_ids``, each resolved to its
    translation in ``language`` (default: the active one) when that is live.

    Pages that are neither live nor translated are left out, so a link to an unpublished page
    disappears instead of leading to a 404.
    """
    language = language or _current_language()
    ids = {int(pk) for pk in page_ids if pk is not None and str(pk).isdigit()}
    if not ids:
        return {}
    version = cache_generation.current()
    keys = {_key(version, language, pk): pk for pk in ids}
    found = cache.get_many(list(keys))
    links: dict[int, PageLink] = {}
    for key, box in found.items():
        if box[0] is not None:
            links[keys[key]] = box[0]
    missing = ids - {keys[key] for key in found}
    if missing:
        resolved = _resolve(missing, language)
        cache.set_many(
            {_key(version, language, pk): (resolved.get(pk),) for pk in missing}, CACHE_SECONDS
        )
        links.update(resolved)
    return links


def _resolve(ids: set[int], language: str) -> dict[int, PageLink]:
    """The chosen pages and all their translations in one query, then the best one for each."""
    from wagtail.models import Page

    from .queries import view_restricted

    chosen_keys = Page.objects.filter(pk__in=ids).values("translation_key")
    rows = list(
        Page.objects.filter(Q(pk__in=ids) | Q(translation_key__in=chosen_keys))
        .annotate_site_root_state()
        .annotate(restricted=view_restricted())
        .select_related("locale")
        .only(
            "title",
            "url_path",
            "translation_key",
            "live",
            "search_description",
            "depth",
            "path",
            "locale__language_code",
        )
    )
    public = {row.pk for row in rows if row.live and not row.restricted}
    by_key: dict[Any, list[Any]] = {}
    for row in rows:
        by_key.setdefault(row.translation_key, []).append(row)
    by_pk = {row.pk: row for row in rows}
    links: dict[int, PageLink] = {}
    for pk in ids:
        chosen = by_pk.get(pk)
        if chosen is None:
            continue
        candidates = [row for row in by_key[chosen.translation_key] if row.pk in public]
        best = next((r for r in candidates if r.locale.language_code == language), None)
        if best is None and chosen.pk in public:
            best = chosen
        if best is None or not best.url:
            continue
        links[pk] = PageLink(
            pk=best.pk,
            url=best.url,
            title=best.title,
            description=best.search_description,
            language=best.locale.language_code,
            requested_language=language,
        )
    return links


PAGE_LINK = re.compile(r"<a[^>]*\blinktype=\"page\"[^>]*\bid=\"(\d+)\"")


def page_link_ids(instance: Any) -> set[int]:
    """The ids of the pages linked from ``instance``'s rich text and StreamFields.

    Read from the stored data, without converting any block: a block in a cached fragment may
    never be rendered, and converting it would cost the queries the fragment saves.
    """
    from wagtail.fields import RichTextField, StreamField

    ids: set[int] = set()
    for field in instance._meta.concrete_fields:
        if isinstance(field, RichTextField):
            ids.update(int(pk) for pk in PAGE_LINK.findall(field.value_from_object(instance) or ""))
        elif isinstance(field, StreamField):
            value = field.value_from_object(instance)
            raw = list(getattr(value, "raw_data", None) or [])
            _walk(field.stream_block, raw, ids)
    return ids


def _walk(block: Any, raw: Any, ids: set[int]) -> None:
    """Collect page ids from ``raw`` (the stored form of ``block``'s value)."""
    from wagtail import blocks

    if raw in (None, "", [], {}):
        return
    if isinstance(block, blocks.PageChooserBlock):
        if str(raw).isdigit():
            ids.add(int(raw))
    elif isinstance(block, blocks.RichTextBlock):
        ids.update(int(pk) for pk in PAGE_LINK.findall(str(raw)))
    elif isinstance(block, blocks.StreamBlock):
        for child in raw:
            if isinstance(child, dict) and child.get("type") in block.child_blocks:
                _walk(block.child_blocks[child["type"]], child.get("value"), ids)
    elif isinstance(block, blocks.ListBlock):
        for item in raw:
            _walk(block.child_block, item.get("value") if isinstance(item, dict) else item, ids)
    elif isinstance(block, blocks.StructBlock) and isinstance(raw, dict):
        for name, child in block.child_blocks.items():
            _walk(child, raw.get(name), ids)


def link_attributes(link: PageLink) -> SafeString:
    """``href`` plus, for a page in another language, ``hreflang`` and ``lang``."""
    if not link.is_other_language:
        return format_html('href="{}"', link.url)
    return format_html('href="{}" hreflang="{}" lang="{}"', link.url, link.language, link.language)
