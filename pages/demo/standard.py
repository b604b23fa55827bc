"""Standard pages: About/Manifesto, the Biology of Kindness, Measuring impact, privacy policy.

Their text, bodies included (as the StreamField stores them), is in ``pages/demo.yaml``.

The movement's own text contains claims its sources do not support; the wording here follows
the checked findings (see research/demo.py): Zak (2017) compares high- and low-trust companies;
Curry et al. (2018) measured the well-being of the people performing kind acts, nothing more.
"""

from __future__ import annotations

from ..models import StandardPage
from .context import DemoContext
from .data import demo_data

STANDARD_PAGES = demo_data("pages")["standard_pages"]


def ensure_standard_pages(ctx: DemoContext) -> dict[str, StandardPage]:
    """Each page under the home page, in the menu its entry names (``main_menu``, ...)."""
    home = ctx.data["home"]
    result = {}
    for spec in STANDARD_PAGES:
        page_spec = {key: value for key, value in spec.items() if key != "menu"}
        page = ctx.upsert_translated_page(home, StandardPage, page_spec)
        ctx.data[spec["menu"]].append(page)
        result[page.slug] = page
    return result
