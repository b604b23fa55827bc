"""Give a staff account an authenticator from the server side and print how to add it.

For the development admin (no phone at hand in a headless setup, or to script a first login) and
for operators replacing a colleague's lost phone. It prints the otpauth URL and the secret (add
either to an authenticator app, or compute codes with ``oathtool --totp -b SECRET``) and a fresh
set of recovery codes.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kindness_site.security import twofactor


class Command(BaseCommand):
    help = "Create a TOTP authenticator for USERNAME; print its URL, secret and recovery codes."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Replace an existing authenticator (and its recovery codes).",
        )

    def handle(self, *args: object, username: str, replace: bool, **options: object) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user {username!r}.")
        try:
            device = twofactor.create_authenticator(user, replace=replace)
        except ValueError as exc:
            raise CommandError(f"{exc} Use --replace to make a new one.") from exc
        codes = twofactor.new_recovery_codes(user)
        self.stdout.write(f"Authenticator URL: {device.config_url}")
        self.stdout.write(f"Secret (base32):   {twofactor.secret_base32(device)}")
        self.stdout.write("Recovery codes:    " + " ".join(codes))
        self.stdout.write(self.style.SUCCESS(f"Two-factor authentication ready for {username}."))
