"""Newsletter models: subscribers and consent, issue pages, sends and the delivery ledger."""

from .issues import NewsletterIndexPage, NewsletterIssuePage
from .sending import Delivery, DeliveryEvent, DeliveryStatus, Send, SendStatus
from .subscribers import (
    ConsentAction,
    ConsentEvent,
    Subscriber,
    SubscriberStatus,
    Suppression,
)

__all__ = [
    "ConsentAction",
    "ConsentEvent",
    "Delivery",
    "DeliveryEvent",
    "DeliveryStatus",
    "NewsletterIndexPage",
    "NewsletterIssuePage",
    "Send",
    "SendStatus",
    "Subscriber",
    "SubscriberStatus",
    "Suppression",
]
