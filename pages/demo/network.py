"""The network page and example members, each flagged ``is_example`` (shown on the site)."""

from __future__ import annotations

import datetime

from ..models import Area, Member, MemberStatus, NetworkPage
from .context import DemoContext

P = "<p>{}</p>".format

PAGE_EN = {
    "title": "The network",
    "intro": P(
        "A wide global network of people, schools, companies, hospitals and public "
        "administrations that spread the values of kindness in the social fabric. Public "
        "administrations that join integrate kindness into local policies and services."
    ),
    "join_heading": "Join the movement",
    "join_intro": P(
        "Tell us about your organisation. We read every application and reply within a few "
        "weeks; once approved, you appear in the directory."
    ),
    "join_thanks": P("Thank you! We have received your application and will write to you soon."),
    "search_description": "Organisations around the world that joined the movement.",
}
PAGE_IT = {
    "The network": "La rete",
    "network": "rete",
    "A wide global network of people, schools, companies, hospitals and public administrations "
    "that spread the values of kindness in the social fabric. Public administrations that join "
    "integrate kindness into local policies and services.": "Un'ampia rete mondiale di persone, "
    "scuole, aziende, ospedali e pubbliche amministrazioni che diffondono i valori della "
    "gentilezza nel tessuto sociale. Le pubbliche amministrazioni che aderiscono integrano la "
    "gentilezza nelle politiche locali e nei servizi.",
    "Join the movement": "Aderisci al movimento",
    "Tell us about your organisation. We read every application and reply within a few weeks; "
    "once approved, you appear in the directory.": "Raccontaci la tua organizzazione. Leggiamo "
    "ogni domanda e rispondiamo entro poche settimane; dopo l'approvazione comparirai "
    "nell'elenco.",
    "Thank you! We have received your application and will write to you soon.": "Grazie! "
    "Abbiamo ricevuto la tua domanda e ti scriveremo presto.",
    "Organisations around the world that joined the movement.": "Le organizzazioni di tutto il "
    "mondo che hanno aderito al movimento.",
}

# name, kind, country, region, city, joined, areas, description
MEMBERS = [
    (
        "Example: Municipality of Borgo Gentile",
        "public_administration",
        "IT",
        "Sardegna",
        "Borgo Gentile",
        (2022, 3, 1),
        ["health", "culture"],
        "A town council that added kindness to its civic services charter.",
    ),
    (
        "Example: City of Kindhaven",
        "public_administration",
        "IT",
        "Lombardia",
        "Kindhaven",
        (2023, 1, 15),
        ["education", "environment"],
        "Kindness workshops in every municipal library.",
    ),
    (
        "Example: Town of Bonté-sur-Mer",
        "public_administration",
        "FR",
        "Bretagne",
        "Bonté-sur-Mer",
        (2024, 6, 10),
        ["tourism"],
        "Welcome training for seasonal staff.",
    ),
    (
        "Example: Rainbow Primary School",
        "school",
        "IT",
        "Lazio",
        "Roma",
        (2022, 9, 20),
        ["education"],
        "A kindness diary in every class.",
    ),
    (
        "Example: Liceo della Gentilezza",
        "school",
        "IT",
        "Calabria",
        "Lamezia",
        (2023, 10, 2),
        ["education", "culture"],
        "Students run a peer-listening desk.",
    ),
    (
        "Example: Sunrise Health Cooperative",
        "health",
        "CH",
        "Ticino",
        "Lugano",
        (2023, 4, 12),
        ["health"],
        "Ten minutes of listening at every shift change.",
    ),
    (
        "Example: Green Hands Ltd",
        "company",
        "ES",
        "Catalunya",
        "Tremp",
        (2024, 2, 1),
        ["economy", "environment"],
        "Volunteering days for every employee.",
    ),
    (
        "Example: Kind Bakery",
        "company",
        "IT",
        "Toscana",
        "Siena",
        (2024, 11, 3),
        ["economy"],
        "A suspended-bread shelf for neighbours in need.",
    ),
    (
        "Example: Friends of Slow Travel",
        "association",
        "PT",
        "Lisboa",
        "Lisboa",
        (2025, 1, 9),
        ["tourism", "culture"],
        "Walking routes that meet local artisans.",
    ),
    (
        "Example: Kindness Choir",
        "association",
        "DE",
        "Bayern",
        "München",
        (2025, 4, 22),
        ["culture"],
        "Concerts in care homes.",
    ),
]


def ensure_network(ctx: DemoContext, areas: dict[str, Area]) -> NetworkPage:
    home = ctx.data["home"]
    page, changed = ctx.upsert_page(home, NetworkPage, "network", PAGE_EN)
    ctx.translate(page, PAGE_IT, changed=changed)
    ctx.data["main_menu"].append(page)
    for name, kind, country, region, city, joined, tags, description in MEMBERS:
        member, changed = ctx.upsert(
            Member,
            {"name": name},
            {
                "kind": kind,
                "country": country,
                "region": region,
                "city": city,
                "joined": datetime.date(*joined),
                "description": description,
                "status": MemberStatus.APPROVED,
                "is_example": True,
            },
        )
        wanted = {areas[t].pk for t in tags}
        if set(member.areas.values_list("pk", flat=True)) != wanted:
            member.areas.set(wanted)
            changed = True
        if changed or member.live_revision_id is None:
            # Saved (a cluster's areas are written on save) and published through a revision,
            # as an approval does: a later scheduled change then waits for its time.
            member.save()
            member.save_revision().publish()
    ctx.data["network_page"] = page
    return page
