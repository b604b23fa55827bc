"""The story index and a handful of stories drawn from the movement's text."""

from __future__ import annotations

from ..models import Area, StoryIndexPage, StoryPage
from .context import DemoContext
from .data import demo_data, english, translations
from .images import ensure_image

STORIES = demo_data("pages")["stories"]


def ensure_stories(ctx: DemoContext, areas: dict[str, Area]) -> StoryIndexPage:
    home = ctx.data["home"]
    index = ctx.upsert_translated_page(home, StoryIndexPage, STORIES["index"])
    ctx.data["main_menu"].append(index)
    stories = []
    for n, spec in enumerate(STORIES["stories"]):
        fields = english(spec)
        image = ensure_image(
            ctx,
            f"Demo story: {fields['title']}",
            spec["palette"],
            100 + n,
            f"Abstract illustration for the story “{fields['title']}”",
        )
        values = {key: fields[key] for key in ("title", "date", "intro", "body")}
        values["hero_image"] = image
        story, changed = ctx.upsert_page(index, StoryPage, fields["slug"], values)
        wanted = sorted(areas[tag].pk for tag in spec["areas"])
        if sorted(story.areas.values_list("pk", flat=True)) != wanted:
            story.areas = wanted
            story.save_revision().publish()
            changed = True
        ctx.translate(story, translations(spec), changed=changed)
        stories.append(story)
    ctx.data["stories"] = stories
    return index
