"""RSS and Atom feeds of a story index (one per language, since each index is per locale)."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed

from ..public_urls import absolute, page_absolute_url
from .models import FEED_ITEMS, StoryIndexPage, StoryPage


class StoryRssFeed(Feed[StoryPage, StoryIndexPage]):
    feed_type: type[SyndicationFeed] = Rss201rev2Feed

    def __init__(self, index: StoryIndexPage) -> None:
        super().__init__()
        self.index = index

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> StoryIndexPage:
        self.request = request
        return self.index

    def title(self, obj: StoryIndexPage) -> str:
        return obj.seo_title or obj.title

    def link(self, obj: StoryIndexPage) -> str:
        return page_absolute_url(obj)

    def description(self, obj: StoryIndexPage) -> str:
        return obj.search_description or obj.title

    def feed_url(self, obj: StoryIndexPage) -> str:
        return absolute(self.request.path)

    def items(self, obj: StoryIndexPage) -> list[StoryPage]:
        return list(obj.stories().prefetch_related(None).select_related(None)[:FEED_ITEMS])

    def item_title(self, item: StoryPage) -> str:
        return item.title

    def item_description(self, item: StoryPage) -> str:
        return item.intro

    def item_link(self, item: StoryPage) -> str:
        return page_absolute_url(item)

    def item_pubdate(self, item: StoryPage) -> datetime.datetime:
        return item.published_datetime

    def item_updateddate(self, item: StoryPage) -> datetime.datetime:
        return item.last_published_at or item.published_datetime

    def get_feed(self, obj: StoryIndexPage, request: HttpRequest) -> SyndicationFeed:
        feed = super().get_feed(obj, request)
        feed.feed["language"] = obj.locale.language_code
        return feed


class StoryAtomFeed(StoryRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj: StoryIndexPage) -> str:
        return self.description(obj)
