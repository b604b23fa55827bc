"""The home page's sections: mission, who we are, evidence, areas, projects, stories, the
founder's words, the network and the newsletter, in English with the Italian strings.

The workplace figures are those of Zak (2017), stated as the source states them (high- vs
low-trust companies, self-reported): the movement's text called 50% "creativity" and credited
a different article; see research/demo.py.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps

from ..models import HomePage
from .context import DemoContext
from .images import ensure_image

P = "<p>{}</p>".format

ZAK_TEXT = "Zak, P. J. (2017). The Neuroscience of Trust. Harvard Business Review, 95(1)."
COMPARISON = "Employees of high-trust vs low-trust companies, self-reported"
FIGURES = [
    ("74%", "less stress", "meno stress"),
    ("50%", "higher productivity", "produttività più alta"),
    ("29%", "more satisfaction with their lives", "più soddisfazione per la propria vita"),
    ("40%", "less burnout", "meno burnout"),
]

TEXTS = {
    "hero_button_label": "Join the movement",
    "mission_heading": "Our mission",
    "mission_text": P(
        "Through a solid base of scientific research, we promote the practical application of "
        "kindness within the social fabric, so that it can have a real and transformative impact "
        "on community life, health, and individual, relational and collective well-being."
    ),
    "who_heading": "Who we are",
    "who_text": P(
        "A worldwide, apolitical, non-religious movement of people, institutions, and public "
        "and private organisations: schools, hospitals, companies, associations and public "
        "administrations that bring kindness into their daily work."
    ),
    "evidence_heading": "What research says about kindness at work",
    "evidence_intro": (
        "In survey data reported by neuroeconomist Paul J. Zak in Harvard Business Review "
        "(2017), employees at high-trust companies reported, compared with those at low-trust "
        "companies:"
    ),
    "evidence_note": (
        "These are self-reported differences linked to trust, which is close to, but not the "
        "same as, kindness. They show an association, not the effect of a programme."
    ),
    "areas_heading": "Six areas of intervention",
    "areas_intro": (
        "Cross-cutting interventions involving agencies, institutions and communities."
    ),
    "projects_heading": "Featured projects",
    "projects_intro": "From research to action: concrete change based on the values of kindness.",
    "stories_heading": "Latest stories",
    "quote_text": (
        "Kindness is able to overcome all cultural barriers because it is a universal language "
        "that speaks through the intelligence of the heart."
    ),
    "quote_attribution": "Daniel Lumera",
    "quote_role": "Founder of the International Kindness Movement",
    "network_heading": "A worldwide network",
    "network_intro": (
        "People, schools, companies, hospitals and public administrations that have joined "
        "the movement. The figures are counted from the directory."
    ),
    "newsletter_heading": "Every small gesture can inspire big change",
    "newsletter_text": (
        "Sign up for our newsletter to receive true stories, international initiatives and "
        "practical tools to spread kindness every day. It starts with you, along with people "
        "around the world."
    ),
}

STRINGS_IT = {
    "Join the movement": "Aderisci al movimento",
    "Our mission": "La nostra missione",
    "Through a solid base of scientific research, we promote the practical application of "
    "kindness within the social fabric, so that it can have a real and transformative impact on "
    "community life, health, and individual, relational and collective well-being.": "Grazie a "
    "una solida base di ricerca scientifica, promuoviamo l'applicazione pratica della gentilezza "
    "nel tessuto sociale, perché possa generare un impatto reale e trasformativo sulla vita "
    "delle comunità, sulla salute e sul benessere individuale, relazionale e collettivo.",
    "Who we are": "Chi siamo",
    "A worldwide, apolitical, non-religious movement of people, institutions, and public and "
    "private organisations: schools, hospitals, companies, associations and public "
    "administrations that bring kindness into their daily work.": "Un movimento mondiale, "
    "apolitico e aconfessionale di persone, istituzioni e organizzazioni pubbliche e private: "
    "scuole, ospedali, aziende, associazioni e pubbliche amministrazioni che portano la "
    "gentilezza nel lavoro di ogni giorno.",
    "What research says about kindness at work": "Che cosa dice la ricerca sulla gentilezza al "
    "lavoro",
    "In survey data reported by neuroeconomist Paul J. Zak in Harvard Business Review (2017), "
    "employees at high-trust companies reported, compared with those at low-trust companies:": (
        "Secondo i dati di un'indagine riportati dal neuroeconomista Paul J. Zak sulla Harvard "
        "Business Review (2017), i dipendenti delle aziende ad alta fiducia dichiaravano, "
        "rispetto a quelli delle aziende a bassa fiducia:"
    ),
    "These are self-reported differences linked to trust, which is close to, but not the same "
    "as, kindness. They show an association, not the effect of a programme.": "Si tratta di "
    "differenze auto-riferite, legate alla fiducia: un valore vicino alla gentilezza, ma non "
    "identico. Mostrano un'associazione, non l'effetto di un programma.",
    "Six areas of intervention": "Sei aree di intervento",
    "Cross-cutting interventions involving agencies, institutions and communities.": "Interventi "
    "trasversali che coinvolgono enti, istituzioni e comunità.",
    "Featured projects": "Progetti in evidenza",
    "From research to action: concrete change based on the values of kindness.": "Dalla ricerca "
    "all'azione: un cambiamento concreto fondato sui valori della gentilezza.",
    "Latest stories": "Ultime storie",
    "Kindness is able to overcome all cultural barriers because it is a universal language that "
    "speaks through the intelligence of the heart.": "La gentilezza è capace di superare tutte "
    "le barriere culturali perché è un linguaggio universale che parla attraverso "
    "l'intelligenza del cuore.",
    "Daniel Lumera": "Daniel Lumera",
    "Founder of the International Kindness Movement": "Fondatore del Movimento Internazionale "
    "per la Gentilezza",
    "A worldwide network": "Una rete mondiale",
    "People, schools, companies, hospitals and public administrations that have joined the "
    "movement. The figures are counted from the directory.": "Persone, scuole, aziende, "
    "ospedali e pubbliche amministrazioni che hanno aderito al movimento. I numeri sono "
    "contati dall'elenco dei membri.",
    "Every small gesture can inspire big change": "Ogni piccolo gesto può ispirare un grande "
    "cambiamento",
    "Sign up for our newsletter to receive true stories, international initiatives and "
    "practical tools to spread kindness every day. It starts with you, along with people around "
    "the world.": "Iscriviti alla newsletter per ricevere storie vere, iniziative "
    "internazionali e strumenti pratici per diffondere la gentilezza ogni giorno. Comincia da "
    "te, insieme a persone di tutto il mondo.",
    ZAK_TEXT: ZAK_TEXT,
    COMPARISON: "Dipendenti di aziende ad alta e bassa fiducia, dati auto-riferiti",
    **{value: value for value, _en, _it in FIGURES},
    **{en: it for _value, en, it in FIGURES},
}


def _references(ctx: DemoContext) -> dict[str, Any]:
    """The research library's records by short key (from research.demo, or looked up)."""
    refs = ctx.data.get("references")
    if refs:
        return refs
    try:
        model = apps.get_model("research", "Reference")
    except LookupError:
        return {}
    zak = model.objects.filter(title__startswith="The Neuroscience of Trust").first()
    return {"zak2017": zak} if zak else {}


def evidence(ctx: DemoContext) -> list[dict[str, Any]]:
    zak = _references(ctx).get("zak2017")
    return [
        {
            "type": "statistic",
            "value": {
                "value": value,
                "label": label,
                "context": COMPARISON,
                "source": zak.pk if zak else None,
                "source_text": ZAK_TEXT,
                "source_url": "",
            },
        }
        for value, label, _it in FIGURES
    ]


def _update(ctx: DemoContext, values: dict[str, Any]) -> None:
    """Apply ``values`` to the English home page; publish and re-translate only on change."""
    home = HomePage.objects.get(pk=ctx.data["home"].pk)
    from .context import _assign

    changed = _assign(home, values)
    if changed:
        home.save_revision().publish()
        ctx.counts["updated"] += 1
    else:
        ctx.counts["unchanged"] += 1
    from .site import HOME_IT

    ctx.translate(home, {**HOME_IT, **STRINGS_IT}, changed=changed)
    ctx.data["home"] = home


def ensure_home_content(ctx: DemoContext) -> None:
    image = ensure_image(ctx, "Demo: home", "warm", 1, "Warm abstract shapes in pink and orange")
    _update(ctx, {**TEXTS, "hero_image": image})


def link_home(ctx: DemoContext) -> None:
    """After every builder ran: link the figures to the research library, and the page links."""
    pages = ctx.data
    values = {
        "evidence": evidence(ctx),
        "hero_button_page": pages.get("network_page"),
        "network_page": pages.get("network_page"),
        "evidence_page": pages.get("impact_page"),
        "projects_page": pages.get("project_index"),
    }
    _update(ctx, {key: value for key, value in values.items() if value is not None})
