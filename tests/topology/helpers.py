"""Requests to the shape's nodes and Varnish, and waiting (bounded) for something to hold."""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable

import requests

from topology.shape import Shape

FRONTS = ("a", "b", "varnish")  # node a, node b, and both through Varnish


def get(url: str, **kwargs: object) -> requests.Response:
    """An anonymous visitor's GET: no cookies kept, no redirect followed."""
    kwargs.setdefault("timeout", 20)
    kwargs.setdefault("allow_redirects", False)
    return requests.get(url, **kwargs)  # type: ignore[arg-type]


def title(response: requests.Response) -> str:
    match = re.search(r"<title>(.*?)</title>", response.text, re.S)
    return html.unescape(match.group(1)).strip() if match else ""


def titles(shape: Shape, path: str) -> dict[str, str]:
    """The page's <title> as each node and Varnish serve it now."""
    return {front: title(get(shape.url(front) + path)) for front in FRONTS}


def eventually[T](check: Callable[[], T], timeout: float, step: float = 0.2) -> T:
    """``check()``'s first truthy value, or its last value once ``timeout`` seconds have gone."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value or time.monotonic() >= deadline:
            return value
        time.sleep(step)


def publish_title(shape: Shape, page_id: int, new_title: str, process: str = "a", **env: str):
    """Save a revision with ``new_title`` and publish it, in ``process``'s environment (the same
    path as the admin's Publish button: ``Revision.publish``)."""
    return shape.manage(
        "shell",
        "-c",
        "from wagtail.models import Page\n"
        f"page = Page.objects.get(pk={page_id}).specific\n"
        f"page.title = {new_title!r}\n"
        "page.save_revision().publish()\n",
        process=process,
        timeout=300,
        **env,
    )
