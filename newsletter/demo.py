"""Demo newsletter: the archive page (with the sign-up form) and one published issue, en + it.

The archive page doubles as the sign-up page and goes in the footer menu; the dedicated form
page at /<lang>/newsletter/subscribe/ works too.
"""

from __future__ import annotations

import datetime

from pages.demo import DemoContext

from .models import NewsletterIndexPage, NewsletterIssuePage

ORDER = 40

INDEX_EN = {
    "title": "Newsletter",
    "intro": (
        "True stories, international initiatives, and practical tools: the movement's newsletter "
        "arrives about once a month, in English or Italian. Past issues are below."
    ),
    "search_description": "Subscribe to the International Kindness Movement newsletter.",
}
INDEX_IT = {
    "Newsletter": "Newsletter",
    INDEX_EN["intro"]: (
        "Storie vere, iniziative internazionali e strumenti pratici: la newsletter del movimento "
        "arriva circa una volta al mese, in italiano o in inglese. Qui sotto i numeri passati."
    ),
    INDEX_EN["search_description"]: (
        "Iscriviti alla newsletter del Movimento Internazionale per la Gentilezza."
    ),
    "newsletter": "newsletter",
}

ISSUE_EN = {
    "title": "Kindness in practice: the first issue",
    "issue_date": datetime.date(2026, 11, 13),
    "preheader": "True stories, international initiatives, and practical tools.",
    "body": [
        {"type": "heading", "value": "Welcome"},
        {
            "type": "text",
            "value": (
                "<p>Thank you for joining the International Kindness Movement newsletter. "
                "Each issue brings true stories, international initiatives, and practical tools "
                "to spread the culture of kindness where you live, study and work.</p>"
            ),
        },
        {"type": "heading", "value": "A practical tool for this month"},
        {
            "type": "text",
            "value": (
                "<p>Try a week of small, deliberate acts of kindness: write them down each evening "
                "and notice how they change your day and the people around you.</p>"
            ),
        },
        {
            "type": "quote",
            "value": {
                "quote": "Kindness is a universal language.",
                "attribution": "International Kindness Movement",
            },
        },
        {"type": "divider", "value": None},
        {
            "type": "button",
            "value": {"label": "Discover the movement", "url": "https://example.org/"},
        },
    ],
}
ISSUE_IT = {
    ISSUE_EN["title"]: "La gentilezza in pratica: il primo numero",
    ISSUE_EN["preheader"]: "Storie vere, iniziative internazionali e strumenti pratici.",
    "Welcome": "Benvenuti",
    (
        "Thank you for joining the International Kindness Movement newsletter. Each issue brings "
        "true stories, international initiatives, and practical tools to spread the culture of "
        "kindness where you live, study and work."
    ): (
        "Grazie per esserti iscritto alla newsletter del Movimento Internazionale per la "
        "Gentilezza. Ogni numero porta storie vere, iniziative internazionali e strumenti pratici "
        "per diffondere la cultura della gentilezza dove vivi, studi e lavori."
    ),
    "A practical tool for this month": "Uno strumento pratico per questo mese",
    (
        "Try a week of small, deliberate acts of kindness: write them down each evening and "
        "notice how they change your day and the people around you."
    ): (
        "Prova una settimana di piccoli gesti di gentilezza consapevoli: annotali ogni sera e "
        "osserva come cambiano la tua giornata e le persone intorno a te."
    ),
    "Kindness is a universal language.": "La gentilezza è un linguaggio universale.",
    "International Kindness Movement": "Movimento Internazionale per la Gentilezza",
    "Discover the movement": "Scopri il movimento",
    "kindness-in-practice-first-issue": "kindness-in-practice-first-issue",
}


def load(ctx: DemoContext) -> None:
    index, changed = ctx.upsert_page(ctx.home("en"), NewsletterIndexPage, "newsletter", INDEX_EN)
    ctx.translate(index, INDEX_IT, changed=changed)
    issue, changed = ctx.upsert_page(
        index, NewsletterIssuePage, "kindness-in-practice-first-issue", ISSUE_EN
    )
    ctx.translate(issue, ISSUE_IT, changed=changed)
    ctx.data.setdefault("footer_menu", []).append(index)
