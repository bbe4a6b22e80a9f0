"""`alerts_changed`: sent after the commit that raised, acknowledged or escalated alerts, so that the
live streams of every process look at once (the COP connects its `notify.announce`; watch imports no app
above it)."""

from django.db import transaction
from django.dispatch import Signal

alerts_changed = Signal()


def announce_alerts_changed() -> None:
    """Owe `alerts_changed` in the current transaction: sent once it commits (at once outside one)."""
    transaction.on_commit(lambda: alerts_changed.send_robust(sender=None), robust=True)
