"""Classification levels and roles: the vocabulary of the access policy.

See docs/standards.md#release-markings.
"""

from django.db import models


class Classification(models.IntegerChoices):
    # PUBLIC is an explicit release state for the public site, not a synonym of NATO UNCLASSIFIED.
    PUBLIC = 0, "PUBLIC"
    NATO_UNCLASSIFIED = 1, "NATO UNCLASSIFIED"
    NATO_RESTRICTED = 2, "NATO RESTRICTED"
    NATO_CONFIDENTIAL = 3, "NATO CONFIDENTIAL"
    NATO_SECRET = 4, "NATO SECRET"


# Records at or above this level are audited when viewed, as well as when created or changed.
AUDITED_FROM = Classification.NATO_RESTRICTED


class Role(models.TextChoices):
    WATCHKEEPER = "watchkeeper", "Watchkeeper"
    ANALYST = "analyst", "Analyst"
    PLANNER = "planner", "Planner"
    LIAISON = "liaison", "Liaison officer"
    PUBLIC_AFFAIRS = "public_affairs", "Public affairs officer"
    PARTNER = "partner", "Partner user"
    ADMIN = "admin", "Administrator"
    # Reads the audit log, as far as the policy lets them see the records its entries describe.
    SECURITY_OFFICER = "security_officer", "Security officer"
    # May release a record to a wider audience than it had (a release decision, audited with a reason).
    RELEASE_AUTHORITY = "release_authority", "Release authority"


# Roles that may create or change releasable records (need-to-know for editing).
EDITING_ROLES = frozenset(
    {Role.WATCHKEEPER, Role.ANALYST, Role.PLANNER, Role.LIAISON, Role.PUBLIC_AFFAIRS, Role.ADMIN}
)


class CategoryKind(models.TextChoices):
    PERMISSIVE = "PERMISSIVE", "Permissive (at least one value must match)"
    RESTRICTIVE = "RESTRICTIVE", "Restrictive (every value must be held)"


REL_TO = "REL TO"


def parse_classification(text: str) -> Classification:
    """Parse a classification name as written in a marking ('NATO RESTRICTED', 'nato restricted')."""
    wanted = " ".join(text.upper().replace("_", " ").split())
    for level in Classification:
        if level.label == wanted:
            return level
    names = ", ".join(level.label for level in Classification)
    raise ValueError(f"unknown classification {text!r} (expected one of: {names})")
