"""Demo team: every role in the movement's text, in English and Italian (``people/demo.yaml``).

Only the founder and the co-founder are named, because the text names only them; everyone else
appears under their role ("IKM Director"), with no invented name. Facts follow the checked notes:
Daniel Lumera is not called a "Wildlife Biologist" (no source says so), Immaculata De Vivo's
editorial role is left out (unverified), institutions carry their official names, and the
economist the text lists twice is one person. Details the notes could not confirm beyond the
role itself (a programme's name, a directorship's end date) are left out.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from wagtail.models import Page

from pages.demo import DemoContext
from pages.demo.data import demo_data, english, translations
from pages.models import Area

from .models import (
    GroupMembership,
    Person,
    PersonGroup,
    SectionContact,
    StoryAuthor,
    TeamPage,
)
from .placeholders import PALETTE, initials, placeholder_image

ORDER = 20
DATA = demo_data("people")


def photo_alt(name: str) -> tuple[str, str]:
    letters = initials(name)
    return (
        f"Placeholder portrait with the initials {letters}",
        f"Ritratto provvisorio con le iniziali {letters}",
    )


def ensure_groups(ctx: DemoContext) -> dict[str, PersonGroup]:
    groups = {}
    for spec in DATA["groups"]:
        name = english(spec["name"])
        group, changed = ctx.upsert(
            PersonGroup,
            {"slug": spec["slug"], "locale": ctx.en},
            {"name": name, "sort_order": spec["sort_order"]},
        )
        if changed or group.live_revision_id is None:
            group.save_revision().publish()  # as the admin publishes it (see projects.demo)
        ctx.translate(group, translations(spec), changed=changed)
        groups[spec["slug"]] = group
    return groups


def ensure_person(
    ctx: DemoContext, spec: dict[str, Any], groups: dict[str, PersonGroup], colour: str
) -> Person:
    """One person from ``demo.yaml``; names given as plain text stay the same in Italian."""
    person_en = english(spec)
    display_name = person_en["display_name"]
    photo, _ = placeholder_image(
        f"Placeholder portrait: {display_name}", initials(display_name), colour
    )
    alt_en, alt_it = photo_alt(display_name)
    affiliations = person_en.get("affiliations", [])
    values = {
        "display_name": display_name,
        "given_name": person_en.get("given_name", ""),
        "family_name": person_en.get("family_name", ""),
        "honorific": person_en.get("honorific", ""),
        "role": person_en["role"],
        "short_bio": person_en.get("short_bio", ""),
        "biography": person_en.get("biography", ""),
        "affiliations": [
            {"type": "affiliation", "value": {**affiliation, "url": ""}}
            for affiliation in affiliations
        ],
        "photo": photo,
        "photo_alt": alt_en,
        "display_order": spec.get("display_order", 0),
        "live": True,
    }
    person, changed = ctx.upsert(Person, {"slug": spec["slug"], "locale": ctx.en}, values)
    wanted_groups = [(groups[slug], position) for slug, position in spec["groups"].items()]
    changed |= _sync_memberships(person, wanted_groups)
    expertise = spec.get("expertise", [])
    areas = list(Area.objects.filter(locale=ctx.en, slug__in=expertise))
    changed |= _sync_expertise(person, areas)
    if changed:
        person.save_revision().publish()
    strings = {display_name: display_name, alt_en: alt_it, values["honorific"]: values["honorific"]}
    strings.update({a["organisation"]: a["organisation"] for a in affiliations})
    strings.update(translations(spec))
    translated = ctx.translate(person, strings, changed=changed)
    it_areas = list(Area.objects.filter(locale=ctx.it, slug__in=expertise)) or areas
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
    return ctx.upsert_translated_page(ctx.home("en"), TeamPage, DATA["team_page"])


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
    for index, spec in enumerate(DATA["people"]):
        people[spec["slug"]] = ensure_person(ctx, spec, groups, PALETTE[index % len(PALETTE)])
    team = ensure_team_page(ctx)
    ctx.data["people"] = people
    ctx.data["team_page"] = team
    ctx.data.setdefault("main_menu", []).append(team)
    schedule_tree_repair(ctx)


def finish(ctx: DemoContext) -> None:
    """Credit people on the pages app's pages, once every builder ran: the area contacts of the
    section pages and the author of the stories, in both languages."""
    people = ctx.data.get("people") or {}
    credits = DATA["credits"]
    for slug, section in (ctx.data.get("sections") or {}).items():
        person = people.get(credits["area_contacts"].get(slug, ""))
        if person is not None:
            _credit(ctx, section, "section_contacts", SectionContact, person)
    author = people.get(credits["story_author"])
    if author is not None:
        for story in ctx.data.get("stories", []):
            _credit(ctx, story, "story_authors", StoryAuthor, author)


def _credit(
    ctx: DemoContext,
    page: Page,
    relation: str,
    model: type[SectionContact | StoryAuthor],
    person: Person,
) -> None:
    """``person`` as the only row of ``page``'s ``relation``, published; the Italian page gets
    the Italian profile in a row with the same ``translation_key``, as wagtail-localize would."""
    page = type(page).objects.get(pk=page.pk)
    if [row.person_id for row in getattr(page, relation).all()] == [person.pk]:
        ctx.counts["unchanged"] += 1
        return
    row = model(person=person)
    setattr(page, relation, [row])
    page.save_revision().publish()
    ctx.counts["updated"] += 1
    translated = page.get_translation_or_none(ctx.it)
    if translated is not None:
        translated = type(page).objects.get(pk=translated.pk)
        person_it = person.get_translation_or_none(ctx.it) or person
        setattr(
            translated,
            relation,
            [model(person=person_it, translation_key=row.translation_key, locale=ctx.it)],
        )
        translated.save_revision().publish()
