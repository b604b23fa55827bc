"""Start scheduled sends that are due and recover expired leases (cron fallback, every minute)."""

from django.core.management.base import BaseCommand

from newsletter import sending
from newsletter.models import Send, SendStatus


class Command(BaseCommand):
    help = "Start due scheduled sends; relaunch running sends whose worker chain was lost."

    def handle(self, *args, **options) -> None:
        started = sending.run_due_sends()
        relaunched = 0
        for send_id in Send.objects.filter(status=SendStatus.RUNNING).values_list("pk", flat=True):
            sending.recover_expired_leases(send_id)
            if not sending.finish_if_complete(send_id):
                sending.launch(send_id, chains=1)
                relaunched += 1
        self.stdout.write(f"Started {started} scheduled send(s); relaunched {relaunched}.")
