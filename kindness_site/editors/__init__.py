"""The editors' experience: staff roles, moderation and translation workflows, dashboard panels
and the editor's guide. Wired into Wagtail by ``kindness_site/wagtail_hooks.py``."""
