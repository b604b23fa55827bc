"""Demo newsletter: the archive page (with the sign-up form) and one published issue, en + it
(``newsletter/demo.yaml``).

The archive page doubles as the sign-up page and goes in the footer menu; the dedicated form
page at /<lang>/newsletter/subscribe/ works too.
"""

from __future__ import annotations

from pages.demo import DemoContext
from pages.demo.data import demo_data

from .models import NewsletterIndexPage, NewsletterIssuePage

ORDER = 40
DATA = demo_data("newsletter")


def load(ctx: DemoContext) -> None:
    index = ctx.upsert_translated_page(ctx.home("en"), NewsletterIndexPage, DATA["index"])
    ctx.upsert_translated_page(index, NewsletterIssuePage, DATA["issue"])
    ctx.data.setdefault("footer_menu", []).append(index)
