"""The demo's watch log: the current shift open, with the demo watchkeeper as its duty officer and the
analyst on watch, so the handover page opens on a live summary (and the next shift is opened by whoever
acknowledges the handover)."""

from django.contrib.auth.models import User
from django.utils import timezone

from peacekeeper.duty.models import Shift
from peacekeeper.duty.shifts import shift_bounds


def open_demo_shift() -> str:
    """Open the shift around now unless it is open already; says what it did."""
    starts_at, ends_at = shift_bounds(timezone.now())
    shift = Shift.objects.filter(starts_at=starts_at).first()
    if shift is not None:
        return f"current shift already in the watch log (duty officer {shift.duty_officer.username})"
    officer = User.objects.get(username="watchkeeper")
    shift = Shift.objects.create(starts_at=starts_at, ends_at=ends_at, duty_officer=officer)
    shift.watchkeepers.set(User.objects.filter(username="analyst"))
    return f"shift {starts_at:%d %H%M}Z-{ends_at:%d %H%M}Z opened, duty officer watchkeeper"
