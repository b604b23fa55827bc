"""The network page and example members, each flagged ``is_example`` (shown on the site).

Their text is in ``pages/demo.yaml``; members are not translated (names and places)."""

from __future__ import annotations

from ..models import Area, Member, MemberStatus, NetworkPage
from .context import DemoContext
from .data import demo_data

NETWORK = demo_data("pages")["network"]


def ensure_network(ctx: DemoContext, areas: dict[str, Area]) -> NetworkPage:
    home = ctx.data["home"]
    page = ctx.upsert_translated_page(home, NetworkPage, NETWORK["page"])
    ctx.data["main_menu"].append(page)
    for spec in NETWORK["members"]:
        values = {key: value for key, value in spec.items() if key not in ("name", "areas")}
        member, changed = ctx.upsert(
            Member,
            {"name": spec["name"]},
            {**values, "status": MemberStatus.APPROVED, "is_example": True},
        )
        wanted = {areas[tag].pk for tag in spec["areas"]}
        if set(member.areas.values_list("pk", flat=True)) != wanted:
            member.areas.set(wanted)
            changed = True
        if changed or member.live_revision_id is None:
            # Saved (a cluster's areas are written on save) and published through a revision,
            # as an approval does: a later scheduled change then waits for its time.
            member.save()
            member.save_revision().publish()
    ctx.data["network_page"] = page
    return page
