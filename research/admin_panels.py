"""Read-only panels of the reference's edit page."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from wagtail.admin.panels import Panel


class CrossrefFindingsPanel(Panel):
    """What the last Crossref check found (``research.checking``): shown, never edited, since
    the fix is a person's decision made in the fields above."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "research/admin/crossref_findings_panel.html"

        def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
            context = super().get_context_data(parent_context)
            findings = [dict(f) for f in getattr(self.instance, "check_findings", None) or []]
            for finding in findings:  # labels in the editor's language, not the checker's
                name = finding.get("field", "")
                finding["label"] = (
                    _("authors")
                    if name == "creators"
                    else self.instance._meta.get_field(name).verbose_name
                    if name
                    else ""
                )
            context["findings"] = findings
            context["checked_at"] = getattr(self.instance, "crossref_checked_at", None)
            return context
