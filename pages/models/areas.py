"""The six areas of intervention: a controlled, translatable taxonomy.

Areas are rows, not free tags, so editors choose from a fixed list (nobody invents "Helth" by
typing). Content in any language is tagged with an area row of any locale; listings match on
``translation_key`` so an Italian section page finds projects tagged with the English area too.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index


class AreaColour(models.TextChoices):
    """Palette entries defined as CSS custom properties in static/css/site.css (AA on white)."""

    ROSE = "rose", _("Rose")
    SKY = "sky", _("Sky")
    LEAF = "leaf", _("Leaf")
    SUN = "sun", _("Sun")
    VIOLET = "violet", _("Violet")
    TEAL = "teal", _("Teal")


class AreaIcon(models.TextChoices):
    """Icons drawn in static/img/icons.svg; a fixed list keeps the set visually consistent."""

    HEART = "heart", _("Heart (health)")
    BOOK = "book", _("Book (education)")
    LEAF = "leaf", _("Leaf (environment)")
    HANDS = "hands", _("Hands (economy)")
    PALETTE = "palette", _("Palette (culture)")
    COMPASS = "compass", _("Compass (tourism)")


class Area(TranslatableMixin, index.Indexed, models.Model):
    """One area of intervention (health, education, environment, economy, culture, tourism)."""

    name = models.CharField(
        _("name"),
        max_length=80,
        help_text=_("The area's name as visitors read it, for example: Education."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        help_text=_(
            "Used in filter links such as ?area=health. Keep it the same in every language."
        ),
    )
    short_description = models.TextField(
        _("short description"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences shown on cards and filters."),
    )
    colour = models.CharField(
        _("colour"),
        max_length=20,
        choices=AreaColour.choices,
        help_text=_("The colour that marks the area on cards, labels and its page."),
    )
    icon = models.CharField(
        _("icon"),
        max_length=20,
        choices=AreaIcon.choices,
        help_text=_("The small picture shown beside the area's name."),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("order"),
        default=0,
        help_text=_("Areas are listed from the lowest number to the highest."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("short_description"),
        FieldPanel("colour"),
        FieldPanel("icon"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_area_slug_per_locale"),
        ]

    def __str__(self) -> str:
        return self.name
