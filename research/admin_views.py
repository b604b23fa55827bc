"""Admin views: import a file (upload -> preview -> confirm) and add or check a reference by DOI.

Both are plain Django views wrapped by Wagtail's admin (registered in wagtail_hooks), shown in
the admin's own layout, and guarded by the ``research.add_reference`` permission.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import crossref, zotero
from .csl import ReferenceData
from .importing import FORMATS, ImportFileError, apply_plan, build_plan, decode, detect_format
from .models import Reference, ReferenceCreator, VerificationStatus
from .models.reference import user_label

PENDING_SECONDS = 60 * 60
permission = permission_required("research.add_reference", raise_exception=True)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "BibTeX (.bib), RIS (.ris) or CSL-JSON (.json), UTF-8, up to 20 MB."
        ),
    )
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=[("", gettext_lazy("Recognise from the file")), *FORMATS.items()],
        required=False,
        help_text=gettext_lazy("Choose one only if the file's format is not recognised."),
    )


@permission
def import_view(request: HttpRequest) -> HttpResponse:
    """Step 1 (GET/POST upload) shows the preview; step 2 (POST confirm) writes everything."""
    if request.method == "POST" and request.POST.get("token"):
        return _confirm(request, request.POST["token"])
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            text = decode(upload.read())
            fmt = form.cleaned_data["format"] or detect_format(upload.name, text)
            plan = build_plan(text, fmt)
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            token = uuid.uuid4().hex
            if not plan.has_errors:
                cache.set(
                    _key(request, token),
                    {"text": text, "format": fmt, "name": upload.name},
                    PENDING_SECONDS,
                )
            context.update(
                {
                    "plan": plan,
                    "token": token,
                    "filename": upload.name,
                    "format_label": FORMATS[fmt],
                }
            )
    return TemplateResponse(request, "research/admin/import.html", context)


def _key(request: HttpRequest, token: str) -> str:
    return f"research:import:{request.user.pk}:{token}"


def _confirm(request: HttpRequest, token: str) -> HttpResponse:
    pending = cache.get(_key(request, token))
    if pending is None:
        messages.error(request, _("This preview has expired; upload the file again."))
        return redirect("research_import")
    try:
        plan = build_plan(pending["text"], pending["format"])  # the library may have changed
        # Exactly the fields ticked in the preview: an unticked box keeps the library's value.
        choices = set(request.POST.getlist("apply"))
        counts = apply_plan(plan, source=pending["name"], choices=choices)
    except ImportFileError as exc:
        messages.error(request, str(exc))
        return redirect("research_import")
    cache.delete(_key(request, token))
    messages.success(
        request,
        _("Import finished: %(created)d created, %(updated)d updated, %(skipped)d skipped.")
        % counts,
    )
    return redirect("wagtailsnippets_research_reference:list")


# Every detail the editor types is optional and only compared with the Crossref record.
COMPARED_HELP = gettext_lazy("Optional: compared with Crossref's record so differences show.")


class DoiForm(forms.Form):
    doi = forms.CharField(
        label=gettext_lazy("DOI"),
        max_length=200,
        help_text=gettext_lazy(
            "For example 10.1037/a0014767; its record is fetched from Crossref."
        ),
    )
    title = forms.CharField(
        label=gettext_lazy("Title as you have it"),
        required=False,
        max_length=500,
        help_text=COMPARED_HELP,
    )
    authors = forms.CharField(
        label=gettext_lazy("Authors as you have them"),
        required=False,
        max_length=1000,
        help_text=gettext_lazy("Family name, given names; separate people with semicolons."),
    )
    issued_year = forms.IntegerField(
        label=gettext_lazy("Year"), required=False, help_text=COMPARED_HELP
    )
    container_title = forms.CharField(
        label=gettext_lazy("Journal or book"),
        required=False,
        max_length=300,
        help_text=COMPARED_HELP,
    )
    volume = forms.CharField(
        label=gettext_lazy("Volume"), required=False, max_length=40, help_text=COMPARED_HELP
    )
    issue = forms.CharField(
        label=gettext_lazy("Issue"), required=False, max_length=40, help_text=COMPARED_HELP
    )
    page = forms.CharField(
        label=gettext_lazy("Pages"), required=False, max_length=40, help_text=COMPARED_HELP
    )
    publisher = forms.CharField(
        label=gettext_lazy("Publisher"), required=False, max_length=200, help_text=COMPARED_HELP
    )


def _typed_from(ref: Reference) -> dict[str, Any]:
    authors = "; ".join(c.display_name for c in ref.ordered_creators("author"))
    return {
        "doi": ref.doi,
        "title": ref.title,
        "authors": authors,
        "issued_year": ref.issued_year,
        "container_title": ref.container_title,
        "volume": ref.volume,
        "issue": ref.issue,
        "page": ref.page,
        "publisher": ref.publisher,
    }


@permission
def doi_view(request: HttpRequest) -> HttpResponse:
    """Look a DOI up, show the differences from what the editor typed, then save verified."""
    initial: dict[str, Any] = {}
    existing_id = request.GET.get("reference") or request.POST.get("reference")
    existing = None
    if existing_id and str(existing_id).isdigit():
        existing = Reference.objects.filter(pk=existing_id).first()
        if existing is not None:
            initial = _typed_from(existing)
    form = DoiForm(request.POST or None, initial=initial)
    context: dict[str, Any] = {"form": form, "existing": existing}
    if request.method == "POST" and form.is_valid():
        typed = form.cleaned_data
        try:
            found = crossref.lookup(typed["doi"])
        except crossref.LookupError_ as exc:
            form.add_error("doi", str(exc))
            return TemplateResponse(request, "research/admin/doi.html", context)
        differences = crossref.compare(typed, found)
        match = existing or Reference.objects.filter(doi=found.values["doi"]).first()
        if request.POST.get("action") == "save":
            ref = _save_verified(match, found, differences, request.user)
            messages.success(request, _("“%(ref)s” saved and marked as verified.") % {"ref": ref})
            return redirect("wagtailsnippets_research_reference:edit", ref.pk)
        context.update(
            {
                "found": found,
                "differences": differences,
                "match": match,
                "differs": any(d.differs for d in differences),
            }
        )
    return TemplateResponse(request, "research/admin/doi.html", context)


def _save_verified(
    ref: Reference | None,
    found: ReferenceData,
    differences: list[crossref.Difference],
    user: Any,
) -> Reference:
    """Crossref's data wins for the bibliographic fields; summaries, areas and notes stay."""
    with transaction.atomic():
        if ref is None:
            ref = Reference()
        for name, value in found.values.items():
            if value not in ("", None):
                setattr(ref, name, value)
        differed = [d.label for d in differences if d.differs]
        ref.verification_status = (
            VerificationStatus.CORRECTED if differed else VerificationStatus.VERIFIED
        )
        ref.verification_method = _("DOI %(doi)s looked up on Crossref (api.crossref.org).") % {
            "doi": found.values["doi"]
        }
        if differed:
            note = _("Corrected from Crossref: %(fields)s.") % {"fields": ", ".join(differed)}
            ref.verification_notes = "\n".join(filter(None, [ref.verification_notes, note]))
        ref.checked_by = user_label(user)
        ref.checked_at = timezone.now()
        if found.creators:
            ref.creators.set(
                [ReferenceCreator(sort_order=i, **c) for i, c in enumerate(found.creators)]
            )
        ref.save()
    return ref


@permission
def zotero_view(request: HttpRequest) -> HttpResponse:
    """Preview what Zotero changed (the same plan as a file import), then apply the ticks."""
    context: dict[str, Any] = {}
    try:
        client = zotero.Client()
    except zotero.ZoteroError as exc:
        return TemplateResponse(request, "research/admin/zotero.html", {"error": str(exc)})
    context.update({"library": client.library, "state": zotero.state_for(client.library)})
    if request.method == "POST" and request.POST.get("token"):
        fetched = cache.get(_key(request, "zotero-" + request.POST["token"]))
        if fetched is None:
            messages.error(request, _("This preview has expired; preview the changes again."))
            return redirect("research_zotero")
        try:
            sync = zotero.plan_sync(zotero.Fetched(**fetched))
            counts = zotero.apply_sync_plan(
                sync,
                choices=set(request.POST.getlist("apply")),
                delete={int(pk) for pk in request.POST.getlist("delete") if pk.isdigit()},
            )
        except ImportFileError as exc:
            messages.error(request, str(exc))
            return redirect("research_zotero")
        cache.delete(_key(request, "zotero-" + request.POST["token"]))
        messages.success(
            request,
            _(
                "Zotero synced: %(created)d created, %(updated)d updated, %(skipped)d unchanged, "
                "%(deleted)d deleted."
            )
            % counts,
        )
        return redirect("research_zotero")
    if request.method == "POST":
        try:
            fetched = zotero.fetch(client, full=bool(request.POST.get("full")))
        except zotero.ZoteroError as exc:
            context["error"] = str(exc)
        else:
            token = uuid.uuid4().hex
            cache.set(_key(request, "zotero-" + token), asdict(fetched), PENDING_SECONDS)
            context.update({"sync": zotero.plan_sync(fetched), "token": token})
    return TemplateResponse(request, "research/admin/zotero.html", context)


def admin_urls() -> list[URLPattern]:
    return [
        path("research/import/", import_view, name="research_import"),
        path("research/zotero/", zotero_view, name="research_zotero"),
        path("research/doi/", doi_view, name="research_doi"),
    ]
