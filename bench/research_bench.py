"""Research library benchmark: ``make bench`` (or ``.venv/bin/python bench/research_bench.py``).

Builds a 10,000-reference library in a throw-away test database, then reports:

* the time and the number of queries of the library page (facet counts, search, sort, page),
  with no filter and with each filter; the number of queries must be the same for all;
* the time to parse, plan (duplicate checks against the whole library) and import 10,000
  BibTeX entries.

These are measurements, not tests: nothing fails on a slow machine. Set BENCH_SIZE to change
the size (default 10000).
"""

from __future__ import annotations

import os
import random
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pages.models import Area
    from research.models import ResearchIndexPage

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kindness_site.settings.test")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_databases,
    setup_test_environment,
    teardown_databases,
)

SIZE = int(os.environ.get("BENCH_SIZE", "10000"))
STARTED = time.perf_counter()
FAMILIES = [
    "Rossi",
    "Smith",
    "Zak",
    "Curry",
    "Layous",
    "Bianchi",
    "Garcia",
    "Müller",
    "Kim",
    "Nguyen",
    "Okafor",
    "Lindqvist",
    "Dubois",
    "Silva",
    "Tanaka",
    "Novak",
]
WORDS = [
    "kindness",
    "trust",
    "well-being",
    "prosocial",
    "school",
    "health",
    "work",
    "empathy",
    "gratitude",
    "volunteering",
    "stress",
    "burnout",
    "children",
    "community",
    "nature",
]
TYPES = ["article-journal", "book", "report", "chapter", "article-magazine"]
EVIDENCE = ["meta-analysis", "rct", "cohort", "cross-sectional", "review", "book", ""]


@contextmanager
def timed(label: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    print(f"{label:<58} {time.perf_counter() - start:8.2f} s")


def build_site() -> tuple[ResearchIndexPage, list[Area]]:
    from wagtail.models import Locale, Page, Site

    from pages.models import Area, HomePage
    from research.models import ResearchIndexPage

    en = Locale.objects.get_or_create(language_code="en")[0]
    Locale.objects.get_or_create(language_code="it")
    root = Page.get_first_root_node()
    for child in root.get_children():
        child.delete()
    home = HomePage(title="Home", slug="home", locale=en)
    root.add_child(instance=home)
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True)
    library = ResearchIndexPage(title="Research", slug="research", per_page=20)
    home.add_child(instance=library)
    library.save_revision().publish()
    areas = [
        Area.objects.create(name=slug.title(), slug=slug, colour="rose", icon="heart", locale=en)
        for slug in ("health", "education", "environment", "economy", "culture", "tourism")
    ]
    return library, areas


def build_library(areas: list[Area]) -> None:
    from research.models import Reference, ReferenceCreator

    rng = random.Random(42)
    refs = []
    for i in range(SIZE):
        csl_type = rng.choice(TYPES)
        refs.append(
            Reference(
                slug=f"ref-{i}",
                csl_type=csl_type,
                title=" ".join(rng.sample(WORDS, 5)).capitalize() + f" {i}",
                container_title="Journal of Kindness" if csl_type.startswith("article") else "",
                publisher="" if csl_type.startswith("article") else "Kind Press",
                issued_year=rng.randint(1970, 2025),
                evidence_type=rng.choice(EVIDENCE),
                doi=f"10.5555/bench.{i}" if i % 3 else "",
                summary_en="A summary of the study in plain words.",
            )
        )
    created = Reference.objects.bulk_create(refs, batch_size=1000)
    creators = []
    through = Reference.areas.through
    links = []
    for ref in created:
        for n in range(rng.randint(1, 4)):
            creators.append(
                ReferenceCreator(
                    reference_id=ref.pk, sort_order=n, family=rng.choice(FAMILIES), given="A."
                )
            )
        for area in rng.sample(areas, rng.randint(0, 2)):
            links.append(through(reference_id=ref.pk, area_id=area.pk))
    ReferenceCreator.objects.bulk_create(creators, batch_size=5000)
    through.objects.bulk_create(links, batch_size=5000)


def index_library() -> None:
    from modelsearch.backends import get_search_backends

    from research.models import Reference

    refs = list(Reference.objects.prefetch_related("creators"))
    for backend in get_search_backends():
        backend.add_bulk(Reference, refs)


def bench_listing(library: ResearchIndexPage) -> None:
    client = Client()
    client.get(library.url)  # warm per-process caches (locale, CSL styles)
    queries: dict[str, dict[str, Any]] = {
        "no filter": {},
        "area=health": {"area": "health"},
        "area + type + evidence": {
            "area": ["health", "education"],
            "type": "book",
            "evidence": "rct",
        },
        "years 2000-2010, sort by first author": {
            "year_from": 2000,
            "year_to": 2010,
            "sort": "author",
        },
        "author=Zak": {"author": "Zak"},
        "search 'kindness trust'": {"q": "kindness trust"},
        "search + area + page 3": {"q": "kindness", "area": "health", "page": 3},
    }
    counts = set()
    for label, params in queries.items():
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(library.url, params)
            elapsed = time.perf_counter() - start
        assert response.status_code == 200, response.status_code
        counts.add(len(ctx.captured_queries))
        print(f"listing, {label:<50} {elapsed:8.2f} s  {len(ctx.captured_queries):3d} queries")
    print(
        f"listing query counts: {sorted(counts)} (one count means the same number of queries "
        "for every filter, search and page)"
    )


def bibtex_file(n: int) -> str:
    rng = random.Random(7)
    entries = []
    for i in range(n):
        authors = " and ".join(
            f"{rng.choice(FAMILIES)}, {chr(65 + i % 26)}." for _ in range(rng.randint(1, 3))
        )
        entries.append(
            f"@article{{imp{i},\n  author = {{{authors}}},\n"
            f"  title = {{Imported {' '.join(rng.sample(WORDS, 4))} {i}}},\n"
            f"  journal = {{Journal of Imports}},\n  year = {{{rng.randint(1980, 2025)}}},\n"
            f"  volume = {{{i % 50}}},\n  pages = {{1--{10 + i % 90}}},\n"
            f"  doi = {{10.5556/imp.{i}}}\n}}\n"
        )
    return "\n".join(entries)


def bench_import() -> None:
    from research.importing import apply_plan, build_plan
    from research.models import Reference

    text = bibtex_file(SIZE)
    before = Reference.objects.count()
    with timed(f"import: parse + plan {SIZE} BibTeX entries (vs {before} in library)"):
        plan = build_plan(text, "bibtex")
    print(f"  {plan.summary()}")
    with timed(f"import: write {plan.counts['create']} references (one transaction)"):
        counts = apply_plan(plan, source="bench.bib")
    print(f"  {counts}")


def main() -> None:
    setup_test_environment()
    old = setup_databases(verbosity=0, interactive=False)
    try:
        print(f"Research library benchmark, {SIZE} references, {connection.vendor}")
        with timed("setup: site, library page, areas"):
            library, areas = build_site()
        with timed(f"setup: bulk_create {SIZE} references with creators and areas"):
            build_library(areas)
        with timed(f"setup: search index for {SIZE} references"):
            index_library()
        bench_listing(library)
        limit = float(os.environ.get("BENCH_TIME_LIMIT", "0") or 0)
        if limit and time.perf_counter() - STARTED > 0.5 * limit:
            print(f"import benchmark skipped: less than half of BENCH_TIME_LIMIT={limit:.0f}s left")
            return
        bench_import()
    finally:
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    main()
