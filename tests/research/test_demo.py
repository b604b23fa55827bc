"""The research demo builder: verified references, the library page, and a second run that
changes nothing."""

from __future__ import annotations

import pytest

from pages.demo import DemoContext
from pages.demo import load as load_site
from pages.models import Area
from research import demo
from research.models import Reference, ResearchIndexPage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def run() -> DemoContext:
    ctx = DemoContext()
    load_site(ctx)
    if not Area.objects.exists():
        en = ctx.en
        for i, slug in enumerate(
            ["health", "education", "environment", "economy", "culture", "tourism"]
        ):
            Area.objects.create(
                name=slug.title(), slug=slug, colour="rose", icon="heart", sort_order=i, locale=en
            )
    ctx.counts.clear()
    demo.load(ctx)
    return ctx


def test_demo_is_complete_and_idempotent():
    ctx = run()
    keys = {
        "zak2017",
        "podsakoff2009",
        "curry2018",
        "sezer2021",
        "layous2012",
        "greco2025",
        "devivo2024",
        "lumera2020",
        "shanafelt2020",
    }
    assert keys <= set(ctx.data["references"])
    assert Reference.objects.count() == len(demo.REFERENCES)
    curry = Reference.objects.get(slug="curry2018")
    assert curry.container_title == "Journal of Experimental Social Psychology"
    assert "Van Lissa" in [c.family for c in curry.ordered_creators()]
    assert Reference.objects.get(slug="layous2012").issued_year == 2012
    assert Reference.objects.get(slug="seppala2015").verification_status == "unverified"
    assert {a.slug for a in Reference.objects.get(slug="zak2017").areas.all()} == {"economy"}
    library = ctx.data["research_library"]
    assert library in ctx.data["main_menu"]
    assert ResearchIndexPage.objects.filter(locale__language_code="it", live=True).exists()
    for ref in Reference.objects.all():
        ref.full_clean()

    again = run()
    assert again.counts["created"] == 0 and again.counts["updated"] == 0, again.counts
    assert Reference.objects.count() == len(demo.REFERENCES)
