"""schema.org ``Person`` data for a profile page (serialised by ``seo_tags.json_ld``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from pages.public_urls import absolute

from .models.person import Person


def person_json_ld(
    person: Person, request: HttpRequest, url: str, expertise: list[str]
) -> dict[str, Any]:
    """Only what the profile shows: a person known by role only gets no given/family name."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Person",
        "@id": f"{url}#person",
        "name": person.display_name,
        "url": url,
        "memberOf": {"@id": absolute("/") + "#organization"},
    }
    if person.family_name:
        data["familyName"] = person.family_name
    if person.given_name:
        data["givenName"] = person.given_name
    if person.honorific:
        data["honorificPrefix"] = person.honorific
    if person.role:
        data["jobTitle"] = person.role
    if person.short_bio:
        data["description"] = person.short_bio
    if person.public_email:
        data["email"] = f"mailto:{person.public_email}"
    affiliations = []
    for block in person.affiliations:
        organisation: dict[str, Any] = {
            "@type": "Organization",
            "name": block.value["organisation"],
        }
        if block.value.get("url"):
            organisation["url"] = block.value["url"]
        affiliations.append(organisation)
    if affiliations:
        data["affiliation"] = affiliations
    same_as = [block.value["url"] for block in person.links]
    if same_as:
        data["sameAs"] = same_as
    if expertise:
        data["knowsAbout"] = list(expertise)
    if person.photo_id and person.photo is not None:
        rendition = person.photo.get_rendition("fill-400x400|format-jpeg")
        data["image"] = absolute(rendition.url)
    return data
