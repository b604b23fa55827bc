"""Models of the people app: people and their groups, and the team page that lists them."""

from .person import GroupMembership, LinkKind, Person, PersonGroup, fold
from .team import GroupListing, TeamPage

__all__ = [
    "GroupListing",
    "GroupMembership",
    "LinkKind",
    "Person",
    "PersonGroup",
    "TeamPage",
    "fold",
]
