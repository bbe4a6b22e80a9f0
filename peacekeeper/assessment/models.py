"""The assessment's stored state: a ledger of counted reports, day cells summed from it, analyst overrides.

The ledger (`CountedReport`) remembers where each counted report was last counted: when a report is
corrected, moved to another area or day, or rejected, the cells it used to be in are recomputed too.
Cells (`DayCell`) are small sums per (area, UTC day, category, release label): a reader's figures are
the sum over the labels the access policy lets them see, so one table serves every reader.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from peacekeeper.access.models import Labelled, ReleaseLabel
from peacekeeper.events.models import EventReport
from peacekeeper.theatre.models import Area


# The ledger and the cells are derived state, rebuilt from the log by ledger.rebuild and kept by the
# derivation alone, which deletes a report's rows before its report could go (the log deletes none). So the
# database does not check their references: on PostgreSQL every row's three deferred checks ran at the commit
# of each rebuild, half of its time (bench ingest). The ORM still cascades and protects as declared.
class CountedReport(models.Model):
    """One validated or published report with an area, as the cells count it."""

    report = models.OneToOneField(
        EventReport, on_delete=models.CASCADE, primary_key=True, related_name="+", db_constraint=False
    )
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    day = models.DateField()
    category = models.CharField(max_length=48)
    label = models.ForeignKey(ReleaseLabel, on_delete=models.PROTECT, related_name="+", db_constraint=False)
    severity = models.PositiveSmallIntegerField()
    fatalities = models.PositiveIntegerField()
    near_protected_site = models.BooleanField()
    near_crossing = models.BooleanField()

    class Meta:
        indexes = [models.Index(fields=["area", "day"])]

    def __str__(self) -> str:
        return f"report {self.report_id} in area {self.area_id} on {self.day}"


class DayCell(models.Model):
    """Sums of the counted reports of one area, UTC day, category and release label."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    day = models.DateField()
    category = models.CharField(max_length=48)
    label = models.ForeignKey(ReleaseLabel, on_delete=models.PROTECT, related_name="+", db_constraint=False)
    count = models.PositiveIntegerField()
    severity_sum = models.PositiveIntegerField()
    severe = models.PositiveIntegerField(help_text="reports of severity 4 or 5")
    fatalities = models.PositiveIntegerField()
    near_protected_site = models.PositiveIntegerField()
    near_crossing = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["area", "day", "category", "label"], name="unique_assessment_cell"
            )
        ]
        indexes = [models.Index(fields=["day", "area"])]

    def __str__(self) -> str:
        return f"{self.count} {self.category} in area {self.area_id} on {self.day}"


class LevelOverride(Labelled):
    """An analyst's judgement of an area's threat level, with the reason, shown beside the computed level.

    Releasable like the reports it rests on: a reader who may not see the override sees the computed level.
    Overrides are never edited or deleted: a new one supersedes, so the history of judgements is kept.
    """

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    rationale = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    valid_until = models.DateTimeField()
    computed_level = models.PositiveSmallIntegerField(help_text="the computed level the author saw")

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["area", "created_at"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(level__gte=1, level__lte=5), name="override_level_1_5"),
            models.CheckConstraint(
                condition=models.Q(valid_until__gt=models.F("created_at")), name="override_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area} level {self.level} until {self.valid_until:%Y-%m-%d %H:%M}"


class LevelSnapshot(models.Model):
    """The level as it was shown, kept per area and day (and at each override), per audience.

    Figures depend on who reads them, so a snapshot belongs to an audience: readers whose access attributes
    (clearance, nation, organisation, missions, restrictive grants, partner status) are identical, and who
    therefore see exactly the same reports. Only that audience is ever shown the snapshot.
    """

    class Reason(models.TextChoices):
        DAILY = "daily", "Daily"
        OVERRIDE = "override", "Override"

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    audience = models.CharField(max_length=32, help_text="digest of the readers' access attributes")
    reason = models.CharField(max_length=16, choices=Reason.choices)
    computed_level = models.PositiveSmallIntegerField()
    level = models.PositiveSmallIntegerField()
    override = models.ForeignKey(
        LevelOverride, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rules = models.JSONField(default=list, help_text="ids of the rules that fired")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["day", "recorded_at"]
        indexes = [models.Index(fields=["audience", "area", "day"])]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "day", "audience"],
                condition=models.Q(reason="daily"),
                name="one_daily_snapshot_per_audience",
            )
        ]

    def __str__(self) -> str:
        return f"{self.area} {self.day}: level {self.level} ({self.reason})"
