"""Demo projects: the ones the movement's text describes, in English and Italian.

Only what the text and the checked notes support is stated. The UNESCO site of the communication
training is not named in the text, so it is not named here; the teachers' course is dated to
2023 and described as recognised by the Ministry of Education and Merit (the notes found no
evidence for "2022" or "accredited"); no impact figure is attached to a project unless it
measured it. Related research is linked by DOI when the research library has the study.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.apps import apps
from django.db import transaction
from django.db.models import Q

from pages.demo import DemoContext
from pages.demo.images import ensure_image
from pages.models import Area
from people.demo import schedule_tree_repair
from people.placeholders import PALETTE

from .models import (
    FeaturedProject,
    Organisation,
    ProjectIndexPage,
    ProjectPage,
    ProjectPartner,
    ProjectPerson,
    ProjectStatus,
)

# pages.demo.images palettes of the area colours, in the order of people.placeholders.PALETTE.
DEMO_PALETTES = ("rose", "sky", "leaf", "sun", "violet", "teal")

ORDER = 30


@dataclass
class DemoProject:
    slug: str
    title: str
    summary: str
    body: list[str]
    areas: list[str]
    status: str
    it: dict[str, str]
    country: str = ""
    start_date: date | None = None
    leads: list[tuple[str, str]] = field(default_factory=list)  # (person slug, role)
    partners: list[tuple[str, str]] = field(default_factory=list)  # (organisation, role)
    research_dois: list[str] = field(default_factory=list)


ORGANISATIONS = {
    "Giunti EDU": {
        "description": "Educational publisher that proposed the course for teachers.",
        "it": "Editore scolastico che ha proposto il percorso formativo per insegnanti.",
    },
}

PROJECTS = [
    DemoProject(
        slug="kind-communication-unesco-heritage-site",
        title="Kind communication training at a UNESCO heritage site",
        summary=(
            "A training in kind communication for the staff of one of the world's best-known "
            "cultural visits, a UNESCO World Heritage site."
        ),
        body=[
            "We trained the staff who welcome visitors at a UNESCO World Heritage site in kind "
            "communication: listening, courtesy and attention to each visitor.",
        ],
        areas=["culture", "tourism"],
        status=ProjectStatus.COMPLETED,
        it={
            "Kind communication training at a UNESCO heritage site": (
                "Formazione alla comunicazione gentile in un sito patrimonio UNESCO"
            ),
            "kind-communication-unesco-heritage-site": "comunicazione-gentile-sito-unesco",
            "A training in kind communication for the staff of one of the world's best-known "
            "cultural visits, a UNESCO World Heritage site.": (
                "Una formazione alla comunicazione gentile per il personale di una delle visite "
                "culturali più conosciute al mondo, un sito patrimonio mondiale UNESCO."
            ),
            "We trained the staff who welcome visitors at a UNESCO World Heritage site in kind "
            "communication: listening, courtesy and attention to each visitor.": (
                "Abbiamo formato alla comunicazione gentile il personale che accoglie i "
                "visitatori in un sito patrimonio mondiale UNESCO: ascolto, cortesia e "
                "attenzione per ogni visitatore."
            ),
        },
    ),
    DemoProject(
        slug="kindness-course-for-teachers",
        title="A kindness course for teachers",
        summary=(
            "In 2023 we co-designed, with Giunti EDU, a 25-hour kindness course for teachers "
            "that is recognised by Italy's Ministry of Education and Merit for compulsory "
            "teacher training."
        ),
        body=[
            "The course has four modules for infant and primary school teachers: how to "
            "practise kindness in the teaching profession, improve one's working life and "
            "teach pupils to practise it.",
            "It was designed by Daniel Lumera with two co-authors and has been available "
            "online on the Giunti EDUcare platform since 19 December 2023.",
        ],
        areas=["education"],
        status=ProjectStatus.RUNNING,
        country="IT",
        start_date=date(2023, 12, 19),
        leads=[("daniel-lumera", "Course designer")],
        partners=[("Giunti EDU", "Publisher")],
        research_dois=["10.1371/journal.pone.0051380"],
        it={
            "A kindness course for teachers": "Un percorso sulla gentilezza per insegnanti",
            "kindness-course-for-teachers": "percorso-gentilezza-insegnanti",
            "In 2023 we co-designed, with Giunti EDU, a 25-hour kindness course for teachers "
            "that is recognised by Italy's Ministry of Education and Merit for compulsory "
            "teacher training.": (
                "Nel 2023 abbiamo ideato, con Giunti EDU, un percorso formativo di 25 ore sulla "
                "gentilezza per insegnanti, riconosciuto dal Ministero dell'Istruzione e del "
                "Merito ai fini della formazione obbligatoria dei docenti."
            ),
            "The course has four modules for infant and primary school teachers: how to "
            "practise kindness in the teaching profession, improve one's working life and "
            "teach pupils to practise it.": (
                "Il percorso ha quattro moduli per insegnanti della scuola dell'infanzia e "
                "primaria: come praticare la gentilezza nella professione di insegnante, "
                "migliorare la propria vita professionale ed educare gli alunni a esercitarla."
            ),
            "It was designed by Daniel Lumera with two co-authors and has been available "
            "online on the Giunti EDUcare platform since 19 December 2023.": (
                "È stato ideato da Daniel Lumera con due coautori ed è disponibile online "
                "sulla piattaforma Giunti EDUcare dal 19 dicembre 2023."
            ),
            "Course designer": "Ideatore del percorso",
            "Publisher": "Editore",
        },
    ),
    DemoProject(
        slug="kindness-and-business-productivity",
        title="Measuring kindness in business productivity",
        summary=(
            "We measure the impact of kindness on business productivity, through the links "
            "between well-being, motivation, values, creativity and productivity."
        ),
        body=[
            "Our model connects well-being, motivation, values, creativity and productivity, "
            "to show how a corporate culture based on kindness affects job satisfaction and the "
            "quality of personal and professional life.",
        ],
        areas=["economy"],
        status=ProjectStatus.RUNNING,
        research_dois=["10.1037/a0013079", "10.1037/emo0000321"],
        it={
            "Measuring kindness in business productivity": (
                "Misurare la gentilezza nella produttività aziendale"
            ),
            "kindness-and-business-productivity": "gentilezza-e-produttivita-aziendale",
            "We measure the impact of kindness on business productivity, through the links "
            "between well-being, motivation, values, creativity and productivity.": (
                "Misuriamo l'impatto della gentilezza sulla produttività aziendale, attraverso i "
                "legami tra benessere, motivazione, valori, creatività e produttività."
            ),
            "Our model connects well-being, motivation, values, creativity and productivity, "
            "to show how a corporate culture based on kindness affects job satisfaction and the "
            "quality of personal and professional life.": (
                "Il nostro modello collega benessere, motivazione, valori, creatività e "
                "produttività, per mostrare come una cultura aziendale fondata sulla gentilezza "
                "incida sulla soddisfazione lavorativa e sulla qualità della vita personale e "
                "professionale."
            ),
        },
    ),
    DemoProject(
        slug="listening-programmes-in-hospitals",
        title="Listening programmes in hospitals",
        summary=(
            "Programmes that bring listening, psychosocial well-being and human connection into "
            "hospitals and health systems as an integral part of care."
        ),
        body=[
            "Health is not just the absence of disease, but the presence of humanity. Our "
            "programmes in hospitals and health systems promote listening, psychosocial "
            "well-being and human connection as part of care.",
        ],
        areas=["health"],
        status=ProjectStatus.RUNNING,
        research_dois=["10.1186/s12913-025-12328-1", "10.1001/jama.2020.5893"],
        it={
            "Listening programmes in hospitals": "Programmi di ascolto negli ospedali",
            "listening-programmes-in-hospitals": "programmi-di-ascolto-negli-ospedali",
            "Programmes that bring listening, psychosocial well-being and human connection into "
            "hospitals and health systems as an integral part of care.": (
                "Programmi che portano ascolto, benessere psicosociale e connessione umana negli "
                "ospedali e nei sistemi sanitari come parte integrante della cura."
            ),
            "Health is not just the absence of disease, but the presence of humanity. Our "
            "programmes in hospitals and health systems promote listening, psychosocial "
            "well-being and human connection as part of care.": (
                "La salute non è solo assenza di malattia, ma presenza di umanità. I nostri "
                "programmi negli ospedali e nei sistemi sanitari promuovono l'ascolto, il "
                "benessere psicosociale e la connessione umana come parte della cura."
            ),
        },
    ),
]

INDEX_EN = {
    "title": "Projects",
    "intro": (
        "<p>Featured projects promoted by the International Kindness Movement, designed to "
        "generate social, cultural and environmental impact. From research to action, we "
        "cultivate concrete change based on the values of kindness.</p>"
    ),
    "search_description": (
        "Projects of the International Kindness Movement in schools, hospitals, businesses "
        "and cultural sites."
    ),
}
INDEX_IT = {
    "Projects": "Progetti",
    "projects": "progetti",
    "Featured projects promoted by the International Kindness Movement, designed to generate "
    "social, cultural and environmental impact. From research to action, we cultivate concrete "
    "change based on the values of kindness.": (
        "I progetti promossi dal Movimento Internazionale per la Gentilezza, pensati per "
        "generare un impatto sociale, culturale e ambientale. Dalla ricerca all'azione, "
        "coltiviamo un cambiamento concreto fondato sui valori della gentilezza."
    ),
    INDEX_EN["search_description"]: (
        "I progetti del Movimento Internazionale per la Gentilezza nelle scuole, negli "
        "ospedali, nelle aziende e nei luoghi della cultura."
    ),
}


def ensure_organisations(ctx: DemoContext) -> dict[str, Organisation]:
    found = {}
    for name, data in ORGANISATIONS.items():
        org, changed = ctx.upsert(
            Organisation, {"name": name, "locale": ctx.en}, {"description": data["description"]}
        )
        if changed or org.live_revision_id is None:
            # Published through a revision, as the admin does: a later scheduled change then
            # waits for its time instead of taking the partner off the site.
            org.save_revision().publish()
        ctx.translate(org, {name: name, data["description"]: data["it"]}, changed=changed)
        found[name] = org
    return found


def references_by_doi(dois: list[str]) -> list[Any]:
    """Library references with these DOIs (none while the research library is absent)."""
    try:
        reference = apps.get_model("research", "Reference")
    except LookupError:
        return []
    if not dois:
        return []
    query = Q()
    for doi in dois:
        query |= Q(doi__iexact=doi)
    return list(reference.objects.filter(query).order_by("pk"))


def ensure_project(
    ctx: DemoContext,
    index: ProjectIndexPage,
    spec: DemoProject,
    organisations: dict[str, Organisation],
    colour: str,
    pictured: bool,
) -> ProjectPage:
    """A project page; ``pictured`` ones get a generated picture in the area's colours, the
    others none, so the demo shows the designed fallback of a project without a photo too."""
    image, alt_en, alt_it = None, "", ""
    if pictured:
        image = ensure_image(
            ctx,
            f"Demo project: {spec.title}",
            DEMO_PALETTES[PALETTE.index(colour)],
            200 + PALETTE.index(colour),
            f"Abstract illustration for the project “{spec.title}”",
        )
        alt_en = f"Abstract illustration for the project “{spec.title}”"
        alt_it = f"Illustrazione astratta per il progetto «{spec.it.get(spec.title, spec.title)}»"
    values = {
        "title": spec.title,
        "summary": spec.summary,
        "body": [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in spec.body],
        "status": spec.status,
        "country": spec.country,
        "start_date": spec.start_date,
        "hero_image": image,
        "hero_alt": alt_en,
    }
    project, changed = ctx.upsert_page(index, ProjectPage, spec.slug, values)
    changed |= _sync_relations(project, spec, organisations)
    if changed:
        project.save_revision().publish()
    strings = {alt_en: alt_it, **spec.it} if alt_en else spec.it
    translated = ctx.translate(project, strings, changed=changed)
    it_areas = list(Area.objects.filter(locale=ctx.it, slug__in=spec.areas))
    if it_areas and {a.pk for a in translated.areas.all()} != {a.pk for a in it_areas}:
        translated.areas.set(it_areas)
        translated.save_revision().publish()
    return project


def _sync_relations(
    project: ProjectPage, spec: DemoProject, organisations: dict[str, Organisation]
) -> bool:
    """Areas, leads, partners and research as the spec says; True when anything changed."""
    changed = False
    areas = list(Area.objects.filter(locale=project.locale, slug__in=spec.areas))
    if {a.pk for a in project.areas.all()} != {a.pk for a in areas}:
        project.areas.set(areas)
        changed = True
    references = references_by_doi(spec.research_dois)
    if {r.pk for r in project.related_research.all()} != {r.pk for r in references}:
        project.related_research.set(references)
        changed = True
    people_model = apps.get_model("people", "Person")
    wanted_people = [
        (people_model.objects.get(slug=slug, locale=project.locale), role)
        for slug, role in spec.leads
    ]
    current_people = [(r.person_id, r.role, r.is_lead) for r in project.project_people.all()]
    if current_people != [(p.pk, role, True) for p, role in wanted_people]:
        project.project_people = [
            ProjectPerson(person=person, role=role, is_lead=True) for person, role in wanted_people
        ]
        changed = True
    wanted_partners = [(organisations[name], role) for name, role in spec.partners]
    current_partners = [(p.organisation_id, p.role) for p in project.project_partners.all()]
    if current_partners != [(org.pk, role) for org, role in wanted_partners]:
        project.project_partners = [
            ProjectPartner(organisation=org, role=role) for org, role in wanted_partners
        ]
        changed = True
    if changed:
        project.save()
    return changed


def ensure_index(ctx: DemoContext) -> ProjectIndexPage:
    page, changed = ctx.upsert_page(ctx.home("en"), ProjectIndexPage, "projects", INDEX_EN)
    ctx.translate(page, INDEX_IT, changed=changed)
    return page


def ensure_featured(ctx: DemoContext, index: ProjectIndexPage, projects: list[ProjectPage]):
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
    page.featured_entries = [
        FeaturedProject(project=project, sort_order=i) for i, project in enumerate(items)
    ]
    page.save_revision().publish()
    ctx.counts["updated"] += 1


def load(ctx: DemoContext) -> None:
    organisations = ensure_organisations(ctx)
    index = ensure_index(ctx)
    projects = [
        ensure_project(ctx, index, spec, organisations, PALETTE[(i + 2) % len(PALETTE)], i % 2 == 1)
        for i, spec in enumerate(PROJECTS)
    ]
    ensure_featured(ctx, index, projects)
    ctx.data["project_index"] = index
    ctx.data["projects"] = projects
    ctx.data.setdefault("main_menu", []).append(index)
    schedule_tree_repair(ctx)
