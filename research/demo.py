"""Demo content: the movement's references, checked one by one, and the research library page.

The text lives in ``research/demo.yaml``; this module turns it into records and the page. Every
record there was checked against a stored copy of its DOI, catalogue or publisher record;
``method`` says which, ``notes`` says what the movement's own text had wrong (years, journals,
pages, missing authors, invented titles). What could not be confirmed is stored as unverified and
shows as such on the site. The workplace figures come from Zak (2017) and Podsakoff et al.
(2009), not from the HBR article the movement's text names.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction

from pages.demo import DemoContext
from pages.demo.data import demo_data
from pages.models import Area

from .models import Reference, ReferenceCreator, ResearchIndexPage

ORDER = 10
DATA = demo_data("research")
CHECKED_AT: datetime.datetime = DATA["checked_at"]
CHECKED_BY: str = DATA["checked_by"]
REFERENCES: dict[str, dict[str, Any]] = DATA["references"]
LIBRARY = DATA["library"]


def _values(spec: dict[str, Any]) -> dict[str, Any]:
    parts = [*spec["issued"], None, None]
    values = {
        "csl_type": spec["csl_type"],
        "title": spec["title"],
        "issued_year": parts[0],
        "issued_month": parts[1],
        "issued_day": parts[2],
        "evidence_type": spec["evidence_type"],
        "verification_status": spec["status"],
        "verification_method": spec["method"]["en"],
        "verification_method_it": spec["method"]["it"],
        "verification_notes": spec["notes"]["en"],
        "verification_notes_it": spec["notes"]["it"],
        "checked_by": CHECKED_BY,
        "checked_at": CHECKED_AT,
        "summary_en": spec["summary"]["en"],
        "summary_it": spec["summary"]["it"],
    }
    for name in (
        "title_short",
        "container_title",
        "volume",
        "issue",
        "page",
        "publisher",
        "publisher_place",
        "doi",
        "isbn",
        "issn",
        "pmid",
        "url",
        "open_access_url",
        "language",
    ):
        values[name] = spec.get(name, "")
    return values


def _creators(spec: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [("author", f, g) for f, g in spec["authors"]] + [
        ("translator", f, g) for f, g in spec.get("translators", [])
    ]


def ensure_reference(
    ctx: DemoContext, key: str, spec: dict[str, Any], areas: dict[str, Area]
) -> Reference:
    ref, changed = ctx.upsert(Reference, {"slug": key}, _values(spec))
    wanted = _creators(spec)
    current = [(c.role, c.family, c.given) for c in ref.ordered_creators()]
    if current != wanted:
        ref.creators.all().delete()
        ReferenceCreator.objects.bulk_create(
            ReferenceCreator(reference=ref, role=role, family=family, given=given, sort_order=i)
            for i, (role, family, given) in enumerate(wanted)
        )
        ref = Reference.objects.get(pk=ref.pk)
        if not changed:
            ctx.counts["updated"] += 1
    area_ids = sorted(areas[slug].pk for slug in spec["areas"] if slug in areas)
    if sorted(ref.areas.values_list("pk", flat=True)) != area_ids:
        ref.areas.set(area_ids)
        ref.save()  # a ParentalManyToManyField is written when the record is saved
    ref.full_clean()  # the demo data must pass the same rules as editors' data
    return ref


def load(ctx: DemoContext) -> None:
    areas = {a.slug: a for a in Area.objects.filter(locale=ctx.en)}
    if not areas:
        ctx.log("research: no areas yet; references are loaded without area tags")
    # One transaction: the citations of every saved reference are then rendered in one engine
    # run when it commits (``research.tasks.schedule_citations``), not one Node start per save
    # (410 s of a 620 s demo load on a busy machine, before).
    with transaction.atomic():
        refs = {key: ensure_reference(ctx, key, spec, areas) for key, spec in REFERENCES.items()}
    ctx.data["references"] = refs
    home = ctx.home("en")
    library = ctx.upsert_translated_page(home, ResearchIndexPage, DATA["library"])
    ctx.data["research_library"] = library
    ctx.data.setdefault("main_menu", []).append(library)
    ctx.log(f"research: {len(refs)} references, library at {library.url_path}")
