"""Posture: tasks and their requirements, allocations from the optimiser, options and decisions."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from peacekeeper.access.models import Labelled
from peacekeeper.forces.capabilities import capability_errors
from peacekeeper.forces.models import Unit
from peacekeeper.theatre.models import Area, CrossingPoint, Place, Site

DEFAULT_TASK_MARKING = "NATO RESTRICTED // REL TO KFOR"


class TaskKind(models.TextChoices):
    STATIC_GUARD = "static_guard", "Static guard"
    GATE = "gate", "Gate"
    PATROL_AREA = "patrol_area", "Patrol area"
    CHECKPOINT = "checkpoint", "Checkpoint"
    ESCORT = "escort", "Escort"
    CRC_STANDBY = "crc_standby", "Crowd-and-riot-control standby"
    RESERVE = "reserve", "Reserve"


# Static tasks fix troops to one spot; posture options "unfix" them.
STATIC_KINDS = frozenset({TaskKind.STATIC_GUARD, TaskKind.GATE, TaskKind.CHECKPOINT})


class Task(Labelled):
    """A task the force must man: where (a site, crossing, place, point or municipalities), with what
    capabilities and how many troops, at what notice, how important, and when (no window: continuous)."""

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=TaskKind.choices)
    site = models.ForeignKey(Site, on_delete=models.PROTECT, null=True, blank=True, related_name="tasks")
    crossing = models.ForeignKey(
        CrossingPoint, on_delete=models.PROTECT, null=True, blank=True, related_name="tasks"
    )
    place = models.ForeignKey(Place, on_delete=models.PROTECT, null=True, blank=True, related_name="tasks")
    lat = models.FloatField("latitude", null=True, blank=True, help_text="A point, when no site or crossing")
    lon = models.FloatField("longitude", null=True, blank=True)
    areas = models.ManyToManyField(
        Area, blank=True, related_name="tasks", limit_choices_to={"level": Area.Level.MUNICIPALITY}
    )
    capabilities = models.JSONField(default=list, blank=True)
    strength = models.PositiveIntegerField("troops required")
    notice_hours = models.PositiveIntegerField(
        "notice (hours)", help_text="Hours of notice a unit gets before the task starts"
    )
    priority = models.PositiveSmallIntegerField(help_text="1 (most important) to 5")
    starts_at = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    active = models.BooleanField(default=True)
    # Scenario parameters that are exercise assumptions, not sourced facts, say so here and in the UI.
    assumption_note = models.TextField(blank=True)
    scenario_key = models.CharField(max_length=120, unique=True, null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["priority", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def continuous(self) -> bool:
        return self.starts_at is None

    @property
    def static(self) -> bool:
        return self.kind in STATIC_KINDS

    def clean(self) -> None:
        errors: dict[str, str | list[str]] = {}
        capability_problems = capability_errors(self.capabilities)
        if capability_problems:
            errors["capabilities"] = capability_problems
        if not 1 <= (self.priority or 0) <= 5:
            errors["priority"] = "must be 1 (most important) to 5"
        if (self.starts_at is None) != (self.ends_at is None):
            errors["ends_at"] = "give both start and end, or neither for a continuous task"
        elif self.starts_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "must be after the start"
        if (self.lat is None) != (self.lon is None):
            errors["lon"] = "give both latitude and longitude, or neither"
        if errors:
            raise ValidationError(errors)


class PostureOption(Labelled):
    """A named variant of the task list and the force, as changes applied to the current ones.

    `changes` is a list of {"kind": ...} entries (see variants.py): deactivate a task, set a task's
    strength, move a unit to another camp, reduce every unit's strength by a percentage.
    """

    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    changes = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.name


class Allocation(models.Model):
    """One run of the optimiser for the base posture (option null) or an option, as its planner saw it.

    Figures shown to a reader are recomputed from the assignments that reader may see (views.py);
    `unmet` holds the explanations, keyed by task and unit ids, rendered per reader (explaining.py).
    """

    option = models.ForeignKey(
        PostureOption, on_delete=models.CASCADE, null=True, blank=True, related_name="allocations"
    )
    run_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    run_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=200)
    time_limit_s = models.FloatField()
    mip_gap = models.FloatField(help_text="Relative gap asked for")
    gap = models.FloatField(null=True, help_text="Relative gap reached (largest over the stages)")
    solve_seconds = models.FloatField()
    unmet_score = models.FloatField()
    travel_km = models.FloatField()
    changes = models.PositiveIntegerField()
    stages = models.JSONField(default=list)
    unmet = models.JSONField(default=list)

    class Meta:
        ordering = ["-run_at", "-id"]

    def __str__(self) -> str:
        return f"allocation {self.pk} ({self.option or 'current posture'})"


class Assignment(models.Model):
    allocation = models.ForeignKey(Allocation, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="+")
    travel_km = models.FloatField()
    # Troops the unit counted for in this run (an option may reduce strengths); null: unknown.
    troops = models.PositiveIntegerField(null=True)
    pinned = models.BooleanField(default=False)

    class Meta:
        ordering = ["task__priority", "task__name", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["allocation", "unit", "task"], name="one_assignment_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.unit} -> {self.task}"


class Pin(models.Model):
    """A planner's fixed assignment: kept by every run of the base posture (option null) or the option."""

    option = models.ForeignKey(
        PostureOption, on_delete=models.CASCADE, null=True, blank=True, related_name="pins"
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="pins")
    pinned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    pinned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["option", "unit", "task"], name="one_pin_per_pair")]

    def __str__(self) -> str:
        return f"pin {self.unit} -> {self.task}"


class Decision(Labelled):
    """A posture decision: who decided, when, why, and which option. Append-only: never changed."""

    option = models.ForeignKey(PostureOption, on_delete=models.PROTECT, related_name="decisions")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)
    rationale = models.TextField()

    class Meta:
        ordering = ["-decided_at", "-id"]

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValidationError("a decision is never changed: record a new one")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("a decision is never deleted: record a new one")
