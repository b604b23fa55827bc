"""Admin two-factor authentication: set-up, verification, recovery codes, enforcement."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from kindness_site.security import twofactor

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _otp_on(settings):
    settings.OTP_REQUIRED = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp's growing delay is tested by django-otp


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.org", "pw-Secret-1")


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def code_for(device: TOTPDevice) -> str:
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def test_staff_without_authenticator_are_sent_to_set_up(staff_client):
    response = staff_client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/2fa/setup/?next=%2Fadmin%2Fpages%2F"


def test_anonymous_visitors_still_get_the_normal_login_redirect(client):
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_setup_shows_qr_code_and_secret_and_confirms_with_a_code(staff_client, staff):
    page = staff_client.get("/admin/2fa/setup/?next=/admin/pages/")
    assert page.status_code == 200
    body = page.content.decode()
    assert 'src="data:image/svg+xml' in body
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    assert twofactor.secret_base32(device) in body
    assert (
        page.headers["Cache-Control"].startswith("max-age=0")
        or "no-cache" in page.headers["Cache-Control"]
    )

    wrong = staff_client.post("/admin/2fa/setup/", {"token": "000000", "next": "/admin/pages/"})
    if code_for(device) == "000000":  # one chance in a million
        return
    assert wrong.status_code == 400
    assert "not right" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=staff, confirmed=True).exists()

    done = staff_client.post(
        "/admin/2fa/setup/", {"token": code_for(device), "next": "/admin/pages/"}
    )
    assert done.status_code == 200
    codes = done.context["codes"]
    assert len(codes) == twofactor.RECOVERY_CODE_COUNT == len(set(codes))
    assert all(code in done.content.decode() for code in codes)
    assert TOTPDevice.objects.get(user=staff).confirmed
    assert staff_client.get("/admin/pages/").status_code == 200


def test_reloading_setup_keeps_the_same_secret(staff_client, staff):
    staff_client.get("/admin/2fa/setup/")
    staff_client.get("/admin/2fa/setup/")
    assert TOTPDevice.objects.filter(user=staff).count() == 1


def test_a_password_alone_cannot_replace_an_existing_authenticator(staff_client, staff):
    twofactor.create_authenticator(staff)
    response = staff_client.get("/admin/2fa/setup/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/2fa/verify/")
    assert TOTPDevice.objects.filter(user=staff).count() == 1


def test_verify_with_authenticator_code(staff_client, staff):
    device = twofactor.create_authenticator(staff)
    assert staff_client.get("/admin/pages/")["Location"].startswith("/admin/2fa/verify/")
    bad = staff_client.post("/admin/2fa/verify/", {"token": "not a code!"})
    assert bad.status_code == 400 and "6-digit" in bad.content.decode()
    good = staff_client.post(
        "/admin/2fa/verify/", {"token": code_for(device), "next": "/admin/pages/"}
    )
    assert good.status_code == 302 and good["Location"] == "/admin/pages/"
    assert staff_client.get("/admin/pages/").status_code == 200


def test_a_used_code_cannot_be_replayed(client, staff):
    device = twofactor.create_authenticator(staff)
    code = code_for(device)
    client.force_login(staff)
    assert client.post("/admin/2fa/verify/", {"token": code}).status_code == 302
    client.logout()
    client.force_login(staff)
    assert client.post("/admin/2fa/verify/", {"token": code}).status_code == 400


def test_recovery_code_works_once(client, staff):
    twofactor.create_authenticator(staff)
    code = twofactor.new_recovery_codes(staff)[0]
    client.force_login(staff)
    response = client.post("/admin/2fa/verify/", {"token": code.upper()[:4] + "-" + code[4:]})
    assert response.status_code == 302
    assert twofactor.recovery_codes_left(staff) == twofactor.RECOVERY_CODE_COUNT - 1
    client.logout()
    client.force_login(staff)
    assert client.post("/admin/2fa/verify/", {"token": code}).status_code == 400


def test_next_cannot_send_anyone_off_site(staff_client, staff):
    device = twofactor.create_authenticator(staff)
    response = staff_client.post(
        "/admin/2fa/verify/", {"token": code_for(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/admin/"


def test_code_guessing_is_rate_limited(staff_client, staff, settings):
    twofactor.create_authenticator(staff)
    settings.OTP_VERIFY_ATTEMPTS_PER_WINDOW = 3
    statuses = [
        staff_client.post("/admin/2fa/verify/", {"token": f"00000{i}"}).status_code
        for i in range(4)
    ]
    assert statuses[:3] == [400, 400, 400] and statuses[3] == 429
    last = staff_client.post("/admin/2fa/verify/", {"token": "000009"})
    assert int(last["Retry-After"]) > 0


def test_recovery_codes_page_needs_verification_and_renews(staff_client, staff):
    device = twofactor.create_authenticator(staff)
    twofactor.new_recovery_codes(staff)
    assert staff_client.get("/admin/2fa/recovery-codes/").status_code == 302
    staff_client.post("/admin/2fa/verify/", {"token": code_for(device)})
    page = staff_client.get("/admin/2fa/recovery-codes/")
    assert page.status_code == 200 and "10 recovery codes" in page.content.decode()
    old = set(StaticToken.objects.values_list("token", flat=True))
    renewed = staff_client.post("/admin/2fa/recovery-codes/")
    assert set(renewed.context["codes"]).isdisjoint(old)
    assert StaticToken.objects.count() == twofactor.RECOVERY_CODE_COUNT


def test_otp_required_false_lets_password_only_staff_in(staff_client, settings):
    settings.OTP_REQUIRED = False
    assert staff_client.get("/admin/pages/").status_code == 200


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("en", "Set up two-factor authentication"),
        ("it", "Configura l'autenticazione a due fattori"),
    ],
)
def test_setup_page_is_translated(staff_client, language, heading):
    page = staff_client.get("/admin/2fa/setup/", headers={"Accept-Language": language})
    assert heading in page.content.decode()


def test_create_totp_device_command(staff, capsys):
    call_command("create_totp_device", "editor")
    out = capsys.readouterr().out
    assert "otpauth://totp/Kindness%20Movement%3Aeditor?secret=" in out
    assert "Two-factor authentication ready for editor." in out
    assert twofactor.has_second_factor(staff) and twofactor.recovery_codes_left(staff) == 10
    with pytest.raises(CommandError, match="--replace"):
        call_command("create_totp_device", "editor")
    call_command("create_totp_device", "editor", "--replace")
    assert TOTPDevice.objects.filter(user=staff).count() == 1
    with pytest.raises(CommandError, match="no user"):
        call_command("create_totp_device", "nobody")
