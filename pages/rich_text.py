"""The rich-text handler for page links: links land in the visitor's language (``pages.links``).

Kept apart from ``pages.links`` because Wagtail's handler module loads the page model at import,
which the models themselves cannot wait for.
"""

from typing import Any

from django.utils.html import escape
from wagtail.rich_text.pages import PageLinkHandler

from .links import link_attributes, localized_links


class LocalizedPageLinkHandler(PageLinkHandler):
    """Rich-text page links through ``localized_links``: one batch per text, no query at all
    once cached (Wagtail's own handler asks for ``page.localized`` one link at a time).

    A rich-text handler writes only the opening tag, so the marker of a link to another language
    is a translated ``data-language-marker`` that the style sheet shows after the link text.
    """

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict[str, Any]]) -> list[str]:
        links = localized_links(attrs.get("id") for attrs in attrs_list)
        tags = []
        for attrs in attrs_list:
            pk = str(attrs.get("id", ""))
            link = links.get(int(pk)) if pk.isdigit() else None
            if link is None:
                tags.append("<a>")
            elif link.is_other_language:
                tags.append(
                    f'<a {link_attributes(link)} class="link--other-language" '
                    f'data-language-marker="({escape(link.language_marker)})">'
                )
            else:
                tags.append(f"<a {link_attributes(link)}>")
        return tags
