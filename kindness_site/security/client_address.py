"""The visitor's real address, the one function every rate limit and log line uses.

Behind ``TRUSTED_PROXY_COUNT`` proxies (a TLS terminator, Varnish, a load balancer) ``REMOTE_ADDR``
is the nearest proxy, and every visitor would share it. Each proxy appends the address it received
the request from to ``X-Forwarded-For``, so reading the chain from the right, the last
``TRUSTED_PROXY_COUNT - 1`` entries were written by our own proxies and the entry before them was
written by the outermost proxy about the client: that one is the visitor. Anything further left
came from the client itself and is never believed, so a forged header cannot pick an address (or
escape a limit). With the default of 0 proxies the header is ignored and ``REMOTE_ADDR`` is used.

The site must then be reachable only through those proxies: a client talking to gunicorn directly
could write the entry the proxies would have written.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

UNKNOWN = "unknown"


def _address(value: str) -> str | None:
    """``value`` as a normalised IP address, or None when it is not one (garbage, ``unknown``)."""
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """The client's address as seen by the first trusted proxy (or by us, with no proxies)."""
    remote = _address(request.META.get("REMOTE_ADDR", "")) or UNKNOWN
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    chain = [part.strip() for part in forwarded if part.strip()] + [remote]
    # chain[-1] is the nearest proxy, chain[-proxies] the outermost one; chain[-proxies - 1] is
    # what the outermost proxy saw. A shorter chain means fewer hops than configured: the
    # left-most entry was still written by one of our proxies.
    candidate = chain[-proxies - 1] if len(chain) > proxies else chain[0]
    return _address(candidate) or remote
