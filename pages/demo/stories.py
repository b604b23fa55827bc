"""The story index and a handful of stories drawn from the movement's text."""

from __future__ import annotations

import datetime

from ..models import Area, StoryIndexPage, StoryPage
from .context import DemoContext
from .images import ensure_image

P = "<p>{}</p>".format

INDEX_EN = {
    "title": "Stories",
    "intro": P("News from the movement: people, places and projects that spread kindness."),
    "search_description": "News and stories from the International Kindness Movement.",
}
INDEX_IT = {
    "Stories": "Storie",
    "stories": "storie",
    "News from the movement: people, places and projects that spread kindness.": "Notizie dal "
    "movimento: persone, luoghi e progetti che diffondono la gentilezza.",
    "News and stories from the International Kindness Movement.": "Notizie e storie dal "
    "Movimento Internazionale per la Gentilezza.",
}

# (slug, date, areas, palette, title, intro, body, it_slug, it_title, it_intro, it_body)
STORIES = [
    (
        "kind-care-on-the-ward",
        datetime.date(2025, 3, 14),
        ["health"],
        "rose",
        "Kind care on the ward",
        "A hospital team tries ten minutes of listening at every shift change.",
        "Nurses and doctors set aside ten minutes at each handover to ask how colleagues are, "
        "and what patients need beyond their treatment.",
        "cura-gentile-in-reparto",
        "Cura gentile in reparto",
        "Un'équipe ospedaliera prova dieci minuti di ascolto a ogni cambio turno.",
        "Infermieri e medici dedicano dieci minuti a ogni passaggio di consegne per chiedere "
        "come stanno i colleghi e di che cosa hanno bisogno i pazienti oltre alla terapia.",
    ),
    (
        "a-class-that-looks-after-each-other",
        datetime.date(2025, 5, 2),
        ["education"],
        "sky",
        "A class that looks after each other",
        "Primary pupils keep a kindness diary for a term, and notice who is left out.",
        "Each week the class writes down one kind act they did and one they received. The "
        "teacher says the diary changed how breaks feel.",
        "una-classe-che-si-prende-cura",
        "Una classe che si prende cura",
        "Gli alunni della primaria tengono per un trimestre un diario della gentilezza e "
        "notano chi resta escluso.",
        "Ogni settimana la classe annota un gesto gentile fatto e uno ricevuto. L'insegnante "
        "racconta che il diario ha cambiato il clima della ricreazione.",
    ),
    (
        "planting-a-kind-forest",
        datetime.date(2025, 6, 21),
        ["environment", "education"],
        "leaf",
        "Planting a kind forest",
        "Families and a town council plant a tree for every child born this year.",
        "The new grove is looked after by the school nearby, whose pupils label each tree with "
        "a wish for the planet.",
        "piantare-un-bosco-gentile",
        "Piantare un bosco gentile",
        "Famiglie e comune piantano un albero per ogni bambino nato quest'anno.",
        "Il nuovo boschetto è curato dalla scuola vicina, i cui alunni appendono a ogni albero "
        "un desiderio per il pianeta.",
    ),
    (
        "kindness-at-work-what-the-figures-say",
        datetime.date(2025, 9, 9),
        ["economy"],
        "sun",
        "Kindness at work: what the figures really say",
        "The often-quoted 74% and 50% figures compare high- and low-trust companies.",
        "We checked the sources: the figures come from survey data reported by Paul J. Zak in "
        "Harvard Business Review (2017). The 50% is productivity, not creativity.",
        "gentilezza-al-lavoro-cosa-dicono-i-numeri",
        "Gentilezza al lavoro: che cosa dicono davvero i numeri",
        "Le cifre del 74% e del 50%, spesso citate, confrontano aziende ad alta e bassa fiducia.",
        "Abbiamo controllato le fonti: le cifre vengono dai dati di un'indagine riportati da "
        "Paul J. Zak sulla Harvard Business Review (2017). Il 50% riguarda la produttività, "
        "non la creatività.",
    ),
    (
        "a-festival-of-kind-words",
        datetime.date(2025, 10, 18),
        ["culture"],
        "violet",
        "A festival of kind words",
        "Poets, musicians and readers fill a square with messages of dialogue.",
        "For one evening, the square became a stage where anyone could read a text about "
        "kindness, in any language.",
        "un-festival-di-parole-gentili",
        "Un festival di parole gentili",
        "Poeti, musicisti e lettori riempiono una piazza di messaggi di dialogo.",
        "Per una sera la piazza è diventata un palco dove chiunque poteva leggere un testo "
        "sulla gentilezza, in qualsiasi lingua.",
    ),
    (
        "travelling-slowly",
        datetime.date(2025, 11, 5),
        ["tourism", "culture"],
        "teal",
        "Travelling slowly, meeting people",
        "Guides at a heritage site learn kind communication with visitors.",
        "A training on kind communication for the staff of a UNESCO heritage site: greeting, "
        "listening, and explaining the place with care.",
        "viaggiare-lentamente",
        "Viaggiare lentamente, incontrare persone",
        "Le guide di un sito patrimonio dell'umanità imparano la comunicazione gentile con i "
        "visitatori.",
        "Una formazione sulla comunicazione gentile per il personale di un sito patrimonio "
        "UNESCO: accogliere, ascoltare e raccontare il luogo con cura.",
    ),
]


def ensure_stories(ctx: DemoContext, areas: dict[str, Area]) -> StoryIndexPage:
    home = ctx.data["home"]
    index, changed = ctx.upsert_page(home, StoryIndexPage, "stories", INDEX_EN)
    ctx.translate(index, INDEX_IT, changed=changed)
    ctx.data["main_menu"].append(index)
    stories = []
    for n, (
        slug,
        date,
        tags,
        palette,
        title,
        intro,
        body,
        it_slug,
        it_title,
        it_intro,
        it_body,
    ) in enumerate(STORIES):
        image = ensure_image(
            ctx,
            f"Demo story: {title}",
            palette,
            100 + n,
            f"Abstract illustration for the story “{title}”",
        )
        values = {
            "title": title,
            "date": date,
            "intro": intro,
            "hero_image": image,
            "body": [{"type": "paragraph", "value": P(body)}],
        }
        story, changed = ctx.upsert_page(index, StoryPage, slug, values)
        wanted = sorted(areas[t].pk for t in tags)
        if sorted(story.areas.values_list("pk", flat=True)) != wanted:
            story.areas = wanted
            story.save_revision().publish()
            changed = True
        strings = {title: it_title, slug: it_slug, intro: it_intro, body: it_body}
        ctx.translate(story, strings, changed=changed)
        stories.append(story)
    ctx.data["stories"] = stories
    return index
