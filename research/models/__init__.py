"""Models of the research app, split by concept."""

from .index_page import ResearchIndexPage
from .reference import (
    CreatorRole,
    CslType,
    EvidenceType,
    Reference,
    ReferenceCreator,
    VerificationStatus,
)

__all__ = [
    "CreatorRole",
    "CslType",
    "EvidenceType",
    "Reference",
    "ReferenceCreator",
    "ResearchIndexPage",
    "VerificationStatus",
]
