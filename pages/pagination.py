"""Pagination that never fails on a visitor's ``?page=`` value.

Junk (``?page=abc``) shows the first page and a number past the end shows the last one, so shared or
stale links keep working; every listing uses this instead of repeating the try/except.
"""

from collections.abc import Sequence
from typing import Any

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest


def paginate(
    request: HttpRequest, items: Sequence[Any] | QuerySet[Any], per_page: int
) -> Page[Any]:
    paginator = Paginator(items, per_page)
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)
