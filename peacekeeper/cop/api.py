"""COP API: the map's layer endpoints and the live stream (all through the access policy)."""

from ninja import Router

router = Router(tags=["cop"])
