"""Admin wiring of the editors' experience (kindness_site/editors): dashboard panels, the Help
menu entry and its view, the site's content checks and the translators' limits on snippets."""

from django.templatetags.static import static
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from kindness_site.editors.content_checks import use_site_content_checker
from kindness_site.editors.panels import add_dashboard_panels
from kindness_site.editors.translators import refuse_source_snippets_to_translators
from kindness_site.editors.views import EditorsGuideView

hooks.register("construct_homepage_panels", add_dashboard_panels)
hooks.register("construct_wagtail_userbar", use_site_content_checker)
hooks.register("before_edit_snippet", refuse_source_snippets_to_translators)


@hooks.register("register_admin_urls")
def editors_guide_urls() -> list[URLPattern]:
    return [path("editors-guide/", EditorsGuideView.as_view(), name="kindness_editors_guide")]


@hooks.register("register_help_menu_item")
def editors_guide_menu_item() -> MenuItem:
    """First entry of Wagtail's Help menu: the site's own guide, before Wagtail's generic one."""
    return MenuItem(
        _("Editor's guide"),
        reverse("kindness_editors_guide"),
        name="kindness-editors-guide",
        icon_name="help",
        order=1,
    )


@hooks.register("insert_global_admin_css")
def editors_admin_css() -> str:
    return format_html('<link rel="stylesheet" href="{}">', static("kindness_editors/admin.css"))
