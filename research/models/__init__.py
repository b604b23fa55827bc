"""Models of the research app, split by concept."""

from .index_page import ResearchIndexPage
from .reference import (
    ONLINE_TYPES,
    CreatorRole,
    CslType,
    EvidenceType,
    Reference,
    ReferenceCreator,
    VerificationStatus,
    ZoteroSyncState,
)

__all__ = [
    "ONLINE_TYPES",
    "CreatorRole",
    "CslType",
    "EvidenceType",
    "Reference",
    "ReferenceCreator",
    "ResearchIndexPage",
    "VerificationStatus",
    "ZoteroSyncState",
]
