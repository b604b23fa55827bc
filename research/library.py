"""Filtering, searching, sorting and faceting the library: one GET form, a fixed query count.

Every facet is counted with the *other* filters applied (so a visitor sees how many results a
second choice would give) in one grouped query per facet, so the number of queries does not grow
with the size of the library or of the page. Invalid values in the query string are dropped with
a message in the form, never an error page.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.db.models import Case, Count, Max, Min, OuterRef, Q, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from pages.locales import active_locale
from pages.models import Area
from pages.queries import area_taxonomy, cached

from .models import CslType, EvidenceType, Reference, ReferenceCreator

MAX_WORDS = 8  # more words than this add cost, not precision
SORTS = {
    "newest": (_("Newest first"), ["-issued_year", "-issued_month", "title"]),
    "oldest": (_("Oldest first"), ["issued_year", "issued_month", "title"]),
    "title": (_("Title A-Z"), ["title"]),
    "author": (_("First author A-Z"), ["first_author", "-issued_year"]),
}
RELEVANCE = "relevance"


class LibraryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    area = forms.MultipleChoiceField(label=_("Area"), required=False)
    type = forms.MultipleChoiceField(label=_("Type"), required=False, choices=CslType.choices)
    evidence = forms.MultipleChoiceField(
        label=_("Evidence"), required=False, choices=EvidenceType.choices
    )
    year_from = forms.IntegerField(
        label=_("From year"), required=False, min_value=1000, max_value=2999
    )
    year_to = forms.IntegerField(label=_("To year"), required=False, min_value=1000, max_value=2999)
    author = forms.CharField(label=_("Author"), required=False, max_length=120)
    sort = forms.ChoiceField(label=_("Sort by"), required=False)

    def __init__(self, *args: Any, area_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["area"]).choices = area_choices
        cast(forms.ChoiceField, self.fields["sort"]).choices = [
            (RELEVANCE, _("Relevance")),
            *[(k, label) for k, (label, _o) in SORTS.items()],
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("year_from"), data.get("year_to")
        if low and high and low > high:
            data["year_from"], data["year_to"] = high, low  # forgive a swapped range
        return data

    def valid_data(self) -> dict[str, Any]:
        """The cleaned values of the fields that are valid; invalid ones are ignored."""
        self.is_valid()
        return {k: v for k, v in getattr(self, "cleaned_data", {}).items() if k not in self.errors}


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facets:
    areas: list[FacetOption]
    types: list[FacetOption]
    evidence: list[FacetOption]
    authors: list[FacetOption]
    year_min: int | None
    year_max: int | None


def year_span() -> dict[str, int | None]:
    """The library's first and last year (hints in the year inputs); cached until content
    changes (saving a reference bumps the content generation)."""
    return cached(
        "research:year-span",
        lambda: Reference.objects.aggregate(low=Min("issued_year"), high=Max("issued_year")),
    )


def areas_for_filters() -> list[Area]:
    """The active language's areas, from the cached taxonomy (no query)."""
    locale = active_locale()
    return list(area_taxonomy()["by_locale"].get(locale.pk, [])) if locale else []


class LibraryQuery:
    """The visitor's GET parameters turned into querysets and facet counts."""

    def __init__(self, params: Any, areas: list[Area]) -> None:
        self.areas = areas
        self.form = LibraryFilterForm(params, area_choices=[(a.slug, a.name) for a in areas])
        self.data = self.form.valid_data()
        self.query = (self.data.get("q") or "").strip()
        self.sort = self.data.get("sort") or (RELEVANCE if self.query else "newest")
        if self.sort == RELEVANCE and not self.query:
            self.sort = "newest"
        self.total: int | None = None  # the number of results, once ``facets()`` has run

    # --- filters -------------------------------------------------------------------------------
    def search_condition(self) -> Q:
        """Every word of the query must appear in the record (title, journal, keywords,
        summaries, abstract, DOI) or in a creator's name.

        A plain database match rather than the modelsearch index: it is one predictable query
        that combines with the facet counts (a search backend returns a result list, which would
        have to be fed back as thousands of ids), and it stays fast at library sizes (see
        bench/research_bench.py). The admin's snippet search still uses the search index.
        """
        condition = Q()
        for word in self.query.split()[:MAX_WORDS]:
            by_creator = ReferenceCreator.objects.filter(
                Q(family__icontains=word) | Q(literal__icontains=word)
            ).values("reference_id")
            condition &= (
                Q(title__icontains=word)
                | Q(container_title__icontains=word)
                | Q(keywords__icontains=word)
                | Q(summary_en__icontains=word)
                | Q(summary_it__icontains=word)
                | Q(abstract__icontains=word)
                | Q(doi__icontains=word)
                | Q(pk__in=by_creator)
            )
        return condition

    def conditions(self, *, without: str | tuple[str, ...] = ()) -> Q:
        """Every filter except those named in ``without`` (a facet's own filter)."""
        skip = {without} if isinstance(without, str) else set(without)
        d = self.data
        q = Q()
        if self.query:
            q &= self.search_condition()
        if d.get("area") and "area" not in skip:
            keys = [a.translation_key for a in self.areas if a.slug in d["area"]]
            q &= Q(pk__in=Reference.objects.filter(areas__translation_key__in=keys).values("pk"))
        if d.get("type") and "type" not in skip:
            q &= Q(csl_type__in=d["type"])
        if d.get("evidence") and "evidence" not in skip:
            q &= Q(evidence_type__in=d["evidence"])
        if d.get("year_from"):
            q &= Q(issued_year__gte=d["year_from"])
        if d.get("year_to"):
            q &= Q(issued_year__lte=d["year_to"])
        if d.get("author") and "author" not in skip:
            name = d["author"].strip()
            q &= Q(
                pk__in=ReferenceCreator.objects.filter(
                    Q(family__iexact=name) | Q(literal__iexact=name)
                ).values("reference_id")
            )
        return q

    def results(self) -> QuerySet[Reference]:
        qs = Reference.objects.filter(self.conditions()).for_listing()
        if self.sort == RELEVANCE:  # title matches first, then the newest
            words = self.query.split()[:MAX_WORDS]
            in_title = Q()
            for word in words:
                in_title &= Q(title__icontains=word)
            hits = qs.annotate(title_hit=Case(When(in_title, then=Value(0)), default=Value(1)))
            return hits.order_by("title_hit", "-issued_year", "title", "pk")
        label_order = SORTS[self.sort][1]
        if "first_author" in label_order:
            first = ReferenceCreator.objects.filter(reference=OuterRef("pk")).order_by("sort_order")
            qs = qs.annotate(first_author=first.values("family")[:1])
        return qs.order_by(*label_order, "pk")

    # --- facets -------------------------------------------------------------------------------
    def facets(self) -> Facets:
        d = self.data
        by_key = {
            row["areas__translation_key"]: row["n"]
            for row in Reference.objects.filter(self.conditions(without="area"))
            .values("areas__translation_key")
            .annotate(n=Count("pk", distinct=True))
        }
        areas = [
            FacetOption(
                a.slug, a.name, by_key.get(a.translation_key, 0), a.slug in d.get("area", [])
            )
            for a in self.areas
        ]
        type_counts, evidence_counts = self._type_and_evidence_counts()
        types = self._options(type_counts, "type", dict(CslType.choices))
        evidence = self._options(evidence_counts, "evidence", dict(EvidenceType.choices))
        author_rows = (
            ReferenceCreator.objects.filter(
                reference__in=Reference.objects.filter(self.conditions(without="author"))
            )
            .values("family", "literal")
            .annotate(n=Count("reference", distinct=True))
            .order_by("-n", "family", "literal")[:20]
        )
        chosen = (d.get("author") or "").lower()
        authors = [
            FacetOption(
                row["literal"] or row["family"],
                row["literal"] or row["family"],
                row["n"],
                (row["literal"] or row["family"]).lower() == chosen,
            )
            for row in author_rows
        ]
        span = year_span()
        return Facets(areas, types, evidence, authors, span["low"], span["high"])

    def _type_and_evidence_counts(self) -> tuple[Counter[str], Counter[str]]:
        """Both facets and the number of results from one query grouped by type and evidence.

        Both filters test a column of the reference itself, so applying one of them to the
        grouped rows in Python gives exactly what a query with that filter would count; the
        rows passing both filters add up to the result count, which saves the paginator's
        ``COUNT`` (see ``total``).
        """
        rows = (
            Reference.objects.filter(self.conditions(without=("type", "evidence")))
            .values("csl_type", "evidence_type")
            .annotate(n=Count("pk"))
        )
        chosen_types = set(self.data.get("type") or [])
        chosen_evidence = set(self.data.get("evidence") or [])
        types: Counter[str] = Counter()
        evidence: Counter[str] = Counter()
        total = 0
        for row in rows:
            type_ok = not chosen_types or row["csl_type"] in chosen_types
            evidence_ok = not chosen_evidence or row["evidence_type"] in chosen_evidence
            if evidence_ok and row["csl_type"]:
                types[row["csl_type"]] += row["n"]
            if type_ok and row["evidence_type"]:
                evidence[row["evidence_type"]] += row["n"]
            if type_ok and evidence_ok:
                total += row["n"]
        self.total = total
        return types, evidence

    def _options(
        self, counts: Counter[str], param: str, labels: dict[str, Any]
    ) -> list[FacetOption]:
        chosen = self.data.get(param) or []
        return [
            FacetOption(value, str(label), counts[value], value in chosen)
            for value, label in labels.items()
            if counts.get(value) or value in chosen
        ]

    @property
    def is_filtered(self) -> bool:
        return any(
            self.data.get(k)
            for k in ("q", "area", "type", "evidence", "year_from", "year_to", "author")
        )
