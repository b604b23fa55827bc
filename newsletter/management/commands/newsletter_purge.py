"""Delete sign-ups never confirmed within NEWSLETTER_PURGE_UNCONFIRMED_DAYS (run daily)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from newsletter.subscriptions import purge_unconfirmed


class Command(BaseCommand):
    help = "Delete unconfirmed newsletter sign-ups older than NEWSLETTER_PURGE_UNCONFIRMED_DAYS."

    def handle(self, *args: object, **options: object) -> None:
        count = purge_unconfirmed()
        days = settings.NEWSLETTER_PURGE_UNCONFIRMED_DAYS
        self.stdout.write(f"Purged {count} unconfirmed sign-up(s) older than {days} days.")
