"""Media blocks: images with required alternative text, privacy-friendly video, documents."""

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

if TYPE_CHECKING:  # the mixin is only ever mixed into StructBlocks
    _StructBlockBase = blocks.StructBlock
else:
    _StructBlockBase = object


class LibraryPreviewMixin(_StructBlockBase):
    """Fills the empty image and document choosers of a block's preview with the newest item of
    the library, so the block picker shows a real picture or file instead of an empty frame.

    A preview value cannot name an image itself: ids differ from one database to the next.
    """

    def get_preview_value(self) -> blocks.StructValue:
        value = super().get_preview_value()
        for name, child in self.child_blocks.items():
            if isinstance(child, ImageChooserBlock | DocumentChooserBlock) and not value.get(name):
                value[name] = child.model_class.objects.order_by("-pk").first()
        return value


class ImageBlock(LibraryPreviewMixin, blocks.StructBlock):
    """An image with alt text that the editor must write (WCAG 1.1.1), a caption and a credit."""

    image = ImageChooserBlock(
        label=_("Image"), help_text=_("Choose an image from the library or upload a new one.")
    )
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_(
            "Describe what the image shows for people who cannot see it. "
            "Do not start with 'Image of'."
        ),
    )
    caption = blocks.CharBlock(
        label=_("Caption"),
        max_length=250,
        required=False,
        help_text=_("A line under the image that adds to it; visible to everyone."),
    )
    credit = blocks.CharBlock(
        label=_("Credit"),
        max_length=120,
        required=False,
        help_text=_("Who took or made the picture, for example: Photo: Anna Rossi."),
    )

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"
        description = _("A picture with a caption and the photographer's credit.")
        preview_value = {
            "alt_text": "Volunteers planting trees together",
            "caption": "A morning of kindness in the park",
            "credit": "Kindness Movement",
        }


@dataclass(frozen=True)
class VideoSource:
    """Where a video lives and how to embed it without tracking cookies."""

    provider: str
    video_id: str

    @property
    def embed_url(self) -> str:
        if self.provider == "youtube":
            return f"https://www.youtube-nocookie.com/embed/{self.video_id}?autoplay=1"
        return f"https://player.vimeo.com/video/{self.video_id}?dnt=1&autoplay=1"

    @property
    def watch_url(self) -> str:
        if self.provider == "youtube":
            return f"https://www.youtube.com/watch?v={self.video_id}"
        return f"https://vimeo.com/{self.video_id}"

    @property
    def provider_name(self) -> str:
        return "YouTube" if self.provider == "youtube" else "Vimeo"


_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_VIMEO_ID = re.compile(r"^\d{5,12}$")


def parse_video_url(url: str) -> VideoSource | None:
    """Recognise YouTube and Vimeo addresses; anything else is rejected by the block.

    Only these two providers are allowed by the site's Content-Security-Policy ``frame-src``.
    """
    parts = urlsplit((url or "").strip())
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    segments = [s for s in parts.path.split("/") if s]
    candidate = ""
    if host in {"youtube.com", "youtube-nocookie.com"}:
        if segments[:1] == ["watch"]:
            candidate = parse_qs(parts.query).get("v", [""])[0]
        elif len(segments) >= 2 and segments[0] in {"embed", "shorts", "live"}:
            candidate = segments[1]
        if _YOUTUBE_ID.match(candidate):
            return VideoSource("youtube", candidate)
    elif host == "youtu.be" and segments:
        if _YOUTUBE_ID.match(segments[0]):
            return VideoSource("youtube", segments[0])
    elif host in {"vimeo.com", "player.vimeo.com"} and segments:
        candidate = segments[-1]
        if _VIMEO_ID.match(candidate):
            return VideoSource("vimeo", candidate)
    return None


class VideoBlock(LibraryPreviewMixin, blocks.StructBlock):
    """A YouTube or Vimeo video that loads nothing from the provider until the visitor asks.

    The page shows a poster and a consent button; ``site.js`` swaps in the iframe on click.
    Without JavaScript the button is a plain link to the video on the provider's site.
    """

    url = blocks.URLBlock(
        label=_("Video address"),
        help_text=_("A YouTube or Vimeo address, for example https://www.youtube.com/watch?v=…"),
    )
    title = blocks.CharBlock(
        label=_("Title"),
        max_length=160,
        help_text=_("Describes the video for screen readers and the play button."),
    )
    poster = ImageChooserBlock(
        label=_("Poster image"),
        required=False,
        help_text=_("The picture shown before the video is played (optional)."),
    )
    caption = blocks.CharBlock(
        label=_("Caption"),
        max_length=250,
        required=False,
        help_text=_("A line under the video, shown to everyone."),
    )
    transcript = blocks.RichTextBlock(
        label=_("Transcript"),
        features=["bold", "italic", "link"],
        required=False,
        help_text=_("A text version helps people who cannot watch or hear the video."),
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video_block.html"
        description = _("A YouTube or Vimeo video that loads only after the visitor agrees.")
        preview_value = {
            "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
            "title": "Kindness in schools",
            "caption": "How a class learnt to look after each other.",
        }

    def clean(self, value: blocks.StructValue) -> blocks.StructValue:
        value = super().clean(value)
        if parse_video_url(value.get("url", "")) is None:
            message = _("Use a YouTube or Vimeo address; other sites cannot be embedded.")
            raise StructBlockValidationError(block_errors={"url": ValidationError(message)})
        return value

    def get_context(
        self, value: blocks.StructValue, parent_context: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        context = super().get_context(value, parent_context=parent_context)
        context["video"] = parse_video_url(value.get("url", ""))
        return context


class DocumentBlock(LibraryPreviewMixin, blocks.StructBlock):
    """A downloadable document with its format and size shown before the click."""

    document = DocumentChooserBlock(
        label=_("Document"),
        help_text=_("Choose a file from the documents library or upload a new one."),
    )
    title = blocks.CharBlock(
        label=_("Link text"),
        max_length=160,
        required=False,
        help_text=_("Leave empty to use the document's title."),
    )
    description = blocks.TextBlock(
        label=_("Description"),
        max_length=300,
        required=False,
        help_text=_("One or two sentences on what the document contains."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        template = "blocks/document_block.html"
        description = _("A file visitors can download, with its format and size.")
        preview_value = {
            "title": "Kindness at school: a guide for teachers",
            "description": "Activities for every age, from nursery to secondary school.",
        }
