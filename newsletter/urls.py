"""Language-neutral newsletter endpoints: one-click unsubscribe and provider webhooks.

Provider webhooks are Anymail's own views, e.g. /newsletter/anymail/postmark/tracking/,
protected by the basic-auth secret in ANYMAIL["WEBHOOK_SECRET"].
"""

from django.urls import include, path

from . import views

app_name = "newsletter"
urlpatterns = [
    path("u/<str:token>/", views.one_click_unsubscribe, name="one_click_unsubscribe"),
    path("anymail/", include("anymail.urls")),
]
