"""Site-wide settings: contact details and social profiles shown in the footer and in JSON-LD.

These hold no prose (prose lives in translatable snippets and pages), so one row per site serves
both languages.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Site

from ..fields import library_image
from ..queries import SETTINGS_KEY, cached


class SocialLinkBlock(blocks.StructBlock):
    network = blocks.ChoiceBlock(
        label=_("Network"),
        help_text=_("The social network; its name is the link text in the footer."),
        choices=[
            ("instagram", "Instagram"),
            ("facebook", "Facebook"),
            ("linkedin", "LinkedIn"),
            ("youtube", "YouTube"),
            ("mastodon", "Mastodon"),
            ("bluesky", "Bluesky"),
        ],
    )
    url = blocks.URLBlock(
        label=_("Profile address"),
        help_text=_("The full address of the movement's profile, starting with https://."),
    )

    class Meta:
        icon = "site"
        label = _("Social profile")
        description = _("A link to one of the movement's profiles on a social network.")
        preview_value = {"network": "instagram", "url": "https://www.instagram.com/"}
        preview_template = "blocks/previews/link.html"


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    organisation_name = models.CharField(
        _("organisation name"),
        max_length=120,
        default="International Kindness Movement",
        help_text=_("The official name, given to search engines with the site's details."),
    )
    contact_email = models.EmailField(
        _("contact email"),
        blank=True,
        help_text=_("The public address shown in the footer; leave empty to hide it."),
    )
    contact_phone = models.CharField(
        _("contact phone"),
        max_length=40,
        blank=True,
        help_text=_("With the international prefix, for example +39 02 1234567."),
    )
    address = models.TextField(
        _("postal address"),
        blank=True,
        help_text=_("Shown in the footer as written, one line per line."),
    )
    social_links = StreamField(
        [("link", SocialLinkBlock())],
        verbose_name=_("social profiles"),
        blank=True,
        help_text=_("The movement's profiles on social networks, linked in the footer."),
    )
    logo = library_image(
        _("logo"),
        _("Used in search engines' structured data and social previews."),
    )
    default_social_image = library_image(
        _("default social image"),
        _("Shown when a page without its own image is shared on social media."),
    )

    select_related = ["logo", "default_social_image"]

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("address"),
            ],
            heading=_("Contact"),
        ),
        FieldPanel("social_links"),
        FieldPanel("logo"),
        FieldPanel("default_social_image"),
    ]

    class Meta:
        verbose_name = _("site settings")

    @classmethod
    def for_site(cls, site: Site | None) -> SiteSettings:
        """Read through the cache: every page shows these settings (footer, JSON-LD, social
        image), and they change a few times a year. A save bumps the content generation, which is
        in the key."""
        if site is None:
            return super().for_site(site)
        key = SETTINGS_KEY.format(site_id=site.pk)
        return cached(key, lambda: super(SiteSettings, cls).for_site(site))
