"""schema.org ``Project`` data for a project page (serialised by ``seo_tags.json_ld``).

``Project`` is a subtype of ``Organization`` in schema.org, so dates use ``foundingDate`` and
``dissolutionDate`` and the people and partners are ``member``s.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language

from pages.public_urls import absolute, page_absolute_url

from .models import ProjectPage


def project_json_ld(
    project: ProjectPage,
    request: HttpRequest,
    *,
    people: list[Any],
    organisations: list[Any],
    areas: list[Any],
) -> dict[str, Any]:
    url = page_absolute_url(project)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Project",
        "@id": f"{url}#project",
        "name": project.title,
        "description": project.summary,
        "url": url,
        "inLanguage": get_language() or "en",
        "parentOrganization": {"@id": absolute("/") + "#organization"},
    }
    address = {
        key: value
        for key, value in (
            ("addressCountry", project.country),
            ("addressRegion", project.region),
            ("addressLocality", project.city),
        )
        if value
    }
    if address or project.site_name:
        place: dict[str, Any] = {"@type": "Place"}
        if project.site_name:
            place["name"] = project.site_name
        if address:
            place["address"] = {"@type": "PostalAddress", **address}
        data["location"] = place
    if project.start_date:
        data["foundingDate"] = project.start_date.isoformat()
    if project.end_date and project.status == "completed":
        data["dissolutionDate"] = project.end_date.isoformat()
    members = [{"@type": "Person", "name": person.display_name} for person in people]
    members += [
        {"@type": "Organization", "name": org.name, **({"url": org.url} if org.url else {})}
        for org in organisations
    ]
    if members:
        data["member"] = members
    if areas:
        data["knowsAbout"] = [area.name for area in areas]
    if project.hero_image_id and project.hero_image is not None:
        rendition = project.hero_image.get_rendition("fill-1200x630|format-jpeg")
        data["image"] = absolute(rendition.url)
    return data
