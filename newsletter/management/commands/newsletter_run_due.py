"""Cron fallback, every minute: start due scheduled sends, recover expired leases, and relaunch a
running send only when it has no chain left.

With django-tasks-db each chain of a running send always has one queued slice, so a send that has
one needs nothing; relaunching it anyway would add a chain every minute and pile up tasks. With a
backend that cannot be inspected (or defer), the old behaviour stays: one chain is launched.
"""

from django.core.management.base import BaseCommand

from newsletter import sending
from newsletter.models import Send, SendStatus


class Command(BaseCommand):
    help = "Start due scheduled sends; relaunch running sends whose worker chains were all lost."

    def handle(self, *args: object, **options: object) -> None:
        started = sending.run_due_sends()
        relaunched = 0
        for send_id in Send.objects.filter(status=SendStatus.RUNNING).values_list("pk", flat=True):
            sending.recover_expired_leases(send_id)
            if sending.finish_if_complete(send_id) or sending.waiting_slices(send_id):
                continue
            sending.launch(send_id, chains=1)
            relaunched += 1
        self.stdout.write(f"Started {started} scheduled send(s); relaunched {relaunched}.")
