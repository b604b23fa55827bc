"""Models of the ``pages`` app, split by concept (see DESIGN.md, conventions)."""

from .areas import Area, AreaColour, AreaIcon
from .base import BasePage
from .home import HomePage
from .navigation import Menu, MenuLocation
from .network import Member, MemberKind, MemberStatus, NetworkPage, network_figures
from .section import SectionPage
from .site_settings import SiteSettings
from .standard import StandardPage
from .stories import StoryIndexPage, StoryPage

__all__ = [
    "Area",
    "AreaColour",
    "AreaIcon",
    "BasePage",
    "HomePage",
    "Member",
    "MemberKind",
    "MemberStatus",
    "Menu",
    "MenuLocation",
    "NetworkPage",
    "SectionPage",
    "SiteSettings",
    "StandardPage",
    "StoryIndexPage",
    "StoryPage",
    "network_figures",
]
