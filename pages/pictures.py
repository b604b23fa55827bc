"""The shapes a picture is shown in, and the renditions each shape needs.

One list for the three places that must agree, or a visitor waits for a resize (or a listing
pays a query per image): the picture partial asks for these renditions
(``kindness_site/templatetags/picture_tags.py``), ``kindness_site.images`` makes them ahead of
time, and ``pages.queries.prefetch_renditions`` finds them for a listing in one go.

Cropped shapes use Wagtail's ``fill`` with ``-c100``: the crop keeps the editor's focal point
in frame (art direction) and closes in on it as far as the shape allows. ``natural`` keeps the
picture's own proportions, for images in the body of a page and logos.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

FORMATS = ("avif", "webp", "jpeg")


@dataclass(frozen=True)
class Shape:
    """A picture's proportions (``None``: its own) and the widths its renditions come in."""

    name: str
    ratio: tuple[int, int] | None
    widths: tuple[int, ...]

    def resize(self, width: int) -> str:
        if self.ratio is None:
            return f"width-{width}"
        across, down = self.ratio
        return f"fill-{width}x{round(width * down / across)}-c100"

    @cached_property
    def specs(self) -> tuple[str, ...]:
        """Filter specs spelled as Wagtail's picture tag spells them (a rendition is found by
        its spec string, so ``width-480|format-avif`` would be another, never-used file)."""
        return tuple(f"format-{f}|{self.resize(w)}" for f in FORMATS for w in self.widths)

    def suits(self, width: int, height: int) -> bool:
        """Whether a source of this size is likely to be shown in this shape: made ahead only
        then (a portrait shape for a landscape photo would be made on first use instead)."""
        if self.ratio is None:
            return True
        return (self.ratio[0] >= self.ratio[1]) == (width >= height)


SHAPES = {
    shape.name: shape
    for shape in (
        Shape("natural", None, (480, 800, 1200, 1600)),
        # Cards and heroes beside text: a photo's usual 3:2.
        Shape("landscape", (3, 2), (480, 800, 1200)),
        # A hero across the page: 16:9, so it does not fill the screen.
        Shape("wide", (16, 9), (800, 1600)),
        # People: 4:5, a portrait photo's proportions.
        Shape("portrait", (4, 5), (320, 640)),
    )
}


def shape_named(name: str | None) -> Shape:
    """The shape called ``name`` (``natural`` when not given); a typo fails loudly."""
    try:
        return SHAPES[name or "natural"]
    except KeyError:
        raise ValueError(f"no picture shape {name!r}; known: {', '.join(SHAPES)}") from None


def specs_for(width: int, height: int) -> list[str]:
    """The specs worth making ahead for a source image of this size (see ``Shape.suits``)."""
    return [spec for shape in SHAPES.values() if shape.suits(width, height) for spec in shape.specs]
