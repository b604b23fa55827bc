"""``{% publiccache %}``: cache a rendered part of a public page until published content changes.

    {% load fragment_cache %}
    {% publiccache "home-projects" page.pk LANGUAGE_CODE %} ... {% endpubliccache %}

Why not Django's ``{% cache %}``: its entries live for a fixed time, so a published change would
show late. These entries carry the content *generation* (see ``pages.cache_generation``) in their
key, and every change that can show on a public page bumps it, so a fragment is exactly
as fresh as a page-cache entry: never stale, and rendered again on the first request after a
change. A page-cache miss (a new URL, a filtered listing, a logged-in editor) then assembles the
page from cached parts instead of querying and rendering every card again. Under Redis each
process keeps its own copy of the fragments it used (``pages.local_copies``): no round trip each.

Never cached: previews (they show unsaved changes), and a fragment whose output holds a CSRF token
(a form must not be shared between visitors); either is rendered as if the tag were not there.
"""

from __future__ import annotations

import hashlib

from django import template
from django.conf import settings
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.template.context import Context
from django.utils.safestring import SafeString, mark_safe

from pages import cache_generation, local_copies

register = template.Library()

_CSRF_MARK = "csrfmiddlewaretoken"


def fragment_key(generation: int, name: str, vary_on: list[object]) -> str:
    """The cache key: the generation, the fragment's name and a digest of what it varies on."""
    digest = hashlib.sha256(repr(vary_on).encode()).hexdigest()[:32]
    return f"fragment:{generation}:{name}:{digest}"


class PublicCacheNode(template.Node):
    def __init__(
        self, nodelist: NodeList, name: FilterExpression, vary_on: list[FilterExpression]
    ) -> None:
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context: Context) -> SafeString:
        request = context.get("request")
        if (
            request is None
            or getattr(request, "is_preview", False)
            or not getattr(settings, "FRAGMENT_CACHE_ENABLED", True)
        ):
            return self.nodelist.render(context)
        name = str(self.name.resolve(context))
        vary_on = [expression.resolve(context) for expression in self.vary_on]
        generation = cache_generation.current()
        key = fragment_key(generation, name, vary_on)
        html: str | None = local_copies.read(key, generation)
        if html is None:
            html = self.nodelist.render(context)
            if _CSRF_MARK not in html:
                seconds = getattr(settings, "PAGE_CACHE_SECONDS", 600)
                local_copies.write(key, generation, str(html), seconds)
        return mark_safe(html)


@register.tag("publiccache")
def do_publiccache(parser: Parser, token: Token) -> PublicCacheNode:
    """``{% publiccache name [vary_on ...] %} ... {% endpubliccache %}``."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(
            f"'{bits[0]}' needs a fragment name, e.g. {{% {bits[0]} \"home-projects\" page.pk %}}"
        )
    nodelist = parser.parse(("endpubliccache",))
    parser.delete_first_token()
    return PublicCacheNode(
        nodelist,
        parser.compile_filter(bits[1]),
        [parser.compile_filter(bit) for bit in bits[2:]],
    )
