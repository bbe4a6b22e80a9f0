"""Assessment API."""

from ninja import Router

router = Router(tags=["assessment"])
