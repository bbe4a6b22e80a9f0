"""Forces API: units (the registry grows with the force-posture issue)."""

from ninja import Router

router = Router(tags=["forces"])
