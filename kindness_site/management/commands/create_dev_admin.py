"""Create the development admin account and print how to log in.

The password is random, made on first creation and kept in ``var/dev-admin.txt`` (never in code or
the repository); the command refuses to run when DEBUG is off, so it cannot create a weak
superuser in production.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create (once) a superuser 'admin' for local development and print its credentials."

    def handle(self, *args: object, **options: object) -> None:
        if not settings.DEBUG:
            raise CommandError("create_dev_admin only runs with DEBUG on (development settings).")
        credentials = settings.VAR_DIR / "dev-admin.txt"
        user_model = get_user_model()
        user = user_model.objects.filter(username="admin").first()
        if user is None or not credentials.exists():
            password = secrets.token_urlsafe(12)
            if user is None:
                user = user_model.objects.create_superuser("admin", "admin@example.org", password)
            else:
                user.set_password(password)
                user.save()
            credentials.parent.mkdir(parents=True, exist_ok=True)
            credentials.write_text(password + "\n")
            credentials.chmod(0o600)
        password = credentials.read_text().strip()
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin: {settings.BASE_URL}/admin/  user: admin  password: {password}"
            )
        )
        if settings.OTP_REQUIRED:
            self.stdout.write(
                "Two-factor sign-in is on: scan the QR code shown after the password, or run "
                "`python manage.py create_totp_device admin` for a key and recovery codes."
            )
        else:
            self.stdout.write(
                "Two-factor sign-in is off in the embedded default (OTP_REQUIRED=false); "
                "production requires it for every staff account."
            )
