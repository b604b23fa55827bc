"""``WAGTAILFRONTENDCACHE`` from the environment: the HTTP caches in front of the site, purged on
publish (``kindness_site/page_cache_purge.py``; README, "Front cache"). One entry per cache that
is configured; none by default (the embedded default has no cache in front)."""

from typing import Any

from .env import env_int, env_str


def frontend_caches() -> dict[str, dict[str, Any]]:
    config: dict[str, dict[str, Any]] = {}
    if varnish := env_str("FRONTEND_CACHE_VARNISH_URL"):
        config["varnish"] = {
            "BACKEND": "kindness_site.page_cache_purge.VarnishBackend",
            "LOCATION": varnish,
            "TIMEOUT": env_int("FRONTEND_CACHE_TIMEOUT", 5),
        }
    if zone := env_str("CLOUDFLARE_ZONE_ID"):
        config["cloudflare"] = {
            "BACKEND": "kindness_site.page_cache_purge.CloudflareEverythingBackend",
            "BEARER_TOKEN": env_str("CLOUDFLARE_BEARER_TOKEN"),
            "ZONEID": zone,
        }
    if distribution := env_str("CLOUDFRONT_DISTRIBUTION_ID"):
        # Credentials come from boto3's usual chain (instance role, AWS_* variables).
        config["cloudfront"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": distribution,
        }
    return config
