"""Posture API."""

from ninja import Router

router = Router(tags=["posture"])
