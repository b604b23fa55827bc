"""Request handling for the network page: the filtered directory and the join form."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from kindness_site.security import ratelimit
from kindness_site.security.client_address import client_ip

from ..models import Area
from ..pagination import paginate
from ..stories.models import localise_areas, localised_areas
from .forms import JoinForm, NetworkFilterForm
from .models import Member, MemberStatus, NetworkPage, member_countries, network_figures
from .notifications import notify_staff_of_application


def member_list(page: NetworkPage, request: HttpRequest) -> HttpResponse:
    """Approved members, filtered by ``kind``, ``country`` and ``area`` GET parameters."""
    by_key = localised_areas(page.locale_id)
    approved = Member.objects.approved()
    filters = NetworkFilterForm(
        request.GET, areas=list(by_key.values()), country_codes=member_countries()
    )
    chosen, ignored = filters.selected()
    members = (
        filters.apply(approved, chosen)
        .select_related("logo")
        .prefetch_related(
            "logo__renditions",
            Prefetch("areas", queryset=Area.objects.only("id", "translation_key", "name", "slug")),
        )
        .order_by("-is_example", "name", "pk")
    )
    page_obj = paginate(request, members, settings.NETWORK_MEMBERS_PER_PAGE)
    localise_areas(page_obj.object_list, page.locale_id, by_key)
    return page.render(
        request,
        context_overrides={
            "filters": filters,
            "filtered": bool(chosen),
            "notice": _("Some filters were not recognised and were ignored.") if ignored else "",
            "page_obj": page_obj,
            "figures": network_figures(),
            "has_examples": any(m.is_example for m in page_obj.object_list),
        },
    )


def _join_response(
    page: NetworkPage, request: HttpRequest, form: JoinForm, status: int = 200, **extra: Any
) -> HttpResponse:
    response = page.render(
        request,
        template="pages/network_join.html",
        context_overrides={"form": form, **extra},
    )
    response.status_code = status
    add_never_cache_headers(response)
    return response


def submit_application(member: Member) -> None:
    """Store a new application as Wagtail content: a first revision, a "created" entry in the
    audit log, and the member's workflow started on the applicant's behalf (nobody is signed
    in, so ``requested_by`` is empty); the Network coordinators then approve it (which
    publishes it) or request changes, from the standard moderation screens."""
    revision = member.save_revision(log_action=False)
    log(instance=member, action="wagtail.create", revision=revision, content_changed=True)
    workflow = member.get_workflow()
    if workflow is not None:
        workflow.start(member, user=None)


def join(page: NetworkPage, request: HttpRequest) -> HttpResponse:
    """GET shows the form; POST validates, stores a pending application and notifies staff.

    Every POST counts against the address's rate limit before anything else happens. Bots that
    fill the honeypot get the same redirect as people, so they learn nothing, but nothing is
    stored or sent.
    """
    if request.method != "POST":
        return _join_response(page, request, JoinForm(locale_id=page.locale_id))
    form = JoinForm(request.POST, locale_id=page.locale_id)
    wait = ratelimit.hit(
        "network-join",
        client_ip(request),
        settings.NETWORK_JOIN_RATE_LIMIT,
        settings.NETWORK_JOIN_RATE_WINDOW,
    )
    if wait:
        minutes = max(1, round(wait / 60))
        response = _join_response(
            page,
            request,
            form,
            status=429,
            rate_limited=_(
                "Too many applications were sent from your connection. Your answers are kept "
                "below: please send them again in about %(minutes)d minutes."
            )
            % {"minutes": minutes},
        )
        response["Retry-After"] = str(wait)
        return response
    thanks = HttpResponseRedirect(page.url + page.reverse_subpage("join_thanks"))
    if form.is_bot:
        return thanks
    if not form.is_valid():
        return _join_response(page, request, form, status=400)
    with transaction.atomic():
        member = form.save(commit=False)
        member.status = MemberStatus.PENDING
        member.live = False
        member.is_example = False
        member.submitted_language = get_language() or ""
        form.save_m2m()  # areas are kept on the instance until it is saved (a cluster)
        member.save()
        submit_application(member)
    notify_staff_of_application(member)
    return thanks


def join_thanks(page: NetworkPage, request: HttpRequest) -> HttpResponse:
    return page.render(request, template="pages/network_join_thanks.html")
