"""Movement API."""

from ninja import Router

router = Router(tags=["movement"])
