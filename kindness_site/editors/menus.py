"""Admin menu entries shown only to the staff who can use them.

Wagtail hides its own menu entries (pages, snippets, images, ...) from users without the matching
permission; entries that point at a project's own admin view must say which permission that view
asks for, or every staff member sees a link that answers 403. Feature apps build their entries
with :class:`PermissionMenuItem` and the same permission their view checks.
"""

from __future__ import annotations

from typing import Any

from wagtail.admin.menu import MenuItem


class PermissionMenuItem(MenuItem):
    """A menu entry shown to users who hold every one of ``permissions``."""

    def __init__(self, label: Any, url: str, *, permissions: tuple[str, ...], **kwargs: Any):
        super().__init__(label, url, **kwargs)
        self.permissions = permissions

    def is_shown(self, request: Any) -> bool:
        return bool(request.user.has_perms(self.permissions))
