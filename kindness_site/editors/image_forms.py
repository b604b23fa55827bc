"""The image form with alt text required (``WAGTAILIMAGES_IMAGE_FORM_BASE``).

Wagtail 8 stores an image's alt text in its ``description`` field and uses it wherever the image
is shown (``image.default_alt_text``), but leaves it optional. A custom image model would be a
heavy migration for one flag, so the form makes the field required and explains, in the editor's
language, what a good text is.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.images.forms import BaseImageForm

ALT_TEXT_HELP = _(
    "Describe what the image shows for people who cannot see it, in one short sentence "
    "(for example: “Pupils planting trees in the school garden”). Do not start with “Image "
    "of”, and do not repeat the caption."
)

FILE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif")
REDUNDANT_OPENINGS = ("image of", "picture of", "photo of", "immagine di", "foto di")


class AltTextRequiredImageForm(BaseImageForm):
    """Every image form (upload, edit, chooser upload) asks for alt text and refuses it empty."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields.get("description")
        if field is not None:
            # The bulk uploader first validates just the file and title (no description key at
            # all), then shows this form per image: the alt text is required at that second step.
            field.required = not (self.is_bound and "description" not in self.data)
            field.label = _("Alt text")
            field.help_text = ALT_TEXT_HELP
            field.error_messages["required"] = _(
                "Write the alt text: it is read aloud to visitors who cannot see the image."
            )

    def clean_description(self) -> str:
        text = (self.cleaned_data.get("description") or "").strip()
        lowered = text.lower()
        if lowered.endswith(FILE_SUFFIXES):
            raise ValidationError(
                _("This looks like a file name: describe what the image shows instead.")
            )
        if lowered.startswith(REDUNDANT_OPENINGS):
            raise ValidationError(
                _("Leave out “image of”: screen readers already say it is an image.")
            )
        return text
