"""Newsletter pages that visitors read, under the language prefix (/en/newsletter/..., /it/...)."""

from django.urls import path

from . import views

app_name = "newsletter_public"
urlpatterns = [
    path("subscribe/", views.subscribe, name="subscribe"),
    path("subscribe/thanks/", views.subscribe_thanks, name="subscribe_thanks"),
    path("confirm/<str:signature>/", views.confirm, name="confirm"),
    path("preferences/<str:signature>/", views.preferences, name="preferences"),
    path("preferences/<str:signature>/data.json", views.download_data, name="download_data"),
    path("preferences/<str:signature>/erase/", views.erase, name="erase"),
]
