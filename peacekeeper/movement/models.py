"""Freedom of movement: restrictions of the road network over time, each a releasable record.

A Restriction restricts or closes road segments, crossing points and bridges from `started_at` until it
ends: lifted by hand (`lifted_at`) or expired (`expires_at`); `ends_at` is the earlier of the two, kept in
a column so that "what was in force at moment t" is one indexed range query. A restriction derived from a
report carries that report's release label, so a reader who may not see the report does not see the
restriction, and nothing derived from the network for them (state, index, routes) reflects it.
"""

from django.conf import settings
from django.db import models

from peacekeeper.access.models import Labelled
from peacekeeper.events.models import EventReport
from peacekeeper.theatre.models import CrossingPoint, RoadSegment, Site


class Movement(models.TextChoices):
    OPEN = "open", "Open"
    RESTRICTED = "restricted", "Restricted"
    CLOSED = "closed", "Closed"


class Restriction(Labelled):
    class Origin(models.TextChoices):
        REPORT = "report", "Validated report"
        HAND = "hand", "Recorded by hand"

    status = models.CharField(
        max_length=16, choices=[(Movement.RESTRICTED, "Restricted"), (Movement.CLOSED, "Closed")]
    )
    origin = models.CharField(max_length=8, choices=Origin.choices)
    report = models.OneToOneField(
        EventReport, on_delete=models.CASCADE, null=True, blank=True, related_name="movement_restriction"
    )
    cause = models.CharField(max_length=300)
    # The monitoring-mission questions: who was restricted, by whom, where.
    restricted_party = models.CharField(max_length=200, blank=True)
    restricted_by = models.CharField(max_length=200, blank=True)
    location_name = models.CharField(max_length=200, blank=True)
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    started_at = models.DateTimeField()
    expires_at = models.DateTimeField(null=True, blank=True)
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lift_note = models.CharField(max_length=300, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True, help_text="the earlier of lifted_at and expires_at")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)
    exercise = models.BooleanField(default=False)
    segments = models.ManyToManyField(RoadSegment, blank=True, related_name="restrictions")
    crossings = models.ManyToManyField(CrossingPoint, blank=True, related_name="restrictions")
    bridges = models.ManyToManyField(Site, blank=True, related_name="restrictions")

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [
            models.Index(fields=["started_at", "ends_at"]),
            models.Index(fields=["label", "started_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True) | models.Q(ends_at__gte=models.F("started_at")),
                name="restriction_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()}: {self.cause}"

    def set_end(self) -> None:
        ends = [moment for moment in (self.expires_at, self.lifted_at) if moment is not None]
        self.ends_at = min(ends) if ends else None
