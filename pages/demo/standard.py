"""Standard pages: About/Manifesto, the Biology of Kindness, Measuring impact, privacy policy.

The movement's own text contains claims its sources do not support; the wording here follows
the checked findings (see research/demo.py): Zak (2017) compares high- and low-trust companies;
Curry et al. (2018) measured the well-being of the people performing kind acts, nothing more.
"""

from __future__ import annotations

from typing import Any

from ..models import StandardPage
from .context import DemoContext

P = "<p>{}</p>".format


def heading(text: str) -> dict[str, Any]:
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


def para(text: str) -> dict[str, Any]:
    return {"type": "paragraph", "value": P(text)}


ABOUT_EN = {
    "title": "About the movement",
    "intro": P(
        "We are a worldwide, apolitical, non-religious movement involving people, institutions, "
        "and public and private organisations in spreading the culture of kindness and the "
        "values associated with it."
    ),
    "search_description": "Who we are, what we believe and how we work.",
}
ABOUT_BODY = [
    heading("Our manifesto"),
    para(
        "Kindness is an indispensable social provocation in a time when verbal, physical and "
        "economic violence is rampant; when a sense of belonging, consensus and identity are "
        "built by creating an enemy to fight, a culprit to condemn, a counterpart to crush, "
        "criticise and judge."
    ),
    para(
        "Through a solid base of scientific research, we promote the practical application of "
        "kindness within the social fabric, so that it can have a real and transformative "
        "impact on community life, health, and individual, relational and collective "
        "well-being."
    ),
    {
        "type": "quote",
        "value": {
            "quote": (
                "Kindness is able to overcome all cultural barriers because it is a universal "
                "language that speaks through the intelligence of the heart."
            ),
            "attribution": "Daniel Lumera",
            "role": "Founder of the International Kindness Movement",
        },
    },
    {
        "type": "accordion",
        "value": {
            "heading": "Frequently asked questions",
            "items": [
                {
                    "question": "Who can join?",
                    "answer": P(
                        "People, schools, companies, hospitals and health systems, associations "
                        "and public administrations, anywhere in the world."
                    ),
                },
                {
                    "question": "Is the movement political or religious?",
                    "answer": P("No. It is apolitical and non-religious."),
                },
            ],
        },
    },
]
ABOUT_IT = {
    "About the movement": "Il movimento",
    "about": "il-movimento",
    "We are a worldwide, apolitical, non-religious movement involving people, institutions, and "
    "public and private organisations in spreading the culture of kindness and the values "
    "associated with it.": "Siamo un movimento mondiale, apolitico e aconfessionale che coinvolge "
    "persone, istituzioni e organizzazioni pubbliche e private nella diffusione della cultura "
    "della gentilezza e dei valori a essa associati.",
    "Who we are, what we believe and how we work.": "Chi siamo, in che cosa crediamo e come "
    "lavoriamo.",
    "Our manifesto": "Il nostro manifesto",
    "Kindness is an indispensable social provocation in a time when verbal, physical and economic "
    "violence is rampant; when a sense of belonging, consensus and identity are built by "
    "creating an enemy to fight, a culprit to condemn, a counterpart to crush, criticise and "
    "judge.": "La gentilezza è una provocazione sociale indispensabile in un tempo in cui dilaga "
    "la violenza verbale, fisica ed economica; in cui appartenenza, consenso e identità si "
    "costruiscono creando un nemico da combattere, un colpevole da condannare, una controparte "
    "da schiacciare, criticare e giudicare.",
    "Through a solid base of scientific research, we promote the practical application of "
    "kindness within the social fabric, so that it can have a real and transformative impact on "
    "community life, health, and individual, relational and collective well-being.": "Grazie a "
    "una solida base di ricerca scientifica, promuoviamo l'applicazione pratica della gentilezza "
    "nel tessuto sociale, perché possa generare un impatto reale e trasformativo sulla vita "
    "delle comunità, sulla salute e sul benessere individuale, relazionale e collettivo.",
    "Kindness is able to overcome all cultural barriers because it is a universal language that "
    "speaks through the intelligence of the heart.": "La gentilezza è capace di superare tutte "
    "le barriere culturali perché è un linguaggio universale che parla attraverso "
    "l'intelligenza del cuore.",
    "Daniel Lumera": "Daniel Lumera",
    "Founder of the International Kindness Movement": "Fondatore del Movimento Internazionale "
    "per la Gentilezza",
    "Frequently asked questions": "Domande frequenti",
    "Who can join?": "Chi può aderire?",
    "People, schools, companies, hospitals and health systems, associations and public "
    "administrations, anywhere in the world.": "Persone, scuole, aziende, ospedali e sistemi "
    "sanitari, associazioni e pubbliche amministrazioni, in tutto il mondo.",
    "Is the movement political or religious?": "Il movimento è politico o religioso?",
    "No. It is apolitical and non-religious.": "No. È apolitico e aconfessionale.",
}

BIOLOGY_EN = {
    "title": "The biology of kindness",
    "intro": P(
        "From the meeting of science and consciousness comes the idea of the biology of "
        "kindness: a biology of values, which studies how inner change relates to well-being, "
        "health and longevity, and to the quality of relationships."
    ),
    "search_description": "What science says about kindness, well-being and longevity.",
}
BIOLOGY_BODY = [
    para(
        "Optimism, kindness, forgiveness, gratitude and happiness are the five values at the "
        "heart of the book by Immaculata De Vivo and Daniel Lumera, which also proposes six "
        "daily choices: relationships, nutrition, physical activity, meditation, music and "
        "contact with nature."
    ),
    heading("What the research shows"),
    para(
        "A meta-analysis of 27 experiments (4,045 participants) found that performing acts of "
        "kindness gives a small-to-medium boost to the well-being of the person who performs "
        "them (Curry et al., 2018, Journal of Experimental Social Psychology)."
    ),
    para(
        "A broader review of 201 studies found a modest link between helping others and "
        "well-being, including physical health (Hui et al., 2020, Psychological Bulletin)."
    ),
]
BIOLOGY_IT = {
    "The biology of kindness": "La biologia della gentilezza",
    "biology-of-kindness": "biologia-della-gentilezza",
    "From the meeting of science and consciousness comes the idea of the biology of kindness: a "
    "biology of values, which studies how inner change relates to well-being, health and "
    "longevity, and to the quality of relationships.": "Dall'incontro tra scienza e coscienza "
    "nasce l'idea della biologia della gentilezza: una biologia dei valori, che studia come il "
    "cambiamento interiore si lega al benessere, alla salute, alla longevità e alla qualità "
    "delle relazioni.",
    "What science says about kindness, well-being and longevity.": "Che cosa dice la scienza su "
    "gentilezza, benessere e longevità.",
    "Optimism, kindness, forgiveness, gratitude and happiness are the five values at the heart "
    "of the book by Immaculata De Vivo and Daniel Lumera, which also proposes six daily "
    "choices: relationships, nutrition, physical activity, meditation, music and contact with "
    "nature.": "Ottimismo, gentilezza, perdono, gratitudine e felicità sono i cinque valori al "
    "centro del libro di Immaculata De Vivo e Daniel Lumera, che propone anche sei scelte "
    "quotidiane: relazioni, alimentazione, attività fisica, meditazione, musica e contatto con "
    "la natura.",
    "What the research shows": "Che cosa mostra la ricerca",
    "A meta-analysis of 27 experiments (4,045 participants) found that performing acts of "
    "kindness gives a small-to-medium boost to the well-being of the person who performs them "
    "(Curry et al., 2018, Journal of Experimental Social Psychology).": "Una meta-analisi di 27 "
    "esperimenti (4.045 partecipanti) ha rilevato che compiere atti di gentilezza aumenta in "
    "misura piccola-moderata il benessere di chi li compie (Curry et al., 2018, Journal of "
    "Experimental Social Psychology).",
    "A broader review of 201 studies found a modest link between helping others and well-being, "
    "including physical health (Hui et al., 2020, Psychological Bulletin).": "Una revisione più "
    "ampia di 201 studi ha riscontrato un legame modesto tra l'aiutare gli altri e il "
    "benessere, compresa la salute fisica (Hui et al., 2020, Psychological Bulletin).",
}

IMPACT_EN = {
    "title": "Measuring impact",
    "intro": P(
        "We measure the impact of kindness in workplaces and schools, and we say plainly what "
        "the evidence does and does not show."
    ),
    "search_description": "How we measure the impact of kindness at work and at school.",
}
IMPACT_BODY = [
    heading("Business productivity"),
    para(
        "Our model is based on the connection between well-being, motivation, values, "
        "creativity and productivity. It shows how a corporate culture based on kindness "
        "affects job satisfaction and the quality of personal and professional life."
    ),
    para(
        "A meta-analysis in the Journal of Applied Psychology found that helpful, cooperative "
        "behaviour among colleagues is associated with better performance ratings and lower "
        "turnover and absenteeism (168 samples, 51,235 employees) and, in 38 samples covering "
        "3,611 work units, with higher productivity and efficiency (Podsakoff et al., 2009)."
    ),
    heading("School programmes"),
    para(
        "We work on school programmes based on the values of kindness and measure their effect "
        "on relationships in class. In a study of preadolescents, pupils who performed acts of "
        "kindness became more accepted by their peers (Layous et al., 2012)."
    ),
    para(
        "In 2023 we co-designed, with Giunti EDU, a 25-hour kindness course for teachers that is "
        "recognised by Italy's Ministry of Education and Merit for compulsory teacher training."
    ),
]
IMPACT_IT = {
    "Measuring impact": "Misurare l'impatto",
    "measuring-impact": "misurare-l-impatto",
    "We measure the impact of kindness in workplaces and schools, and we say plainly what the "
    "evidence does and does not show.": "Misuriamo l'impatto della gentilezza nei luoghi di "
    "lavoro e nelle scuole, e diciamo con chiarezza che cosa le prove mostrano e che cosa no.",
    "How we measure the impact of kindness at work and at school.": "Come misuriamo l'impatto "
    "della gentilezza al lavoro e a scuola.",
    "Business productivity": "Produttività aziendale",
    "Our model is based on the connection between well-being, motivation, values, creativity "
    "and productivity. It shows how a corporate culture based on kindness affects job "
    "satisfaction and the quality of personal and professional life.": "Il nostro modello si "
    "basa sul legame tra benessere, motivazione, valori, creatività e produttività. Mostra come "
    "una cultura aziendale fondata sulla gentilezza incida sulla soddisfazione lavorativa e "
    "sulla qualità della vita personale e professionale.",
    "A meta-analysis in the Journal of Applied Psychology found that helpful, cooperative "
    "behaviour among colleagues is associated with better performance ratings and lower "
    "turnover and absenteeism (168 samples, 51,235 employees) and, in 38 samples covering 3,611 "
    "work units, with higher productivity and efficiency (Podsakoff et al., 2009).": "Una "
    "meta-analisi sul Journal of Applied Psychology ha rilevato che i comportamenti di aiuto e "
    "collaborazione tra colleghi sono associati a valutazioni migliori delle prestazioni e a "
    "minori turnover e assenteismo (168 campioni, 51.235 lavoratori) e, in 38 campioni per "
    "3.611 unità di lavoro, a maggiore produttività ed efficienza (Podsakoff et al., 2009).",
    "School programmes": "Programmi scolastici",
    "We work on school programmes based on the values of kindness and measure their effect on "
    "relationships in class. In a study of preadolescents, pupils who performed acts of "
    "kindness became more accepted by their peers (Layous et al., 2012).": "Realizziamo "
    "programmi scolastici fondati sui valori della gentilezza e ne misuriamo l'effetto sulle "
    "relazioni in classe. In uno studio su preadolescenti, gli alunni che compivano atti di "
    "gentilezza sono diventati più accettati dai compagni (Layous et al., 2012).",
    "In 2023 we co-designed, with Giunti EDU, a 25-hour kindness course for teachers that is "
    "recognised by Italy's Ministry of Education and Merit for compulsory teacher training.": "Nel "
    "2023 abbiamo ideato, con Giunti EDU, un percorso formativo di 25 ore sulla gentilezza per "
    "insegnanti, riconosciuto dal Ministero dell'Istruzione e del Merito ai fini della "
    "formazione obbligatoria dei docenti.",
}

PRIVACY_EN = {
    "title": "Privacy policy",
    "intro": P("What we collect, why, and how you can ask us to change or delete it."),
    "search_description": "How the movement handles personal data.",
}
PRIVACY_BODY = [
    heading("Network applications"),
    para(
        "When an organisation asks to join, we store the details in the form to review the "
        "application. The contact name and email address are never published."
    ),
    heading("Videos"),
    para(
        "Videos from YouTube or Vimeo load only when you press play; until then no request is "
        "sent to those services."
    ),
]
PRIVACY_IT = {
    "Privacy policy": "Informativa sulla privacy",
    "privacy": "privacy",
    "What we collect, why, and how you can ask us to change or delete it.": "Che cosa "
    "raccogliamo, perché, e come puoi chiederci di modificarlo o cancellarlo.",
    "How the movement handles personal data.": "Come il movimento tratta i dati personali.",
    "Network applications": "Domande di adesione alla rete",
    "When an organisation asks to join, we store the details in the form to review the "
    "application. The contact name and email address are never published.": "Quando "
    "un'organizzazione chiede di aderire, conserviamo i dati del modulo per valutare la "
    "domanda. Il nome e l'indirizzo email del referente non vengono mai pubblicati.",
    "Videos": "Video",
    "Videos from YouTube or Vimeo load only when you press play; until then no request is sent "
    "to those services.": "I video di YouTube o Vimeo si caricano solo quando premi play; fino "
    "ad allora nessuna richiesta viene inviata a quei servizi.",
}

PAGES = [
    ("about", ABOUT_EN, ABOUT_BODY, ABOUT_IT, "main_menu"),
    ("biology-of-kindness", BIOLOGY_EN, BIOLOGY_BODY, BIOLOGY_IT, "footer_menu"),
    ("measuring-impact", IMPACT_EN, IMPACT_BODY, IMPACT_IT, "footer_menu"),
    ("privacy", PRIVACY_EN, PRIVACY_BODY, PRIVACY_IT, "legal_menu"),
]


def ensure_standard_pages(ctx: DemoContext) -> dict[str, StandardPage]:
    home = ctx.data["home"]
    result = {}
    for slug, values, body, strings, menu in PAGES:
        page, changed = ctx.upsert_page(home, StandardPage, slug, {**values, "body": body})
        ctx.translate(page, strings, changed=changed)
        ctx.data[menu].append(page)
        result[slug] = page
    return result
