"""Placeholder pictures drawn locally with Pillow: initials (or a short word) on a colour.

The demo must not download or invent photographs of real people, so profiles get a neutral
portrait that says so in its alternative text. Images are found again by title, so a second run
of the demo creates nothing.
"""

from __future__ import annotations

import io

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage
from wagtail.models import Collection

PALETTE = ["#b4235a", "#1e5fa8", "#2f6f3e", "#8a5a00", "#6b3fa0", "#0f6b6b"]


def initials(name: str) -> str:
    """ "Immaculata De Vivo" -> "IV"; "IKM Director" -> "ID"; one word -> its first letter."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isalpha()]
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


# 4:5, a portrait photo's proportions: the site crops people's photos to it (pages.pictures).
PORTRAIT = (640, 800)


def draw_placeholder(text: str, colour: str, size: tuple[int, int] = PORTRAIT) -> bytes:
    """A PNG of ``text`` in white, centred on ``colour`` (contrast ≥ 4.5:1 for the palette),
    small enough to stay readable when the site crops the portrait to a circle."""
    picture = PillowImage.new("RGB", size, colour)
    draw = ImageDraw.Draw(picture)
    font = ImageFont.load_default(size=min(size) // 4)
    box = draw.textbbox((0, 0), text, font=font)
    x = (size[0] - (box[2] - box[0])) / 2 - box[0]
    y = (size[1] - (box[3] - box[1])) / 2 - box[1]
    draw.text((x, y), text, fill="#ffffff", font=font)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return buffer.getvalue()


def placeholder_image(
    title: str, text: str, colour: str, size: tuple[int, int] = PORTRAIT
) -> tuple[AbstractImage, bool]:
    """The Wagtail image called ``title``, drawn on first use."""
    model = get_image_model()
    existing = model.objects.filter(title=title).first()
    if existing is not None:
        return existing, False
    data = draw_placeholder(text, colour, size)
    filename = "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-")[:80]
    image = model(
        title=title,
        collection=Collection.get_first_root_node(),
        file=ImageFile(io.BytesIO(data), name=f"{filename}.png"),
    )
    image.save()
    return image, True
