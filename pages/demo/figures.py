"""Key figures of the area pages, each linked to its checked source in the research library.

Runs in ``finish`` because the references are created by research/demo.py (ORDER 10). Wording
follows the checked findings: Podsakoff et al. (2009) measured organizational citizenship
behaviour, not "kindness"; Curry et al. (2018) measured the well-being of the people performing
kind acts, not their physical health.
"""

from __future__ import annotations

from ..models import SectionPage
from .context import DemoContext
from .home import _references

FIGURES = {
    "economy": [
        (
            "3,611",
            "work units where helping among colleagues went with higher productivity",
            "unità di lavoro in cui l'aiuto tra colleghi andava con una produttività più alta",
            "Meta-analysis of 38 samples; an association, not a measured effect",
            "Meta-analisi di 38 campioni; un'associazione, non un effetto misurato",
            "podsakoff2009",
            "Podsakoff, N. P., et al. (2009). Journal of Applied Psychology, 94(1), 122-141.",
        ),
        (
            "51,235",
            "employees in 168 samples: helping went with better ratings and less turnover",
            "dipendenti in 168 campioni: l'aiuto andava con valutazioni migliori e meno turnover",
            "Same meta-analysis, individual level",
            "Stessa meta-analisi, livello individuale",
            "podsakoff2009",
            "Podsakoff, N. P., et al. (2009). Journal of Applied Psychology, 94(1), 122-141.",
        ),
    ],
    "health": [
        (
            "27",
            "experiments: acts of kindness gave a small-to-medium boost to the giver's well-being",
            "esperimenti: gli atti di gentilezza aumentano in misura piccola-moderata il "
            "benessere di chi li compie",
            "4,045 participants; effect size δ = 0.28",
            "4.045 partecipanti; dimensione dell'effetto δ = 0,28",
            "curry2018",
            "Curry, O. S., et al. (2018). Journal of Experimental Social Psychology, 76, 320-329.",
        ),
    ],
}


def link_section_figures(ctx: DemoContext) -> None:
    refs = _references(ctx)
    for slug, figures in FIGURES.items():
        section = (ctx.data.get("sections") or {}).get(slug)
        if section is None:
            continue
        section = SectionPage.objects.get(pk=section.pk)
        stream = []
        strings = {}
        for value, label, label_it, context, context_it, key, text in figures:
            ref = refs.get(key)
            stream.append(
                {
                    "type": "statistic",
                    "value": {
                        "value": value,
                        "label": label,
                        "context": context,
                        "source": ref.pk if ref else None,
                        "source_text": text,
                        "source_url": "",
                    },
                }
            )
            strings.update(
                {value: value.replace(",", "."), label: label_it, context: context_it, text: text}
            )
        page, changed = ctx.upsert_page(
            section.get_parent(), SectionPage, section.slug, {"key_figures": stream}
        )
        from .sections import HEADINGS, SECTIONS

        spec = SECTIONS[slug]
        strings.update(
            {
                spec["title"]: spec["it_title"],
                spec["slug"]: spec["it_slug"],
                spec["intro"]: spec["it_intro"],
                spec["intro"][:160]: spec["it_intro"][:160],
                spec["motto"]: spec["it_motto"],
                **dict(HEADINGS.values()),
            }
        )
        ctx.translate(page, strings, changed=changed)
