"""``{% shaped_picture image shape attr=value ... %}``: Wagtail's ``{% picture %}`` for a shape.

Wagtail's tag takes its filter specs as literal text in the template; here they come from
``pages.pictures``, the list that the renditions made ahead of time and the listings' prefetch
read too, so the three cannot drift apart.
"""

from __future__ import annotations

from typing import Any

from django import template
from wagtail.images.models import Filter, Picture
from wagtail.images.shortcuts import get_renditions_or_not_found

from pages.pictures import shape_named

register = template.Library()


@register.simple_tag
def shaped_picture(image: Any, shape: str = "natural", **attrs: Any) -> Picture | str:
    """A ``<picture>`` with AVIF, WebP and JPEG sources at the shape's widths; the fallback
    ``<img>`` carries width and height (no layout shift) and ``attrs`` (empty ones left out,
    except ``alt``: an empty alt marks a decorative picture)."""
    if not image:
        return ""
    filters = [Filter(spec) for spec in shape_named(shape).specs]
    renditions = get_renditions_or_not_found(image, filters)
    kept = {k: v for k, v in attrs.items() if v is not None and (v != "" or k == "alt")}
    return Picture(renditions, kept)
