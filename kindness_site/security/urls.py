"""Two-factor views, mounted under /admin/2fa/ (before Wagtail's admin URLs)."""

from django.urls import path

from . import views

app_name = "security"
urlpatterns = [
    path("setup/", views.otp_setup, name="otp_setup"),
    path("verify/", views.otp_verify, name="otp_verify"),
    path("recovery-codes/", views.recovery_codes, name="recovery_codes"),
]
