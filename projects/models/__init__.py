"""Models of the projects app: projects, their index page and partner organisations."""

from .index import FeaturedProject, ProjectIndexPage
from .organisation import Organisation
from .project import ImpactFigure, ProjectPage, ProjectPartner, ProjectPerson, ProjectStatus

__all__ = [
    "FeaturedProject",
    "ImpactFigure",
    "Organisation",
    "ProjectIndexPage",
    "ProjectPage",
    "ProjectPartner",
    "ProjectPerson",
    "ProjectStatus",
]
