"""Every block in the library renders its own template, has a preview, and validates input."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks import StreamBlock
from wagtail.images.models import Image

from pages.blocks import BODY_BLOCKS, VideoBlock, parse_video_url
from pages.blocks.content import CallToActionBlock
from pages.blocks.evidence import StatisticBlock

pytestmark = pytest.mark.django_db

EXPECTED = {
    "heading": 'class="block-heading"',
    "paragraph": 'class="block-richtext"',
    "image": None,  # needs an image: rendered in test_image_block
    "quote": 'class="block-quote"',
    "statistic": 'class="stat"',
    "evidence": 'class="block-evidence"',
    "call_to_action": 'class="block-cta"',
    "card_grid": 'class="block-cards"',
    "accordion": "<details",
    "video": 'data-video-embed="https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1"',
    "table": "<caption>Members of the network by kind</caption>",
    "document": None,  # needs a document: rendered in test_document_block
}


@pytest.mark.parametrize(("name", "block"), BODY_BLOCKS, ids=[n for n, _ in BODY_BLOCKS])
def test_block_has_meta_and_own_template(name, block):
    assert block.meta.template == f"blocks/{block.meta.template.split('/')[-1]}"
    assert block.meta.template.startswith("blocks/")
    assert str(block.meta.description)
    assert block.meta.icon
    assert block.meta.preview_value is not None


@pytest.mark.parametrize("name", [n for n, html in EXPECTED.items() if html])
def test_block_preview_value_renders(name, locales):
    block = dict(BODY_BLOCKS)[name]
    value = block.to_python(block.get_prep_value(block.normalize(block.meta.preview_value)))
    html = block.render(value)
    assert EXPECTED[name] in html


def test_image_block(locales, settings, tmp_path):
    from .conftest import ImageFactory

    settings.MEDIA_ROOT = str(tmp_path)
    block = dict(BODY_BLOCKS)["image"]
    image: Image = ImageFactory()  # type: ignore[assignment]  # a factory call returns the model
    html = block.render(
        block.to_python({"image": image.pk, "alt_text": "Kids", "caption": "C", "credit": "K"})
    )
    assert 'alt="Kids"' in html and "<figcaption>C" in html and "K</span>" in html
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"image": image.pk, "alt_text": ""}))


def test_document_block(locales, settings, tmp_path):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    settings.MEDIA_ROOT = str(tmp_path)
    document = Document(title="Guide")
    document.file.save("guide.pdf", ContentFile(b"%PDF-1.4 kindness"), save=True)
    block = dict(BODY_BLOCKS)["document"]
    html = block.render(block.to_python({"document": document.pk, "title": "", "description": ""}))
    assert "Guide" in html and "PDF" in html and "download" in html


def test_video_block_loads_nothing_from_the_provider_until_asked():
    block = VideoBlock()
    html = block.render(block.to_python(block.meta.preview_value))
    assert "<iframe" not in html
    assert 'href="https://www.youtube.com/watch?v=aqz-KE-bpKQ"' in html


@pytest.mark.parametrize(
    ("url", "provider"),
    [
        ("https://youtu.be/aqz-KE-bpKQ", "youtube"),
        ("https://www.youtube.com/embed/aqz-KE-bpKQ", "youtube"),
        ("https://vimeo.com/76979871", "vimeo"),
        ("https://evil.example.org/watch?v=aqz-KE-bpKQ", None),
        ("javascript:alert(1)", None),
    ],
)
def test_parse_video_url(url, provider):
    source = parse_video_url(url)
    assert (source.provider if source else None) == provider


def test_video_block_rejects_other_sites():
    block = VideoBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"url": "https://example.org/v.mp4", "title": "x"}))


def test_statistic_needs_a_source():
    block = StatisticBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"value": "74%", "label": "less stress"}))
    block.clean(block.to_python({"value": "74%", "label": "less stress", "source_text": "Zak"}))


def test_call_to_action_needs_exactly_one_target():
    block = CallToActionBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"heading": "Join", "button_label": "Go"}))


def test_evidence_block_numbers_shared_sources_once():
    block = dict(BODY_BLOCKS)["evidence"]
    html = block.render(block.to_python(block.meta.preview_value))
    # Both figures cite the same written source: one note, both marked 1.
    assert html.count("Zak (2017), Harvard Business Review") == 1
    assert html.count("<sup>1</sup>") == 2


def test_statistic_with_research_reference_uses_research_formatting(locales):
    from django.apps import apps

    reference_model = apps.get_model("research", "Reference")
    field_names = {f.name for f in reference_model._meta.get_fields()}
    values = {"title": "The Neuroscience of Trust"}
    if "csl_type" in field_names:
        values["csl_type"] = "article-magazine"
    ref = reference_model.objects.create(**values)
    block = StatisticBlock()
    html = block.render(block.to_python({"value": "74%", "label": "less stress", "source": ref.pk}))
    assert 'class="citation"' in html
    assert "Neuroscience of Trust" in html


def test_stream_of_all_blocks_is_valid():
    stream = StreamBlock(BODY_BLOCKS)
    assert set(stream.child_blocks) == {name for name, _ in BODY_BLOCKS}
