"""The demo-content framework and the site skeleton's own builder.

``pages`` never imports a feature app. ``load_demo_content`` discovers ``<app>.demo`` modules with a
``load(ctx)`` function through the app registry, so each app builds its own demo content and the
builders share one context (locales, home pages, the Italian translation helper, counters).
"""

from .context import DemoContext, discover_builders
from .site import finish, load

ORDER = 0

__all__ = ["ORDER", "DemoContext", "discover_builders", "finish", "load"]
