"""Where a person is credited on a page of the ``pages`` app: a story's author, an area's contact.

These rows live here, not as foreign keys on ``StoryPage`` and ``SectionPage``, so that ``pages``
depends on nobody, not even in the database: ``people`` builds on ``pages`` (its migrations need
``pages``, never the reverse), and the pages reach the person through the reverse relations
``story_authors`` and ``section_contacts`` (edited as an inline panel on the page, by name).

They are translatable, as ``projects.ProjectPerson`` is: wagtail-localize then points the Italian
page's row at the Italian profile when it translates the page.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.models import Orderable, TranslatableMixin

from .person import Person


class PersonCredit(TranslatableMixin, Orderable):
    """A person credited on a page; subclasses name the page type and the person's role."""

    panels = ["person"]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order"]

    def __str__(self) -> str:
        return str(self.person)  # type: ignore[attr-defined]  # each subclass declares ``person``


class StoryAuthor(PersonCredit):
    """The team member who wrote a story (the story shows the first one)."""

    page = ParentalKey("pages.StoryPage", on_delete=models.CASCADE, related_name="story_authors")
    person = models.ForeignKey(
        Person,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="authored_stories",
        help_text=_("The team member who wrote the story, named and linked under the title."),
    )

    class Meta(PersonCredit.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")


class SectionContact(PersonCredit):
    """The team member visitors can contact about an area (on its section page)."""

    page = ParentalKey(
        "pages.SectionPage", on_delete=models.CASCADE, related_name="section_contacts"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("contact person"),
        on_delete=models.CASCADE,
        related_name="section_contacts",
        help_text=_("The team member visitors can contact about this area."),
    )

    class Meta(PersonCredit.Meta):
        verbose_name = _("contact person")
        verbose_name_plural = _("contact people")
