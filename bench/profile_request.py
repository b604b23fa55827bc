"""Where an uncached request spends its time: cProfile over real requests, in-process.

Issue 15 asks to profile before optimising. This renders each path with the Django test client
under the bench's environment (production settings, PostgreSQL, Redis, page cache off), twice
unmeasured so templates and fragment caches are warm (a page-cache miss in a running site), then
``--repeat`` times under cProfile, and prints the functions with the most time of their own and
the most cumulative time, as seen from inside the WSGI handler.

    BENCH_DATABASE=kindness_bench .venv/bin/python -m bench.profile_request /en/ /en/stories/

The database must exist (``make bench`` or ``python -m bench.run`` builds it).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from urllib.parse import urlsplit

from .config import ROOT, BenchConfig

SITE_PACKAGES = (
    f"{sys.prefix}/lib/python{sys.version_info.major}.{sys.version_info.minor}/site-packages/"
)


def profile(paths: list[str], repeat: int, top: int) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    client = Client(HTTP_HOST=urlsplit(settings.BASE_URL).netloc)
    for path in paths:
        for _ in range(2):
            status = client.get(path).status_code
        if status != 200:
            print(f"{path}: HTTP {status}, not profiled")
            continue
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.enable()
        for _ in range(repeat):
            client.get(path)
        profiler.disable()
        per_request = (time.perf_counter() - started) / repeat * 1000
        print(f"\n=== {path}: {per_request:.1f} ms a request under the profiler ({repeat} runs)")
        for order in ("tottime", "cumulative"):
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out).sort_stats(order)
            stats.print_stats(top)
            body = out.getvalue()
            print(f"--- by {order}")
            # Paths relative to the project or to site-packages: which wagtail_hooks.py matters.
            body = body.replace(str(ROOT) + "/", "").replace(SITE_PACKAGES, "")
            print(body[body.find("ncalls") :].rstrip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", help="paths to request, e.g. /en/stories/")
    parser.add_argument("--repeat", type=int, default=20, help="profiled requests per path")
    parser.add_argument("--top", type=int, default=25, help="functions listed per ordering")
    args = parser.parse_args(argv)
    os.environ.update(BenchConfig().django_env(page_cache=False))
    profile(args.paths, args.repeat, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
