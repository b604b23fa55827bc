"""Language-neutral newsletter endpoints (one-click unsubscribe, provider webhooks)."""

app_name = "newsletter"
urlpatterns: list = []
