"""Demo projects: the ones the movement's text describes, in English and Italian
(``projects/demo.yaml``).

Only what the text and the checked notes support is stated. The UNESCO site of the communication
training is not named in the text, so it is not named here; the teachers' course is dated to
2023 and described as recognised by the Ministry of Education and Merit (the notes found no
evidence for "2022" or "accredited"); no impact figure is attached to a project unless it
measured it. Related research is linked by DOI when the research library has the study.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import transaction
from django.db.models import Q

from pages.demo import DemoContext
from pages.demo.data import demo_data, english, translations
from pages.demo.images import ensure_image
from pages.models import Area
from people.demo import schedule_tree_repair
from people.placeholders import PALETTE
from research.models import Reference

from .models import (
    FeaturedProject,
    Organisation,
    ProjectIndexPage,
    ProjectPage,
    ProjectPartner,
    ProjectPerson,
)

# pages.demo.images palettes of the area colours, in the order of people.placeholders.PALETTE.
DEMO_PALETTES = ("rose", "sky", "leaf", "sun", "violet", "teal")

ORDER = 30
DATA = demo_data("projects")


def ensure_organisations(ctx: DemoContext) -> dict[str, Organisation]:
    found = {}
    for spec in DATA["organisations"]:
        name = spec["name"]
        org, changed = ctx.upsert(
            Organisation,
            {"name": name, "locale": ctx.en},
            english({"description": spec["description"]}),
        )
        if changed or org.live_revision_id is None:
            # Published through a revision, as the admin does: a later scheduled change then
            # waits for its time instead of taking the partner off the site.
            org.save_revision().publish()
        ctx.translate(org, {name: name, **translations(spec)}, changed=changed)
        found[name] = org
    return found


def references_by_doi(dois: list[str]) -> list[Any]:
    """Library references with these DOIs."""
    if not dois:
        return []
    query = Q()
    for doi in dois:
        query |= Q(doi__iexact=doi)
    return list(Reference.objects.filter(query).order_by("pk"))


def ensure_project(
    ctx: DemoContext,
    index: ProjectIndexPage,
    spec: dict[str, Any],
    organisations: dict[str, Organisation],
    colour: str,
    pictured: bool,
) -> ProjectPage:
    """A project page; ``pictured`` ones get a generated picture in the area's colours, the
    others none, so the demo shows the designed fallback of a project without a photo too."""
    project_en = english(spec)
    title = project_en["title"]
    strings = translations(spec)
    image, alt_en, alt_it = None, "", ""
    if pictured:
        alt_en = f"Abstract illustration for the project “{title}”"
        alt_it = f"Illustrazione astratta per il progetto «{strings.get(title, title)}»"
        palette = DEMO_PALETTES[PALETTE.index(colour)]
        image = ensure_image(
            ctx, f"Demo project: {title}", palette, 200 + PALETTE.index(colour), alt_en
        )
    values = {
        "title": title,
        "summary": project_en["summary"],
        "body": project_en["body"],
        "status": project_en["status"],
        "country": project_en.get("country", ""),
        "start_date": project_en.get("start_date"),
        "hero_image": image,
        "hero_alt": alt_en,
    }
    project, changed = ctx.upsert_page(index, ProjectPage, project_en["slug"], values)
    changed |= _sync_relations(project, project_en, organisations)
    if changed:
        project.save_revision().publish()
    if alt_en:
        strings = {alt_en: alt_it, **strings}
    translated = ctx.translate(project, strings, changed=changed)
    it_areas = list(Area.objects.filter(locale=ctx.it, slug__in=spec["areas"]))
    if it_areas and {a.pk for a in translated.areas.all()} != {a.pk for a in it_areas}:
        translated.areas.set(it_areas)
        translated.save_revision().publish()
    return project


def _sync_relations(
    project: ProjectPage, spec: dict[str, Any], organisations: dict[str, Organisation]
) -> bool:
    """Areas, leads, partners and research as the (English) spec says; True when anything
    changed."""
    changed = False
    areas = list(Area.objects.filter(locale=project.locale, slug__in=spec["areas"]))
    if {a.pk for a in project.areas.all()} != {a.pk for a in areas}:
        project.areas.set(areas)
        changed = True
    references = references_by_doi(spec.get("research_dois", []))
    if {r.pk for r in project.related_research.all()} != {r.pk for r in references}:
        project.related_research.set(references)
        changed = True
    people_model = apps.get_model("people", "Person")
    wanted_people = [
        (people_model.objects.get(slug=lead["person"], locale=project.locale), lead["role"])
        for lead in spec.get("leads", [])
    ]
    current_people = [(r.person_id, r.role, r.is_lead) for r in project.project_people.all()]
    if current_people != [(p.pk, role, True) for p, role in wanted_people]:
        project.project_people.set(
            [
                ProjectPerson(person=person, role=role, is_lead=True)
                for person, role in wanted_people
            ]
        )
        changed = True
    wanted_partners = [
        (organisations[partner["organisation"]], partner["role"])
        for partner in spec.get("partners", [])
    ]
    current_partners = [(p.organisation_id, p.role) for p in project.project_partners.all()]
    if current_partners != [(org.pk, role) for org, role in wanted_partners]:
        project.project_partners.set(
            [ProjectPartner(organisation=org, role=role) for org, role in wanted_partners]
        )
        changed = True
    if changed:
        project.save()
    return changed


def ensure_index(ctx: DemoContext) -> ProjectIndexPage:
    return ctx.upsert_translated_page(ctx.home("en"), ProjectIndexPage, DATA["index"])


def ensure_featured(ctx: DemoContext, index: ProjectIndexPage, projects: list[ProjectPage]) -> None:
    """Every demo project featured, in the text's order, on both languages' index pages.

    The Italian entries are written after the demo transaction commits: ``ctx.translate``
    publishes the Italian index in ``on_commit`` from the revision taken when it was translated,
    which would otherwise replace the entries with the ones it had then (none).
    """
    _set_featured(ctx, index, projects)

    def italian() -> None:
        it_index = index.get_translation(ctx.it)
        _set_featured(ctx, it_index, [p.get_translation(ctx.it) for p in projects])

    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(italian)
    else:
        italian()


def _set_featured(ctx: DemoContext, page: ProjectIndexPage, items: list[ProjectPage]) -> None:
    page = ProjectIndexPage.objects.get(pk=page.pk)
    current = list(
        page.featured_entries.order_by("sort_order").values_list("project_id", flat=True)
    )
    if current == [p.pk for p in items]:
        ctx.counts["unchanged"] += 1
        return
    page.featured_entries.set(
        [FeaturedProject(project=project, sort_order=i) for i, project in enumerate(items)]
    )
    page.save_revision().publish()
    ctx.counts["updated"] += 1


def load(ctx: DemoContext) -> None:
    organisations = ensure_organisations(ctx)
    index = ensure_index(ctx)
    projects = [
        ensure_project(ctx, index, spec, organisations, PALETTE[(i + 2) % len(PALETTE)], i % 2 == 1)
        for i, spec in enumerate(DATA["projects"])
    ]
    ensure_featured(ctx, index, projects)
    ctx.data["project_index"] = index
    ctx.data["projects"] = projects
    ctx.data.setdefault("main_menu", []).append(index)
    schedule_tree_repair(ctx)
