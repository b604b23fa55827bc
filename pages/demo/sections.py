"""The "Areas" overview page and one section page per area, from the movement's text."""

from __future__ import annotations

from ..models import Area, SectionPage, StandardPage
from .context import DemoContext
from .images import ensure_image

P = "<p>{}</p>".format

SECTIONS = {
    "health": {
        "title": "Health",
        "slug": "health",
        "intro": (
            "We bring kindness to hospitals and health systems with programmes that promote "
            "listening, psychosocial well-being and human connection as an integral part of care."
        ),
        "motto": "Health is not just the absence of disease, but the presence of humanity.",
        "it_title": "Salute",
        "it_slug": "salute",
        "it_intro": (
            "Portiamo la gentilezza negli ospedali e nei sistemi sanitari con programmi che "
            "promuovono l'ascolto, il benessere psicosociale e la relazione umana come parte "
            "integrante della cura."
        ),
        "it_motto": "La salute non è solo assenza di malattia, ma presenza di umanità.",
    },
    "education": {
        "title": "Education",
        "slug": "education",
        "intro": (
            "We have created a network of kind teachers, students and parents, and train them in "
            "a pedagogy of kindness through workshops, campaigns and educational pathways that "
            "cultivate empathy, respect and cooperation from early childhood."
        ),
        "motto": "Kind education prepares a more conscious future.",
        "it_title": "Educazione",
        "it_slug": "educazione",
        "it_intro": (
            "Abbiamo creato una rete di insegnanti, studenti e genitori gentili e li formiamo a "
            "una pedagogia della gentilezza con laboratori, campagne e percorsi educativi che "
            "coltivano empatia, rispetto e cooperazione fin dalla prima infanzia."
        ),
        "it_motto": "Un'educazione gentile prepara un futuro più consapevole.",
    },
    "environment": {
        "title": "Environment",
        "slug": "environment",
        "intro": (
            "We support initiatives that promote reconnection with the Earth, sustainable "
            "development and conscious ecology."
        ),
        "motto": (
            "Kindness to the planet is the first gesture of responsibility to future generations."
        ),
        "it_title": "Ambiente",
        "it_slug": "ambiente",
        "it_intro": (
            "Sosteniamo iniziative che promuovono la riconnessione con la Terra, lo sviluppo "
            "sostenibile e un'ecologia consapevole."
        ),
        "it_motto": (
            "La gentilezza verso il pianeta è il primo gesto di responsabilità verso le "
            "generazioni future."
        ),
    },
    "economy": {
        "title": "Economy",
        "slug": "economy",
        "intro": (
            "We believe in an economy that is not just measured in numbers, but in human impact, "
            "healthy relationships and shared growth. We work alongside businesses, public "
            "agencies and social organisations to promote a new economic culture based on "
            "kindness, awareness, and care for people and the planet."
        ),
        "motto": "An economy measured in human impact, not only in numbers.",
        "it_title": "Economia",
        "it_slug": "economia",
        "it_intro": (
            "Crediamo in un'economia che non si misura solo in numeri, ma in impatto umano, "
            "relazioni sane e crescita condivisa. Lavoriamo accanto a imprese, enti pubblici e "
            "realtà sociali per promuovere una nuova cultura economica fondata su gentilezza, "
            "consapevolezza e cura delle persone e del pianeta."
        ),
        "it_motto": "Un'economia misurata in impatto umano, non solo in numeri.",
    },
    "culture": {
        "title": "Culture",
        "slug": "culture",
        "intro": (
            "We give space to artists, thinkers and creatives who convey messages of beauty, "
            "dialogue and transformation. Culture that celebrates kindness is an act of "
            "resistance to violence and a bridge to the world."
        ),
        "motto": (
            "Cultured is the one who knows how to listen and understand others, themselves and "
            "nature, and who respects the cycles of life."
        ),
        "it_title": "Cultura",
        "it_slug": "cultura",
        "it_intro": (
            "Diamo spazio ad artisti, pensatori e creativi che portano messaggi di bellezza, "
            "dialogo e trasformazione. Una cultura che celebra la gentilezza è un atto di "
            "resistenza alla violenza e un ponte verso il mondo."
        ),
        "it_motto": (
            "Colto è chi sa ascoltare e comprendere gli altri, sé stesso e la natura, e rispetta "
            "i cicli della vita."
        ),
    },
    "tourism": {
        "title": "Tourism",
        "slug": "tourism",
        "intro": (
            "We promote conscious, relational, slow tourism. Travelling with kindness means "
            "meeting each other with respect, honouring places, and creating authentic exchanges "
            "between people and cultures."
        ),
        "motto": "The kind traveller leaves a place better than they found it.",
        "it_title": "Turismo",
        "it_slug": "turismo",
        "it_intro": (
            "Promuoviamo un turismo consapevole, relazionale e lento. Viaggiare con gentilezza "
            "significa incontrarsi con rispetto, onorare i luoghi e creare scambi autentici tra "
            "persone e culture."
        ),
        "it_motto": "Il viaggiatore gentile lascia un luogo migliore di come l'ha trovato.",
    },
}

HEADINGS = {
    "key_figures_heading": ("Key figures", "Dati chiave"),
    "projects_heading": ("Projects in this area", "Progetti in quest'area"),
    "stories_heading": ("Stories", "Storie"),
    "research_heading": ("Research", "Ricerca"),
    "contact_heading": ("Who to contact", "A chi rivolgersi"),
}

OVERVIEW = {
    "title": "Areas of intervention",
    "intro": P(
        "Cross-cutting interventions in education, health, environment, culture, economy and "
        "tourism, involving agencies, institutions and communities."
    ),
}
OVERVIEW_IT = {
    "Areas of intervention": "Aree di intervento",
    "areas": "aree",
    "Cross-cutting interventions in education, health, environment, culture, economy and "
    "tourism, involving agencies, institutions and communities.": "Interventi trasversali in "
    "educazione, salute, ambiente, cultura, economia e turismo, che coinvolgono enti, "
    "istituzioni e comunità.",
    "Explore the six areas": "Esplora le sei aree",
}


def ensure_sections(ctx: DemoContext, areas: dict[str, Area]) -> list[SectionPage]:
    home = ctx.data["home"]
    overview, changed = ctx.upsert_page(home, StandardPage, "areas", OVERVIEW)
    ctx.translate(overview, OVERVIEW_IT, changed=changed)
    pages = []
    for index, (slug, spec) in enumerate(SECTIONS.items()):
        area = areas[slug]
        image = ensure_image(
            ctx,
            f"Demo: {spec['title']}",
            area.colour,
            10 + index,
            f"Abstract illustration in the colours of the {spec['title'].lower()} area",
        )
        values = {
            "title": spec["title"],
            "area": area,
            "intro": P(spec["intro"]),
            "motto": spec["motto"],
            "hero_image": image,
            "search_description": spec["intro"][:160],
            **{field: en for field, (en, _it) in HEADINGS.items()},
        }
        page, changed = ctx.upsert_page(overview, SectionPage, spec["slug"], values)
        strings = {
            spec["title"]: spec["it_title"],
            spec["slug"]: spec["it_slug"],
            spec["intro"]: spec["it_intro"],
            spec["intro"][:160]: spec["it_intro"][:160],
            spec["motto"]: spec["it_motto"],
            **dict(HEADINGS.values()),
        }
        ctx.translate(page, strings, changed=changed)
        pages.append(page)
    _ensure_overview_cards(ctx, overview, pages)
    ctx.data["main_menu"].append(overview)
    ctx.data["sections"] = {page.area.slug: page for page in pages}
    return pages


def _ensure_overview_cards(
    ctx: DemoContext, overview: StandardPage, pages: list[SectionPage]
) -> None:
    body = [
        {
            "type": "card_grid",
            "value": {"heading": "Explore the six areas", "pages": [p.pk for p in pages]},
        }
    ]
    overview = StandardPage.objects.get(pk=overview.pk)
    page, changed = ctx.upsert_page(overview.get_parent(), StandardPage, "areas", {"body": body})
    if changed:
        ctx.translate(page, OVERVIEW_IT)
        translated = page.get_translation(ctx.it)
        it_pages = [p.get_translation(ctx.it).pk for p in pages]
        block = translated.body[0]
        if [p.pk for p in block.value["pages"]] != it_pages:
            translated.body = [
                {
                    "type": "card_grid",
                    "value": {"heading": block.value["heading"], "pages": it_pages},
                }
            ]
            translated.save_revision().publish()
