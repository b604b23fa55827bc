"""Export of one reference, a filtered list or the whole library as BibTeX, RIS or CSL-JSON."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from django.http import HttpResponse

from . import bibtex, ris
from .csl import reference_to_csl
from .models import Reference


@dataclass(frozen=True)
class ExportFormat:
    key: str
    label: str
    extension: str
    content_type: str


EXPORT_FORMATS = {
    f.key: f
    for f in (
        ExportFormat("bibtex", "BibTeX", "bib", "application/x-bibtex; charset=utf-8"),
        ExportFormat("ris", "RIS", "ris", "application/x-research-info-systems; charset=utf-8"),
        ExportFormat("csl-json", "CSL-JSON", "json", "application/vnd.citationstyles.csl+json"),
    )
}


def csl_json(refs: Iterable[Reference]) -> str:
    return json.dumps([reference_to_csl(ref) for ref in refs], ensure_ascii=False, indent=2)


def render(refs: Iterable[Reference], fmt: str) -> str:
    if fmt == "bibtex":
        return bibtex.dumps(refs)
    if fmt == "ris":
        return ris.dumps(refs)
    return csl_json(refs)


def export_response(refs: Iterable[Reference], fmt: str, filename: str) -> HttpResponse:
    """A download (``Content-Disposition: attachment``) of ``refs`` in ``fmt``."""
    export_format = EXPORT_FORMATS[fmt]
    response = HttpResponse(render(refs, fmt), content_type=export_format.content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{export_format.extension}"'
    response["X-Robots-Tag"] = "noindex"
    return response
