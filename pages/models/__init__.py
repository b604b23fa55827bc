"""Models of the ``pages`` app, split by concept (see DESIGN.md, conventions).

The network and stories live in their own packages (``pages.network``, ``pages.stories``) with
their views, forms and feeds; their models are re-exported here, in app label ``pages``.
"""

from ..network.models import Member, MemberKind, MemberStatus, NetworkPage, network_figures
from ..stories.models import StoryIndexPage, StoryPage
from .areas import Area, AreaColour, AreaIcon
from .base import BasePage
from .home import HomePage
from .navigation import Menu, MenuLocation
from .section import SectionPage
from .site_settings import SiteSettings
from .standard import StandardPage

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
