"""Wagtail's content checker (userbar and the editor's "Checks" panel) with the site's rules.

Wagtail 8 already measures words, reading time and readability in the Checks side panel and
runs a short list of axe rules, including "empty meta description" and "alt text quality". The
site adds the rules that catch what editors most often get wrong in rich text and images, so
they see the problem while editing instead of hearing about it from a visitor.
"""

from __future__ import annotations

from typing import Any

from wagtail.admin.userbar import ContentCheckerItem

EXTRA_AXE_RULES = (
    "image-alt",
    "image-redundant-alt",
    "list",
    "listitem",
    "table-duplicate-name",
    "th-has-data-cells",
)


class SiteContentChecker(ContentCheckerItem):
    """Wagtail's checks plus :data:`EXTRA_AXE_RULES`, and alt text that looks like a file name."""

    axe_run_only = [*ContentCheckerItem.axe_run_only, *EXTRA_AXE_RULES]
    axe_custom_checks = [
        {
            "id": "check-image-alt-text",
            # Also flag alt text that starts with "image of" (the screen reader says it already).
            "options": {
                "pattern": "\\.(avif|gif|jpg|jpeg|png|svg|webp)$|_|^(image|picture|photo) of"
            },
        },
        {"id": "check-empty-meta-description"},
    ]


def use_site_content_checker(request: Any, items: list[Any], page: Any) -> None:
    """``construct_wagtail_userbar`` hook: swap Wagtail's checker for :class:`SiteContentChecker`.

    The editor's Checks panel builds its configuration through the same hook, so both places
    run the same rules.
    """
    for index, item in enumerate(items):
        if isinstance(item, ContentCheckerItem) and not isinstance(item, SiteContentChecker):
            items[index] = SiteContentChecker(in_editor=item.in_editor)
