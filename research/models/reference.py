"""The bibliographic record: a Reference snippet modelled on CSL-JSON.

Why the record is *not* a TranslatableMixin snippet: a journal article has one title, one DOI and
one list of authors whatever language the visitor reads. Translating the record through
wagtail-localize would copy every row per locale, break the unique DOI (or force it to be unique
per locale, which lets duplicates in) and let the two copies drift apart. The only text that is
written for readers is the plain-language summary, so it is stored once per site language
(``summary_en``, ``summary_it``) on the same row and chosen by the active language. Citation
formatting, in turn, follows the page's locale (see ``research.formatting``).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from modelsearch.queryset import SearchableQuerySetMixin
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from ..admin_panels import CrossrefFindingsPanel
from ..identifiers import (
    is_valid_doi,
    is_valid_isbn,
    main_title,
    normalise_doi,
    normalise_title,
    split_isbns,
)
from ..tasks import schedule_citations

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class CslType(models.TextChoices):
    """The CSL item types the library uses (a subset of CSL 1.0.2, Zotero's item types)."""

    ARTICLE_JOURNAL = "article-journal", _("Journal article")
    ARTICLE_MAGAZINE = "article-magazine", _("Magazine article")
    ARTICLE_NEWSPAPER = "article-newspaper", _("Newspaper article")
    BOOK = "book", _("Book")
    CHAPTER = "chapter", _("Book chapter")
    PAPER_CONFERENCE = "paper-conference", _("Conference paper")
    REPORT = "report", _("Report")
    REVIEW = "review", _("Review")
    THESIS = "thesis", _("Thesis")
    WEBPAGE = "webpage", _("Web page")
    POST_WEBLOG = "post-weblog", _("Blog post")
    POST = "post", _("Online post (forum, social media)")
    ARTICLE = "article", _("Preprint or working paper")
    MANUSCRIPT = "manuscript", _("Unpublished manuscript")
    SPEECH = "speech", _("Talk or presentation")
    MOTION_PICTURE = "motion_picture", _("Film or video")
    SOFTWARE = "software", _("Software")
    DATASET = "dataset", _("Dataset")
    DOCUMENT = "document", _("Other document")


class EvidenceType(models.TextChoices):
    """How strong the evidence is, roughly from strongest to weakest."""

    META_ANALYSIS = "meta-analysis", _("Meta-analysis")
    SYSTEMATIC_REVIEW = "systematic-review", _("Systematic review")
    RCT = "rct", _("Randomised controlled trial")
    EXPERIMENT = "experiment", _("Experimental study")
    COHORT = "cohort", _("Cohort study")
    CROSS_SECTIONAL = "cross-sectional", _("Cross-sectional study")
    QUALITATIVE = "qualitative", _("Qualitative study")
    REVIEW = "review", _("Narrative review")
    BOOK = "book", _("Book")
    REPORT = "report", _("Report")
    ESSAY = "essay", _("Essay or commentary")
    OTHER = "other", _("Other")


class VerificationStatus(models.TextChoices):
    VERIFIED = "verified", _("Verified")
    CORRECTED = "corrected", _("Corrected and verified")
    UNVERIFIED = "unverified", _("Not verified")


class CreatorRole(models.TextChoices):
    AUTHOR = "author", _("Author")
    EDITOR = "editor", _("Editor")
    TRANSLATOR = "translator", _("Translator")
    CONTAINER_AUTHOR = "container-author", _("Author of the book (for chapters)")


# Which fields each type needs beyond the title and a year; the messages name the field.
REQUIRED_BY_TYPE: dict[str, tuple[str, ...]] = {
    CslType.ARTICLE_JOURNAL: ("container_title",),
    CslType.ARTICLE_MAGAZINE: ("container_title",),
    CslType.ARTICLE_NEWSPAPER: ("container_title",),
    CslType.BOOK: ("publisher",),
    CslType.CHAPTER: ("container_title", "publisher"),
    CslType.PAPER_CONFERENCE: ("container_title",),
    CslType.REPORT: ("publisher",),
    CslType.THESIS: ("publisher",),
    CslType.WEBPAGE: ("url",),
    CslType.POST_WEBLOG: ("url",),
    CslType.POST: ("url",),
}
# Types read on the web, whose container is a site and whose access date matters.
ONLINE_TYPES = frozenset({CslType.WEBPAGE, CslType.POST_WEBLOG, CslType.POST})


class ReferenceQuerySet(SearchableQuerySetMixin, models.QuerySet["Reference"]):
    """Adds ``.search()`` (modelsearch) and the prefetches every listing needs."""

    def for_listing(self) -> ReferenceQuerySet:
        """Creators are on every card and citation; areas only on the detail page."""
        return self.prefetch_related("creators")


class Reference(index.Indexed, ClusterableModel):
    """One work that the site cites (see the module docstring for why it is language-neutral)."""

    csl_type = models.CharField(
        _("type"),
        max_length=32,
        choices=CslType.choices,
        default=CslType.ARTICLE_JOURNAL,
        help_text=_("What kind of work it is; the type decides which details are required."),
    )
    title = models.CharField(
        _("title"),
        max_length=500,
        help_text=_("The full title as printed on the work, subtitle included."),
    )
    title_short = models.CharField(
        _("short title"),
        max_length=200,
        blank=True,
        help_text=_("A shorter form of the title, used by some citation styles (optional)."),
    )
    container_title = models.CharField(
        _("journal, book or site"),
        max_length=300,
        blank=True,
        help_text=_("The journal of an article, the book of a chapter, the site of a web page."),
    )
    container_title_short = models.CharField(
        _("journal abbreviation"),
        max_length=120,
        blank=True,
        help_text=_(
            "The journal's abbreviation as NLM lists it, for example: J Exp Soc Psychol "
            "(Vancouver prints it)."
        ),
    )
    issued_year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True, help_text=_("The year of publication (required).")
    )
    issued_month = models.PositiveSmallIntegerField(
        _("month"), null=True, blank=True, help_text=_("From 1 to 12, if known.")
    )
    issued_day = models.PositiveSmallIntegerField(
        _("day"), null=True, blank=True, help_text=_("Only together with the month.")
    )
    volume = models.CharField(
        _("volume"), max_length=40, blank=True, help_text=_("The journal's volume number.")
    )
    issue = models.CharField(
        _("issue"), max_length=40, blank=True, help_text=_("The issue number within the volume.")
    )
    page = models.CharField(_("pages"), max_length=40, blank=True, help_text=_("For example 1-12."))
    publisher = models.CharField(
        _("publisher"),
        max_length=200,
        blank=True,
        help_text=_("The publisher; for reports the organisation, for theses the university."),
    )
    publisher_place = models.CharField(
        _("place of publication"),
        max_length=120,
        blank=True,
        help_text=_("The city of the publisher, for example: Milan."),
    )
    edition = models.CharField(
        _("edition"),
        max_length=40,
        blank=True,
        help_text=_("Only when it is not the first, for example: 2."),
    )

    doi = models.CharField(
        _("DOI"),
        max_length=200,
        blank=True,
        help_text=_("For example 10.1037/a0014767; a https://doi.org/ link is accepted too."),
    )
    isbn = models.CharField(
        _("ISBNs"), max_length=200, blank=True, help_text=_("One or more, separated by commas.")
    )
    issn = models.CharField(
        _("ISSN"),
        max_length=40,
        blank=True,
        help_text=_("The journal's ISSN, for example 0033-2909."),
    )
    pmid = models.CharField(
        _("PubMed ID"),
        max_length=20,
        blank=True,
        help_text=_("The number of the record on PubMed, digits only."),
    )
    url = models.URLField(
        _("URL"),
        max_length=500,
        blank=True,
        help_text=_(
            "Where the work can be read online; the DOI link is preferred when there is one."
        ),
    )
    open_access_url = models.URLField(
        _("open-access URL"),
        max_length=500,
        blank=True,
        help_text=_("A free, legal copy of the work, such as a repository or author's page."),
    )
    accessed = models.DateField(
        _("accessed on"),
        null=True,
        blank=True,
        help_text=_("For web pages: the day the page was read, which some styles print."),
    )
    licence = models.CharField(
        _("licence"), max_length=120, blank=True, help_text=_("For example CC BY 4.0.")
    )
    abstract = models.TextField(
        _("abstract"),
        blank=True,
        help_text=_("The authors' own summary, copied as published."),
    )
    language = models.CharField(
        _("language"), max_length=12, blank=True, help_text=_("Language of the work, e.g. en.")
    )
    keywords = models.CharField(
        _("keywords"), max_length=500, blank=True, help_text=_("Separated by commas.")
    )
    areas = ParentalManyToManyField(
        "pages.Area",
        verbose_name=_("areas"),
        blank=True,
        related_name="references",
        help_text=_("The areas the work is about; it is then listed on those area pages."),
    )
    evidence_type = models.CharField(
        _("evidence type"),
        max_length=32,
        choices=EvidenceType.choices,
        blank=True,
        help_text=_("The kind of study, which tells readers how strong the evidence is."),
    )
    summary_en = models.TextField(
        _("plain-language summary (English)"),
        blank=True,
        help_text=_("Two or three sentences for anyone, without jargon: what was found."),
    )
    summary_it = models.TextField(
        _("plain-language summary (Italian)"),
        blank=True,
        help_text=_(
            "The same summary in Italian; without it Italian visitors see the English one."
        ),
    )

    verification_status = models.CharField(
        _("verification"),
        max_length=16,
        choices=VerificationStatus.choices,
        default=VerificationStatus.UNVERIFIED,
        help_text=_("Mark it verified only after checking the details against an official record."),
    )
    verification_method = models.TextField(
        _("how it was verified"),
        blank=True,
        help_text=_("Which record was checked: the DOI on Crossref, the ISBN in a catalogue..."),
    )
    verification_notes = models.TextField(
        _("corrections and doubts"), blank=True, help_text=_("What was wrong and what is unsure.")
    )
    verification_method_it = models.TextField(
        _("how it was verified (Italian)"),
        blank=True,
        help_text=_("The same in Italian; without it Italian visitors see the English text."),
    )
    verification_notes_it = models.TextField(
        _("corrections and doubts (Italian)"),
        blank=True,
        help_text=_("The same in Italian; without it Italian visitors see the English text."),
    )
    checked_by = models.CharField(
        _("checked by"),
        max_length=120,
        blank=True,
        help_text=_("The name of the person who verified the reference."),
    )
    checked_at = models.DateTimeField(
        _("checked at"),
        null=True,
        blank=True,
        help_text=_("When the reference was verified."),
    )

    zotero_key = models.CharField(
        _("Zotero item key"),
        max_length=16,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_("Set by the Zotero sync: the item this record mirrors."),
    )
    citations = models.JSONField(
        _("stored citations"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("Every style in both languages, rendered when the reference is saved."),
    )
    check_findings = models.JSONField(
        _("findings of the Crossref check"),
        default=list,
        blank=True,
        editable=False,
        help_text=_("Differences from Crossref's record, retractions and corrections."),
    )
    crossref_checked_at = models.DateTimeField(
        _("checked against Crossref at"), null=True, blank=True, editable=False
    )
    slug = models.SlugField(
        _("citation key"),
        max_length=120,
        unique=True,
        blank=True,
        help_text=_(
            "Used in the reference's web address and as the BibTeX key. Leave empty to "
            "generate it from the first author, year and title."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReferenceQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("csl_type"),
                FieldPanel("title"),
                FieldPanel("title_short"),
                FieldPanel("container_title"),
                FieldPanel("container_title_short"),
                FieldRowPanel(
                    [
                        FieldPanel("issued_year"),
                        FieldPanel("issued_month"),
                        FieldPanel("issued_day"),
                    ]
                ),
                FieldRowPanel([FieldPanel("volume"), FieldPanel("issue"), FieldPanel("page")]),
                FieldRowPanel(
                    [FieldPanel("publisher"), FieldPanel("publisher_place"), FieldPanel("edition")]
                ),
            ],
            heading=_("Work"),
        ),
        InlinePanel("creators", heading=_("Authors and editors"), label=_("Creator")),
        MultiFieldPanel(
            [
                FieldPanel("doi"),
                FieldPanel("isbn"),
                FieldRowPanel([FieldPanel("issn"), FieldPanel("pmid")]),
                FieldRowPanel([FieldPanel("url"), FieldPanel("accessed")]),
                FieldPanel("open_access_url"),
                FieldPanel("licence"),
            ],
            heading=_("Identifiers and links"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("abstract"),
                FieldPanel("language"),
                FieldPanel("keywords"),
                FieldPanel("areas"),
                FieldPanel("evidence_type"),
                FieldPanel("summary_en"),
                FieldPanel("summary_it"),
            ],
            heading=_("Content"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("verification_status"),
                FieldPanel("verification_method"),
                FieldPanel("verification_method_it"),
                FieldPanel("verification_notes"),
                FieldPanel("verification_notes_it"),
                FieldRowPanel([FieldPanel("checked_by"), FieldPanel("checked_at")]),
                CrossrefFindingsPanel(heading=_("Crossref check")),
            ],
            heading=_("Verification"),
        ),
        FieldPanel("slug"),
    ]

    @classmethod
    def search_hits(cls, ids: list[str], request: Any = None) -> dict[str, tuple[str, str]]:
        """``{id: (title, URL)}`` for the site search (``pages.search``): each reference's page
        in the library of the visitor's language."""
        from ..templatetags.research_tags import reference_url

        refs = cls.objects.filter(pk__in=ids).only("title", "slug", "doi", "url", "open_access_url")
        return {str(ref.pk): (ref.title, reference_url(ref, request)) for ref in refs}

    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("container_title"),
        index.SearchField("abstract"),
        index.SearchField("keywords", boost=2),
        index.SearchField("summary_en"),
        index.SearchField("summary_it"),
        index.SearchField("doi"),
        index.RelatedFields(
            "creators",
            [index.SearchField("family", boost=2), index.SearchField("literal", boost=2)],
        ),
        index.FilterField("csl_type"),
        index.FilterField("evidence_type"),
        index.FilterField("issued_year"),
        index.FilterField("id"),
    ]

    class Meta:
        verbose_name = _("reference")
        verbose_name_plural = _("references")
        ordering = ["-issued_year", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["doi"], condition=~Q(doi=""), name="research_reference_unique_doi"
            ),
        ]
        indexes = [models.Index(fields=["issued_year"]), models.Index(fields=["csl_type"])]

    def __str__(self) -> str:
        year = self.issued_year or _("n.d.")
        return f"{self.first_creator_name()} ({year}). {self.title}"

    # --- derived values -------------------------------------------------------------------
    # Text written for readers, stored once per site language on the same row (see the module
    # docstring): ``{shown as: (English field, Italian field)}``.
    READER_TEXT_FIELDS = {
        "summary": ("summary_en", "summary_it"),
        "verification_method_text": ("verification_method", "verification_method_it"),
        "verification_notes_text": ("verification_notes", "verification_notes_it"),
    }

    def _in_language(self, name: str) -> str:
        """The text in the active language, English when the translation is missing."""
        english, italian = self.READER_TEXT_FIELDS[name]
        if (get_language() or "en").startswith("it") and getattr(self, italian):
            return getattr(self, italian)
        return getattr(self, english)

    @property
    def summary(self) -> str:
        return self._in_language("summary")

    @property
    def verification_method_text(self) -> str:
        """How the record was checked, in the visitor's language."""
        return self._in_language("verification_method_text")

    @property
    def verification_notes_text(self) -> str:
        """What was corrected or is unsure, in the visitor's language."""
        return self._in_language("verification_notes_text")

    @property
    def doi_url(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def isbn_list(self) -> list[str]:
        return split_isbns(self.isbn)

    @property
    def keyword_list(self) -> list[str]:
        return [k.strip() for k in self.keywords.split(",") if k.strip()]

    @property
    def is_verified(self) -> bool:
        return self.verification_status != VerificationStatus.UNVERIFIED

    @property
    def best_url(self) -> str:
        """Where a reader can get the work: the DOI resolver first, since it outlives URLs."""
        return self.doi_url or self.url or self.open_access_url

    @property
    def issued_date_parts(self) -> list[int]:
        parts = [self.issued_year, self.issued_month, self.issued_day]
        out: list[int] = []
        for part in parts:
            if not part:
                break
            out.append(part)
        return out

    def ordered_creators(self, role: str | None = None) -> list[ReferenceCreator]:
        """Creators in order, from the prefetch cache when there is one (no query per row)."""
        creators = list(self.creators.all())
        creators.sort(key=lambda c: (c.sort_order if c.sort_order is not None else 0, c.pk or 0))
        if role:
            creators = [c for c in creators if c.role == role]
        return creators

    def first_creator_name(self) -> str:
        creators = self.ordered_creators()
        return creators[0].family_or_literal if creators else ""

    def duplicate_key(self) -> tuple[str, int | None, str]:
        """Main title (case, accents, punctuation and subtitle ignored) + year + first author's
        family name: how records are matched when no identifier is shared."""
        return (
            main_title(self.title),
            self.issued_year,
            normalise_title(self.first_creator_name()),
        )

    def cache_version(self) -> str:
        """Changes whenever the record is saved, so cached citations never go stale."""
        stamp = self.updated_at or datetime.datetime.min
        return f"{self.pk}-{stamp.timestamp() if self.updated_at else 0}"

    # --- validation -----------------------------------------------------------------------
    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        self.doi = normalise_doi(self.doi)
        if self.doi and not is_valid_doi(self.doi):
            errors["doi"] = _(
                "“%(doi)s” is not a DOI: a DOI starts with 10. and a slash, for "
                "example 10.1037/a0014767."
            ) % {"doi": self.doi}
        bad_isbns = [i for i in split_isbns(self.isbn) if not is_valid_isbn(i)]
        if bad_isbns:
            errors["isbn"] = _("These ISBNs have a wrong length or check digit: %(isbns)s.") % {
                "isbns": ", ".join(bad_isbns)
            }
        else:
            self.isbn = ", ".join(split_isbns(self.isbn))
        if self.pmid and not self.pmid.isdigit():
            errors["pmid"] = _("A PubMed ID is a number.")
        if self.issued_year is None:
            errors["issued_year"] = _("Give the year of publication.")
        elif not 1000 <= self.issued_year <= datetime.date.today().year + 1:
            errors["issued_year"] = _("The year must be between 1000 and next year.")
        if self.issued_day and not self.issued_month:
            errors["issued_day"] = _("A day needs a month.")
        if self.issued_month and not 1 <= self.issued_month <= 12:
            errors["issued_month"] = _("The month must be between 1 and 12.")
        if self.issued_year and self.issued_month and self.issued_day:
            try:
                datetime.date(self.issued_year, self.issued_month, self.issued_day)
            except ValueError:
                errors["issued_day"] = _("This day does not exist in that month.")
        labels: dict[str, dict[str, StrOrPromise]] = {
            "container_title": {
                CslType.ARTICLE_JOURNAL: _("A journal article needs the journal's name."),
                CslType.CHAPTER: _("A chapter needs the title of its book."),
            },
            "publisher": {
                CslType.BOOK: _("A book needs its publisher."),
                CslType.REPORT: _("A report needs the organisation that published it."),
                CslType.THESIS: _("A thesis needs its university."),
            },
            "url": {
                CslType.WEBPAGE: _("A web page needs its URL."),
                CslType.POST_WEBLOG: _("A blog post needs its URL."),
                CslType.POST: _("An online post needs its URL."),
            },
        }
        for field_name in REQUIRED_BY_TYPE.get(self.csl_type, ()):
            if not getattr(self, field_name):
                message = labels.get(field_name, {}).get(self.csl_type) or _(
                    "This field is required for the type “%(type)s”."
                ) % {"type": self.get_csl_type_display()}
                errors.setdefault(field_name, message)
        if self.verification_status != VerificationStatus.UNVERIFIED and not (
            self.verification_method
        ):
            errors["verification_method"] = _(
                "Say how the reference was verified (which record was checked)."
            )
        if errors:
            raise ValidationError(errors)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.doi = normalise_doi(self.doi)
        if not self.slug:
            self.slug = self.unique_slug()
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or set(update_fields) - {"citations"}:
            schedule_citations([self.pk])  # stored when the transaction commits

    def unique_slug(self, taken: set[str] | None = None) -> str:
        """``zak-2017-neuroscience-of-trust``: readable, stable, and unique in the library."""
        words = [w for w in normalise_title(self.title).split() if len(w) > 2][:4]
        base = (
            slugify(
                "-".join(
                    [self.first_creator_name() or "anon", str(self.issued_year or "nd"), *words]
                )
            )[:100]
            or "reference"
        )
        candidate, n = base, 2
        while (taken is not None and candidate in taken) or (
            taken is None and Reference.objects.filter(slug=candidate).exclude(pk=self.pk).exists()
        ):
            candidate, n = f"{base}-{n}", n + 1
        if taken is not None:
            taken.add(candidate)
        return candidate


class ReferenceCreator(Orderable):
    """One author, editor or translator, in order; a person (family, given) or an organisation
    (literal), as in CSL-JSON name variables."""

    reference = ParentalKey(Reference, on_delete=models.CASCADE, related_name="creators")
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=CreatorRole.choices,
        default=CreatorRole.AUTHOR,
        help_text=_("What the person did for the work; most are authors."),
    )
    family = models.CharField(
        _("family name"),
        max_length=120,
        blank=True,
        help_text=_("The surname as printed, for example: Zak."),
    )
    given = models.CharField(
        _("given names"),
        max_length=120,
        blank=True,
        help_text=_("First names or initials as printed, for example: Paul J."),
    )
    literal = models.CharField(
        _("organisation"),
        max_length=200,
        blank=True,
        help_text=_("For an organisation as author; leave the names empty."),
    )

    panels = [
        FieldPanel("role"),
        FieldRowPanel([FieldPanel("family"), FieldPanel("given")]),
        FieldPanel("literal"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("creator")
        verbose_name_plural = _("creators")
        indexes = [models.Index(fields=["family"])]

    def __str__(self) -> str:
        return self.display_name

    def clean(self) -> None:
        super().clean()
        if self.literal and (self.family or self.given):
            raise ValidationError(
                _("Give either a person's names or an organisation's name, not both.")
            )
        if not self.literal and not self.family:
            raise ValidationError(
                {"family": _("Give the family name, or the organisation's name.")}
            )

    @property
    def family_or_literal(self) -> str:
        return self.literal or self.family

    @property
    def display_name(self) -> str:
        if self.literal:
            return self.literal
        return f"{self.family}, {self.given}" if self.given else self.family

    def as_csl(self) -> dict[str, str]:
        if self.literal:
            return {"literal": self.literal}
        name = {"family": self.family}
        if self.given:
            name["given"] = self.given
        return name


def user_label(user: Any) -> str:
    """How a verification by an admin user is recorded (name, else username)."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


class ZoteroSyncState(models.Model):
    """How far a Zotero library has been synced: its ``Last-Modified-Version`` at the last
    successful sync, so the next one asks only for what changed since (``?since=``)."""

    library = models.CharField(_("Zotero library"), max_length=64, unique=True)
    version = models.PositiveBigIntegerField(_("library version"), default=0)
    synced_at = models.DateTimeField(_("synced at"), null=True, blank=True)

    class Meta:
        verbose_name = _("Zotero sync state")
        verbose_name_plural = _("Zotero sync states")

    def __str__(self) -> str:
        return f"{self.library} @ {self.version}"
