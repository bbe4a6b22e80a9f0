"""The watch floor's own records: actions taken on reports, incidents and alerts, and the shifts' watch log.

An `Action` hangs from exactly one subject (a report, an incident or an alert) and is released no wider
than it (`duty.actions`). Its state goes open -> done | cancelled once, and every step is kept in its own
history (`ActionChange`, append-only).

A `Shift` is one watch (start, end, duty officer, watchkeepers). Until it is handed over its summary is
computed from the data for each reader (`duty.summary`); at handover the summary is kept as
`HandoverItem` rows, each labelled as the record it shows, and the shift is never changed again except for
the incoming officer's acknowledgement.
"""

from django.conf import settings
from django.db import models

from peacekeeper.access.models import Labelled, ReleaseLabel
from peacekeeper.events.models import EventReport, Incident
from peacekeeper.watch.models import Alert


class Action(Labelled):
    """Something the watch floor must do about a report, an incident or an alert ("inform COS")."""

    class State(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        CANCELLED = "cancelled", "Cancelled"

    text = models.CharField(max_length=300)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    due_at = models.DateTimeField()
    state = models.CharField(max_length=16, choices=State.choices, default=State.OPEN)
    # Exactly one subject (a check constraint holds it).
    report = models.ForeignKey(
        EventReport, on_delete=models.PROTECT, null=True, blank=True, related_name="duty_actions"
    )
    incident = models.ForeignKey(
        Incident, on_delete=models.PROTECT, null=True, blank=True, related_name="duty_actions"
    )
    alert = models.ForeignKey(
        Alert, on_delete=models.PROTECT, null=True, blank=True, related_name="duty_actions"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    # Who closed it (done or cancelled), when, and the note (required on cancel).
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["due_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(report__isnull=False, incident__isnull=True, alert__isnull=True)
                    | models.Q(report__isnull=True, incident__isnull=False, alert__isnull=True)
                    | models.Q(report__isnull=True, incident__isnull=True, alert__isnull=False)
                ),
                name="action_has_one_subject",
            ),
            models.CheckConstraint(
                condition=models.Q(state="open", closed_at__isnull=True)
                | (~models.Q(state="open") & models.Q(closed_at__isnull=False)),
                name="action_closed_when_not_open",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "due_at"]),
            models.Index(fields=["owner", "state"]),
        ]

    def __str__(self) -> str:
        return self.text


class ActionChange(models.Model):
    """One step of an action's own history: created, done or cancelled (append-only)."""

    class Kind(models.TextChoices):
        CREATED = "created", "Opened"
        DONE = "done", "Done"
        CANCELLED = "cancelled", "Cancelled"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    at = models.DateTimeField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"action {self.action_id} {self.kind}"


class Shift(models.Model):
    """One watch: its times, its duty officer and watchkeepers, and its handover.

    Open until the duty officer hands over (remarks, named incoming officer, the summary kept as
    HandoverItems); acknowledged once the incoming officer says they have taken the watch.
    """

    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    duty_officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    watchkeepers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    handed_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    handed_over_at = models.DateTimeField(null=True, blank=True)
    incoming_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The outgoing officer's remarks are free text: released as the marking they give (shown to readers of
    # that label only).
    remarks = models.TextField(blank=True)
    remarks_label = models.ForeignKey(
        ReleaseLabel, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-starts_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="shift_ends_after_start"
            ),
            models.UniqueConstraint(fields=["starts_at"], name="one_shift_per_start"),
        ]

    def __str__(self) -> str:
        return f"shift {self.starts_at:%d %b %H:%M}Z-{self.ends_at:%H:%M}Z"

    @property
    def handed_over(self) -> bool:
        return self.handed_over_at is not None


class HandoverItem(Labelled):
    """One line of a handed-over shift's summary, as it stood at handover, labelled as the record it shows.

    `kind` says which section it belongs to; `record_type`/`record_id` name the record; `content` is what
    the line shows (texts, DTGs, names) so the kept summary does not change when the record does.
    """

    class Kind(models.TextChoices):
        SIGEVENT = "sigevent", "SIGEVENTs"
        ACTION = "action", "Open actions"
        RESTRICTION = "restriction", "Open restrictions"
        ALERT = "alert", "Unacknowledged alerts"
        LEVEL = "level", "Threat-level changes"

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    record_type = models.CharField(max_length=64)
    record_id = models.CharField(max_length=64)
    content = models.JSONField(default=dict)
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["position"]
        indexes = [models.Index(fields=["shift", "kind"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.record_type} {self.record_id}"
