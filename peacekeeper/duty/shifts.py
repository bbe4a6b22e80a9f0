"""The watch log: shifts, their handover and its acknowledgement.

Shifts change at 06:00 and 18:00 in the mission's local time (the DTG letter J: `theatre.dtg`'s
local zone, Europe/Belgrade for Kosovo), so a shift is twelve hours (eleven or thirteen across a change of
the clocks). `shift_bounds` gives the shift around any instant.

Handover: the duty officer (or a watchkeeper of the shift, for them) adds remarks, names the incoming
officer and hands over. That keeps the summary as it stands (`summary.keep_summary`: every record of every
section, each labelled as its record, so each later reader sees of it what is released to them) and the
shift is never changed again, except for the acknowledgement: the named incoming officer says they have
taken the watch (who, when), which opens the next shift with them as its duty officer.
"""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.models import AnonymousUser, User
from django.db import IntegrityError, transaction
from django.utils import timezone

from peacekeeper.access import policy
from peacekeeper.access.labels import LabelError, intern_label, parse_marking
from peacekeeper.access.releasing import default_marking
from peacekeeper.core.errors import Conflict, FieldError, InputError, NotAllowed
from peacekeeper.duty.actions import WATCH_FLOOR_ROLES
from peacekeeper.duty.models import Shift
from peacekeeper.duty.summary import keep_summary
from peacekeeper.theatre.dtg import DEFAULT_LOCAL_ZONE

# Local hours at which the watch changes.
CHANGE_HOURS = (6, 18)
MAX_REMARKS = 4000


def _local() -> ZoneInfo:
    return ZoneInfo(DEFAULT_LOCAL_ZONE)


def shift_bounds(at: datetime) -> tuple[datetime, datetime]:
    """The start and end (UTC) of the shift that `at` falls in."""
    zone = _local()
    local = at.astimezone(zone)
    changes = []
    for offset in (-1, 0, 1):
        day = local.date() + timedelta(days=offset)
        changes += [datetime.combine(day, time(hour), tzinfo=zone) for hour in CHANGE_HOURS]
    changes.sort()
    start = max(change for change in changes if change <= local)
    end = min(change for change in changes if change > local)
    return start.astimezone(UTC), end.astimezone(UTC)


def may_keep_watch_log(user: User | AnonymousUser | None) -> bool:
    return policy.may_act(user, WATCH_FLOOR_ROLES)


def current_shift(at: datetime | None = None) -> Shift | None:
    at = at or timezone.now()
    return Shift.objects.filter(starts_at__lte=at, ends_at__gt=at).first()


def open_shift(
    *, user: User, duty_officer: User, watchkeepers: list[User] = (), at: datetime | None = None
) -> Shift:
    """Open the shift around `at` (default now) in the watch log; Conflict if it is already open."""
    if not may_keep_watch_log(user):
        raise NotAllowed("only watchkeepers, analysts and administrators keep the watch log")
    problems = [
        FieldError(field, f"{person.username} does not work the watch floor")
        for field, person in [("duty_officer", duty_officer), *(("watchkeepers", w) for w in watchkeepers)]
        if not may_keep_watch_log(person)
    ]
    if problems:
        raise InputError(problems)
    starts_at, ends_at = shift_bounds(at or timezone.now())
    try:
        with transaction.atomic():
            shift = Shift.objects.create(starts_at=starts_at, ends_at=ends_at, duty_officer=duty_officer)
            shift.watchkeepers.set(watchkeepers)
    except IntegrityError:
        raise Conflict("this shift is already open in the watch log") from None
    return shift


def may_hand_over(user: User | AnonymousUser | None, shift: Shift) -> bool:
    if not may_keep_watch_log(user) or shift.handed_over:
        return False
    return user.pk == shift.duty_officer_id or shift.watchkeepers.filter(pk=user.pk).exists()


def may_acknowledge(user: User | AnonymousUser | None, shift: Shift) -> bool:
    return (
        may_keep_watch_log(user)
        and shift.handed_over
        and shift.acknowledged_at is None
        and user.pk == shift.incoming_officer_id
    )


def hand_over(*, user: User, shift_id: int, remarks: str, incoming: str, marking: str = "") -> Shift:
    """Keep the summary, the remarks (released as `marking`) and the incoming officer: the shift is closed."""
    if not may_keep_watch_log(user):
        raise NotAllowed("only watchkeepers, analysts and administrators hand over a watch")
    remarks = remarks.strip()
    errors = []
    if len(remarks) > MAX_REMARKS:
        errors.append(FieldError("remarks", f"at most {MAX_REMARKS} characters ({len(remarks)} given)"))
    label = None
    try:
        spec = parse_marking(marking.strip() or default_marking(user))
    except LabelError as error:
        errors.append(FieldError("marking", str(error)))
    else:
        if not policy.can_apply_label(user, spec):
            errors.append(FieldError("marking", f"you cannot release remarks as {spec.marking}"))
        else:
            label = spec
    incoming_user = User.objects.filter(username=incoming.strip(), is_active=True).first()
    if not incoming.strip():
        errors.append(FieldError("incoming", "name the officer who takes the watch"))
    elif incoming_user is None or not may_keep_watch_log(incoming_user):
        errors.append(FieldError("incoming", f"{incoming.strip()!r} is no active user of the watch floor"))
    elif incoming_user.pk == user.pk:
        errors.append(FieldError("incoming", "the incoming officer is someone other than you"))
    if errors:
        raise InputError(errors)
    with transaction.atomic():
        shift = Shift.objects.select_for_update().filter(pk=shift_id).first()
        if shift is None:
            raise InputError([FieldError("shift", f"no shift {shift_id}")])
        if shift.handed_over:
            raise Conflict("this shift was already handed over")
        if not may_hand_over(user, shift):
            raise NotAllowed("only the duty officer or a watchkeeper of this shift hands it over")
        now = timezone.now()
        shift.remarks, shift.remarks_label = remarks, intern_label(label)
        shift.incoming_officer, shift.handed_over_by, shift.handed_over_at = incoming_user, user, now
        shift.save(
            update_fields=["remarks", "remarks_label", "incoming_officer", "handed_over_by", "handed_over_at"]
        )
        keep_summary(shift=shift, at=now)
    return shift


def acknowledge(*, user: User, shift_id: int) -> Shift:
    """The incoming officer has taken the watch: kept with their name and the time, and the next shift
    opened with them as its duty officer (if nobody opened it yet)."""
    with transaction.atomic():
        shift = Shift.objects.select_for_update().filter(pk=shift_id).first()
        if shift is None:
            raise InputError([FieldError("shift", f"no shift {shift_id}")])
        if shift.acknowledged_at is not None:
            raise Conflict("this handover was already acknowledged")
        if not may_acknowledge(user, shift):
            raise NotAllowed("only the incoming officer named at handover acknowledges it")
        shift.acknowledged_by, shift.acknowledged_at = user, timezone.now()
        shift.save(update_fields=["acknowledged_by", "acknowledged_at"])
        starts_at, ends_at = shift_bounds(shift.ends_at)
        if not Shift.objects.filter(starts_at=starts_at).exists():
            Shift.objects.create(starts_at=starts_at, ends_at=ends_at, duty_officer=user)
    return shift
