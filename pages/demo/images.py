"""Demo images drawn locally with Pillow (no downloads): warm abstract compositions per area.

They come in the proportions of real photos (``LANDSCAPE`` 3:2 by default; people's placeholder
portraits are 4:5, ``people.placeholders``), so the crops the site makes of them
(``pages.pictures``) behave as they will with an editor's photo.
"""

from __future__ import annotations

import io
import random

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFilter
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage
from wagtail.models import Collection

from .context import DemoContext

PALETTES = {
    "rose": ((180, 35, 90), (253, 214, 226)),
    "sky": ((30, 95, 168), (210, 230, 250)),
    "leaf": ((47, 111, 62), (214, 238, 214)),
    "sun": ((176, 112, 0), (255, 236, 196)),
    "violet": ((107, 63, 160), (232, 220, 248)),
    "teal": ((15, 107, 107), (206, 238, 236)),
    "warm": ((196, 74, 60), (255, 228, 206)),
}


LANDSCAPE = (960, 640)  # 3:2, a camera's own proportions (small: every rendition of it is encoded)


def _draw(palette: str, seed: int, size: tuple[int, int] = LANDSCAPE) -> bytes:
    """A soft gradient with overlapping translucent circles; deterministic for a given seed."""
    strong, soft = PALETTES[palette]
    rng = random.Random(seed)
    width, height = size
    base = PILImage.new("RGB", size, soft)
    draw = ImageDraw.Draw(base)
    for y in range(height):
        t = y / height
        colour = tuple(int(soft[i] * (1 - t * 0.35) + strong[i] * t * 0.35) for i in range(3))
        draw.line([(0, y), (width, y)], fill=colour)
    layer = PILImage.new("RGBA", size, (0, 0, 0, 0))
    shapes = ImageDraw.Draw(layer)
    for _ in range(9):
        radius = rng.randint(min(size) // 8, min(size) // 2)
        x, y = rng.randint(0, width), rng.randint(0, height)
        alpha = rng.randint(50, 120)
        tone = strong if rng.random() < 0.6 else (255, 250, 245)
        shapes.ellipse([x - radius, y - radius, x + radius, y + radius], fill=(*tone, alpha))
    layer = layer.filter(ImageFilter.GaussianBlur(min(size) // 36))
    base.paste(layer, (0, 0), layer)
    out = io.BytesIO()
    base.save(out, "JPEG", quality=82, optimize=True)
    return out.getvalue()


def ensure_image(
    ctx: DemoContext,
    title: str,
    palette: str,
    seed: int,
    alt: str,
    size: tuple[int, int] = LANDSCAPE,
) -> AbstractImage:
    """Create the image once; later runs find it by title and change nothing."""
    model = get_image_model()
    existing = model.objects.filter(title=title).first()
    if existing is not None:
        ctx.counts["unchanged"] += 1
        return existing
    content = _draw(palette, seed, size)
    image = model(
        title=title,
        description=alt,
        collection=Collection.get_first_root_node(),
        file=ImageFile(io.BytesIO(content), name=f"demo-{palette}-{seed}.jpg"),
    )
    image.save()
    ctx.counts["created"] += 1
    return image
