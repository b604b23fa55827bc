"""Demo team: every role in the movement's text, in English and Italian.

Only the founder and the co-founder are named, because the text names only them; everyone else
appears under their role ("IKM Director"), with no invented name. Facts follow the checked notes:
Daniel Lumera is not called a "Wildlife Biologist" (no source says so), Immaculata De Vivo's
editorial role is left out (unverified), institutions carry their official names, and the
economist the text lists twice is one person. Details the notes could not confirm beyond the
role itself (a programme's name, a directorship's end date) are left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from wagtail.models import Page

from pages.demo import DemoContext
from pages.models import Area

from .models import GroupMembership, Person, PersonGroup, TeamPage
from .placeholders import PALETTE, initials, placeholder_image

ORDER = 20

GROUPS = [
    # slug, English name, Italian name, order
    ("founders", "Founders", "Fondatori", 10),
    ("direction", "Direction", "Direzione", 20),
    ("scientific-committee", "Scientific committee", "Comitato scientifico", 30),
    ("communication", "Communication", "Comunicazione", 40),
]


@dataclass
class DemoPerson:
    slug: str
    display_name: str
    role: str
    groups: list[tuple[str, int]]  # (group slug, position in the group)
    it: dict[str, str]
    given_name: str = ""
    family_name: str = ""
    honorific: str = ""
    short_bio: str = ""
    biography: list[str] = field(default_factory=list)
    affiliations: list[tuple[str, str]] = field(default_factory=list)
    expertise: list[str] = field(default_factory=list)
    display_order: int = 0


PEOPLE = [
    DemoPerson(
        slug="daniel-lumera",
        display_name="Daniel Lumera",
        given_name="Daniel",
        family_name="Lumera",
        role="Founder of the International Kindness Movement",
        groups=[("founders", 10)],
        short_bio=(
            "Writer and expert in well-being sciences, creator of the My Life Design® method "
            "and co-author, with Immaculata De Vivo, of “The Biology of Kindness”."
        ),
        biography=[
            "Daniel Lumera founded the International Kindness Movement. He is president of My "
            "Life Design ONLUS in Milan, which runs the “Italia Gentile” network of kind schools "
            "and municipalities.",
            "With Immaculata De Vivo he wrote “Biologia della gentilezza” (Mondadori, 2020), "
            "published in English as “The Biology of Kindness: Six Daily Choices for Health, "
            "Well-Being, and Longevity” (The MIT Press, 2024).",
        ],
        affiliations=[
            ("International Kindness Movement", "Founder"),
            ("My Life Design ONLUS", "President"),
        ],
        expertise=["health", "education"],
        it={
            "Founder of the International Kindness Movement": (
                "Fondatore del Movimento Internazionale per la Gentilezza"
            ),
            "Founder": "Fondatore",
            "President": "Presidente",
            "Writer and expert in well-being sciences, creator of the My Life Design® method "
            "and co-author, with Immaculata De Vivo, of “The Biology of Kindness”.": (
                "Scrittore ed esperto di scienze del benessere, ideatore del metodo My Life "
                "Design® e coautore, con Immaculata De Vivo, di “Biologia della gentilezza”."
            ),
            "Daniel Lumera founded the International Kindness Movement. He is president of My "
            "Life Design ONLUS in Milan, which runs the “Italia Gentile” network of kind schools "
            "and municipalities.": (
                "Daniel Lumera ha fondato il Movimento Internazionale per la Gentilezza. È "
                "presidente di My Life Design ONLUS a Milano, che promuove la rete “Italia "
                "Gentile” di scuole e comuni gentili."
            ),
            "With Immaculata De Vivo he wrote “Biologia della gentilezza” (Mondadori, 2020), "
            "published in English as “The Biology of Kindness: Six Daily Choices for Health, "
            "Well-Being, and Longevity” (The MIT Press, 2024).": (
                "Con Immaculata De Vivo ha scritto “Biologia della gentilezza” (Mondadori, "
                "2020), pubblicato in inglese come “The Biology of Kindness: Six Daily Choices "
                "for Health, Well-Being, and Longevity” (The MIT Press, 2024)."
            ),
        },
    ),
    DemoPerson(
        slug="immaculata-de-vivo",
        display_name="Immaculata De Vivo",
        given_name="Immaculata",
        family_name="De Vivo",
        honorific="Prof.",
        role=(
            "Co-founder; Professor of Medicine, Harvard Medical School, and Professor of "
            "Epidemiology, Harvard T.H. Chan School of Public Health"
        ),
        groups=[("founders", 20), ("scientific-committee", 10)],
        short_bio=(
            "Researcher in molecular epidemiology and co-author, with Daniel Lumera, of “The "
            "Biology of Kindness”."
        ),
        biography=[
            "Immaculata De Vivo is Professor of Medicine at Harvard Medical School and Professor "
            "of Epidemiology at the Harvard T.H. Chan School of Public Health, and a researcher "
            "in molecular epidemiology.",
            "She co-founded the International Kindness Movement and sits on its scientific "
            "committee.",
        ],
        affiliations=[
            ("Harvard Medical School", "Professor of Medicine"),
            ("Harvard T.H. Chan School of Public Health", "Professor of Epidemiology"),
        ],
        expertise=["health"],
        it={
            "Co-founder; Professor of Medicine, Harvard Medical School, and Professor of "
            "Epidemiology, Harvard T.H. Chan School of Public Health": (
                "Cofondatrice; professoressa di Medicina alla Harvard Medical School e di "
                "Epidemiologia alla Harvard T.H. Chan School of Public Health"
            ),
            "Prof.": "Prof.ssa",
            "Professor of Medicine": "Professoressa di Medicina",
            "Professor of Epidemiology": "Professoressa di Epidemiologia",
            "Researcher in molecular epidemiology and co-author, with Daniel Lumera, of “The "
            "Biology of Kindness”.": (
                "Ricercatrice in epidemiologia molecolare e coautrice, con Daniel Lumera, di "
                "“Biologia della gentilezza”."
            ),
            "Immaculata De Vivo is Professor of Medicine at Harvard Medical School and Professor "
            "of Epidemiology at the Harvard T.H. Chan School of Public Health, and a researcher "
            "in molecular epidemiology.": (
                "Immaculata De Vivo è professoressa di Medicina alla Harvard Medical School e di "
                "Epidemiologia alla Harvard T.H. Chan School of Public Health, e ricercatrice in "
                "epidemiologia molecolare."
            ),
            "She co-founded the International Kindness Movement and sits on its scientific "
            "committee.": (
                "Ha cofondato il Movimento Internazionale per la Gentilezza e fa parte del suo "
                "comitato scientifico."
            ),
        },
    ),
    DemoPerson(
        slug="ikm-director",
        display_name="IKM Director",
        role=(
            "IKM director, creative director, corporate communications manager, human rights "
            "activist"
        ),
        groups=[("direction", 10)],
        it={
            "IKM Director": "Direttore IKM",
            "IKM director, creative director, corporate communications manager, human rights "
            "activist": (
                "Direttore dell'IKM, direttore creativo, responsabile della comunicazione "
                "aziendale, attivista per i diritti umani"
            ),
        },
    ),
    DemoPerson(
        slug="journalist",
        display_name="Journalist",
        role="Journalist, institutional communication expert",
        groups=[("communication", 10)],
        it={
            "Journalist": "Giornalista",
            "Journalist, institutional communication expert": (
                "Giornalista, esperto di comunicazione istituzionale"
            ),
        },
    ),
    DemoPerson(
        slug="molecular-biologist",
        display_name="Molecular biologist",
        role="Molecular biologist, laboratory manager at IRCCS Ospedale San Raffaele, Milan",
        groups=[("scientific-committee", 20)],
        expertise=["health"],
        affiliations=[("IRCCS Ospedale San Raffaele, Milan", "Laboratory manager")],
        it={
            "Molecular biologist": "Biologo molecolare",
            "Molecular biologist, laboratory manager at IRCCS Ospedale San Raffaele, Milan": (
                "Biologo molecolare, responsabile di laboratorio all'IRCCS Ospedale San "
                "Raffaele di Milano"
            ),
            "IRCCS Ospedale San Raffaele, Milan": "IRCCS Ospedale San Raffaele, Milano",
            "Laboratory manager": "Responsabile di laboratorio",
        },
    ),
    DemoPerson(
        slug="physician-epidemiologist",
        display_name="Physician and epidemiologist",
        role=(
            "Director of the Department of Preventive and Predictive Medicine, Fondazione IRCCS "
            "Istituto Nazionale dei Tumori, Milan"
        ),
        groups=[("scientific-committee", 30)],
        expertise=["health"],
        affiliations=[
            (
                "Fondazione IRCCS Istituto Nazionale dei Tumori, Milan",
                "Department of Preventive and Predictive Medicine",
            )
        ],
        it={
            "Physician and epidemiologist": "Medico ed epidemiologo",
            "Director of the Department of Preventive and Predictive Medicine, Fondazione IRCCS "
            "Istituto Nazionale dei Tumori, Milan": (
                "Direttore del Dipartimento di Medicina Preventiva e Predittiva, Fondazione "
                "IRCCS Istituto Nazionale dei Tumori di Milano"
            ),
            "Fondazione IRCCS Istituto Nazionale dei Tumori, Milan": (
                "Fondazione IRCCS Istituto Nazionale dei Tumori, Milano"
            ),
            "Department of Preventive and Predictive Medicine": (
                "Dipartimento di Medicina Preventiva e Predittiva"
            ),
        },
    ),
    DemoPerson(
        # Listed twice, word for word, in the movement's text: one person, entered once.
        slug="economist",
        display_name="Economist",
        role=(
            "Economist (PhD), quality and patient safety manager, Ospedale Regionale di Locarno "
            "(Ente Ospedaliero Cantonale), Switzerland"
        ),
        groups=[("scientific-committee", 40)],
        expertise=["economy", "health"],
        affiliations=[
            (
                "Ospedale Regionale di Locarno, Ente Ospedaliero Cantonale (EOC)",
                "Quality and patient safety manager",
            )
        ],
        it={
            "Economist": "Economista",
            "Economist (PhD), quality and patient safety manager, Ospedale Regionale di Locarno "
            "(Ente Ospedaliero Cantonale), Switzerland": (
                "Economista (PhD), responsabile qualità e sicurezza dei pazienti, Ospedale "
                "Regionale di Locarno (Ente Ospedaliero Cantonale), Svizzera"
            ),
            "Quality and patient safety manager": "Responsabile qualità e sicurezza dei pazienti",
        },
    ),
    DemoPerson(
        slug="geologist",
        display_name="Geologist",
        role=(
            "Specialist geologist, scientific advisor to the Orígens UNESCO Global Geopark "
            "(Conca de Tremp–Montsec, Catalan Pyrenees)"  # noqa: RUF001
        ),
        groups=[("scientific-committee", 50)],
        expertise=["environment", "tourism"],
        it={
            "Geologist": "Geologo",
            "Specialist geologist, scientific advisor to the Orígens UNESCO Global Geopark "
            "(Conca de Tremp–Montsec, Catalan Pyrenees)": (  # noqa: RUF001
                "Geologo specialista, consulente scientifico del Geoparco mondiale UNESCO "
                "Orígens (Conca de Tremp–Montsec, Pirenei catalani)"  # noqa: RUF001
            ),
        },
    ),
]

TEAM_EN = {
    "title": "Team",
    "intro": (
        "<p>The people who guide the International Kindness Movement: its founders, its "
        "direction, its scientific committee and its communication team.</p>"
    ),
    "search_description": (
        "The founders, direction, scientific committee and communication team of the "
        "International Kindness Movement."
    ),
}
TEAM_IT = {
    "Team": "Il team",
    "team": "team",
    "The people who guide the International Kindness Movement: its founders, its direction, its "
    "scientific committee and its communication team.": (
        "Le persone che guidano il Movimento Internazionale per la Gentilezza: i fondatori, la "
        "direzione, il comitato scientifico e la comunicazione."
    ),
    TEAM_EN["search_description"]: (
        "I fondatori, la direzione, il comitato scientifico e la comunicazione del Movimento "
        "Internazionale per la Gentilezza."
    ),
}


def photo_alt(name: str) -> tuple[str, str]:
    letters = initials(name)
    return (
        f"Placeholder portrait with the initials {letters}",
        f"Ritratto provvisorio con le iniziali {letters}",
    )


def ensure_groups(ctx: DemoContext) -> dict[str, PersonGroup]:
    groups = {}
    for slug, name, name_it, order in GROUPS:
        group, changed = ctx.upsert(
            PersonGroup, {"slug": slug, "locale": ctx.en}, {"name": name, "sort_order": order}
        )
        if changed or group.live_revision_id is None:
            group.save_revision().publish()  # as the admin publishes it (see projects.demo)
        ctx.translate(group, {name: name_it}, changed=changed)
        groups[slug] = group
    return groups


def ensure_person(
    ctx: DemoContext, spec: DemoPerson, groups: dict[str, PersonGroup], colour: str
) -> Person:
    photo, _ = placeholder_image(
        f"Placeholder portrait: {spec.display_name}", initials(spec.display_name), colour
    )
    alt_en, alt_it = photo_alt(spec.display_name)
    values = {
        "display_name": spec.display_name,
        "given_name": spec.given_name,
        "family_name": spec.family_name,
        "honorific": spec.honorific,
        "role": spec.role,
        "short_bio": spec.short_bio,
        "biography": "".join(f"<p>{paragraph}</p>" for paragraph in spec.biography),
        "affiliations": [
            {"type": "affiliation", "value": {"organisation": org, "unit": unit, "url": ""}}
            for org, unit in spec.affiliations
        ],
        "photo": photo,
        "photo_alt": alt_en,
        "display_order": spec.display_order,
        "live": True,
    }
    person, changed = ctx.upsert(Person, {"slug": spec.slug, "locale": ctx.en}, values)
    changed |= _sync_memberships(person, [(groups[slug], pos) for slug, pos in spec.groups])
    areas = list(Area.objects.filter(locale=ctx.en, slug__in=spec.expertise))
    changed |= _sync_expertise(person, areas)
    if changed:
        person.save_revision().publish()
    strings = {spec.display_name: spec.it.get(spec.display_name, spec.display_name)}
    strings.update({alt_en: alt_it, spec.honorific: spec.honorific, **spec.it})
    for org, _unit in spec.affiliations:
        strings.setdefault(org, org)  # institutions keep their official names
    translated = ctx.translate(person, strings, changed=changed)
    it_areas = list(Area.objects.filter(locale=ctx.it, slug__in=spec.expertise)) or areas
    _sync_expertise(translated, it_areas)
    return person


def _sync_memberships(person: Person, wanted: list[tuple[PersonGroup, int]]) -> bool:
    """Exactly the wanted memberships with their positions; True when anything changed."""
    current = {m.group_id: m for m in GroupMembership.objects.filter(person=person)}
    changed = False
    for group, position in wanted:
        membership = current.pop(group.pk, None)
        if membership is None:
            GroupMembership.objects.create(person=person, group=group, position=position)
            changed = True
        elif membership.position != position:
            membership.position = position
            membership.save(update_fields=["position"])
            changed = True
    for stale in current.values():
        stale.delete()
        changed = True
    return changed


def _sync_expertise(person: Person, areas: list[Area]) -> bool:
    if {a.pk for a in person.expertise.all()} == {a.pk for a in areas}:
        return False
    person.expertise.set(areas)
    person.save()
    return True


def ensure_team_page(ctx: DemoContext) -> TeamPage:
    page, changed = ctx.upsert_page(ctx.home("en"), TeamPage, "team", TEAM_EN)
    ctx.translate(page, TEAM_IT, changed=changed)
    return page


def schedule_tree_repair(ctx: DemoContext) -> None:
    """Recount children of the Italian pages once the demo transaction commits.

    ``ctx.translate`` publishes translations in ``transaction.on_commit``; each revision holds the
    page as it was when translated, so publishing the Italian home (translated before any child
    existed) writes back ``numchild=0`` and hides its children from Wagtail's router. This
    callback is registered after those publications, so it runs after them and fixes the counts.
    """

    def repair() -> None:
        for parent in Page.objects.filter(locale=ctx.it, depth__in=[2, 3]):
            count = Page.objects.filter(
                path__startswith=parent.path, depth=parent.depth + 1
            ).count()
            if parent.numchild != count:
                Page.objects.filter(pk=parent.pk).update(numchild=count)

    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(repair)
    else:
        repair()


def load(ctx: DemoContext) -> None:
    groups = ensure_groups(ctx)
    people = {}
    for index, spec in enumerate(PEOPLE):
        people[spec.slug] = ensure_person(ctx, spec, groups, PALETTE[index % len(PALETTE)])
    team = ensure_team_page(ctx)
    ctx.data["people"] = people
    ctx.data["team_page"] = team
    ctx.data.setdefault("main_menu", []).append(team)
    schedule_tree_repair(ctx)
