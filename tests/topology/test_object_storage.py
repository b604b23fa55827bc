"""Uploads live in object storage (moto's S3 server through boto3 and django-storages), so any node
serves what another one received: images and their renditions public, documents private."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path

import psycopg

from topology.config import BUCKET
from topology.shape import Shape

from .helpers import eventually, get

UPLOAD_IMAGE = """
import io, json
from PIL import Image as Picture
from django.core.files.images import ImageFile
from wagtail.images.models import Image
from wagtail.models import Page
data = io.BytesIO()
Picture.new("RGB", (1600, 900), (200, 80, 60)).save(data, "JPEG")
image = Image(title="Uploaded on node a", file=ImageFile(data, name="{stem}.jpg"))
image.save()
page = Page.objects.get(pk={page_id}).specific
page.hero_image = image
page.save_revision().publish()
print(json.dumps({{"id": image.pk, "file": image.file.name}}))
"""

UPLOAD_DOCUMENT = """
import json
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
document = Document(title="Report for the board")
document.file.save("{stem}.txt", ContentFile({content!r}), save=True)
print(json.dumps({{"file": document.file.name, "url": document.url}}))
"""


def urls_in(html: str) -> set[str]:
    """Every URL in a src or srcset attribute."""
    found = set()
    for attribute in re.findall(r'(?:src|srcset)="([^"]+)"', html):
        for candidate in attribute.split(","):
            if candidate.strip():
                found.add(candidate.strip().split()[0])
    return found


def files_named(shape: Shape, process: str, stem: str) -> list[str]:
    return [str(p) for p in shape.config.var_dir(process).rglob(f"*{stem}*")]


def rendition_files(shape: Shape, image_id: int) -> set[str]:
    """The storage names of an image's renditions, as the database records them.

    A rendition's name is not the upload's name plus a suffix: Wagtail cuts the source's name
    so that the rendition's stays within 60 characters, and with the picture shapes' specs
    (``format-avif|fill-1200x800-c100``) little of it is left. So the page's pictures are
    recognised by these names, not by the upload's."""
    with psycopg.connect(shape.config.database_url, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT file FROM wagtailimages_rendition WHERE image_id = %s", (image_id,)
        ).fetchall()
    return {name for (name,) in rows}


def test_an_image_uploaded_on_node_a_is_served_by_node_b_from_object_storage(shape, story):
    stem = f"shape-upload-{uuid.uuid4().hex[:8]}"
    output = shape.shell(UPLOAD_IMAGE.format(stem=stem, page_id=story["id"]), process="a")
    uploaded = json.loads(output.strip().splitlines()[-1])

    bucket_url = f"{shape.url('s3')}/{BUCKET}/"
    page = get(shape.url("b") + story["en"])
    assert page.status_code == 200
    # Node b made (or found) the renditions while rendering: they are recorded by now.
    names = rendition_files(shape, uploaded["id"])
    pictures = sorted(url for url in urls_in(page.text) if url.removeprefix(bucket_url) in names)
    assert pictures, f"node b's page shows none of the uploaded image's renditions {names}"
    assert all(url.startswith(bucket_url + "images/") for url in pictures), pictures
    assert len(pictures) >= 2, f"expected renditions in several sizes or formats: {pictures}"
    for url in pictures:  # every rendition is in the bucket, readable by any visitor
        answer = get(url)
        assert answer.status_code == 200, url
        assert answer.headers["Content-Type"].startswith("image/"), url
    assert get(bucket_url + uploaded["file"]).status_code == 200

    # Through Varnish (either node) the same, and nothing was written to any node's disk.
    through = eventually(lambda: pictures[0] in get(shape.url("varnish") + story["en"]).text, 5)
    assert through
    on_disk = [
        path
        for process in ("a", "b")
        for name in {uploaded["file"], *rendition_files(shape, uploaded["id"])}
        for path in files_named(shape, process, Path(name).name)
    ]
    assert on_disk == []


def test_documents_are_private_in_the_bucket_and_served_by_any_node(shape):
    stem = f"shape-report-{uuid.uuid4().hex[:8]}"
    content = b"Minutes of the board meeting: not for the bucket's public URL.\n"
    output = shape.shell(UPLOAD_DOCUMENT.format(stem=stem, content=content), process="a")
    uploaded = json.loads(output.strip().splitlines()[-1])

    assert get(f"{shape.url('s3')}/{BUCKET}/{uploaded['file']}").status_code == 403
    download = get(shape.url("b") + uploaded["url"])
    assert download.status_code == 200
    assert download.content == content
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert files_named(shape, "b", stem) == []
