"""Models of the people app: people and their groups, the team page that lists them, and where
people are credited on pages (story authors, area contacts)."""

from ..blocks import LinkKind
from .credits import SectionContact, StoryAuthor
from .person import GroupMembership, Person, PersonGroup, fold
from .team import GroupListing, TeamPage

__all__ = [
    "GroupListing",
    "GroupMembership",
    "LinkKind",
    "Person",
    "PersonGroup",
    "SectionContact",
    "StoryAuthor",
    "TeamPage",
    "fold",
]
