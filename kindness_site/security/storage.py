"""Uploads on local disk, with documents kept out of the public media folder.

Wagtail stores documents under ``documents/`` in the default storage. Whatever serves
``MEDIA_ROOT`` at ``/media/`` (runserver in the embedded default, a reverse proxy in production)
would then serve them raw: inline, with the site's origin and CSP, and past the privacy of a
collection, where Wagtail's serve view (``/documents/<id>/<name>``) checks collection view
restrictions and answers ``attachment`` with ``default-src 'none'``. This storage writes every
name under ``documents/`` to ``PRIVATE_MEDIA_ROOT`` instead, which nothing serves, and gives them
no URL, so the serve view is the only way to a document in every configuration.
"""

from __future__ import annotations

import posixpath
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage

DOCUMENTS_FOLDER = "documents"


def is_document(name: str) -> bool:
    """True for any name that resolves into the documents folder, however it is spelled
    (``images/../documents/x``, ``Documents/x`` on a case-insensitive disk, backslashes)."""
    normalised = posixpath.normpath(str(name).replace("\\", "/")).lstrip("/").casefold()
    return normalised == DOCUMENTS_FOLDER or normalised.startswith(DOCUMENTS_FOLDER + "/")


class MediaStorage(FileSystemStorage):
    """``FileSystemStorage`` for ``MEDIA_ROOT`` that keeps documents in ``PRIVATE_MEDIA_ROOT``."""

    def __init__(self, *args: Any, private_location: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.private = FileSystemStorage(
            location=private_location or settings.PRIVATE_MEDIA_ROOT, base_url=None
        )

    def path(self, name: str) -> str:
        if is_document(name):
            return self.private.path(name)
        return super().path(name)

    def _save(self, name: str, content: Any) -> str:
        # _save is the hook Django's storage API asks subclasses to implement. The parent returns
        # the name relative to its own location; a document's is the private one, so the private
        # storage saves it (the name is already free there: get_available_name used path()).
        if is_document(name):
            return self.private.save(name, content)
        # django-stubs leaves out the private _save hook that FileSystemStorage implements.
        return super()._save(name, content)  # type: ignore[misc,no-any-return]

    def url(self, name: str | None) -> str:
        if name is not None and is_document(name):
            # Wagtail's serve view treats this as "no direct URL" and streams the file itself.
            raise NotImplementedError("Documents are served only by Wagtail's serve view.")
        return super().url(name)
