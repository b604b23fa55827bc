"""Models of the ``pages`` app, split by concept (see DESIGN.md, conventions)."""

from .areas import Area, AreaColour, AreaIcon
from .base import BasePage
from .home import HomePage
from .navigation import Menu, MenuLocation
from .site_settings import SiteSettings
from .standard import StandardPage

__all__ = [
    "Area",
    "AreaColour",
    "AreaIcon",
    "BasePage",
    "HomePage",
    "Menu",
    "MenuLocation",
    "SiteSettings",
    "StandardPage",
]
