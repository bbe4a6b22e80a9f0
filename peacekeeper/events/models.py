"""The operations log: event reports, their append-only history, and incidents that group them."""

import uuid

from django.conf import settings
from django.db import models

from peacekeeper.access.models import Labelled
from peacekeeper.events.taxonomy import CATEGORY_CHOICES
from peacekeeper.theatre.models import Area, Place


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    VALIDATED = "validated", "Validated"
    PUBLISHED = "published", "Published"
    REJECTED = "rejected", "Rejected"


# The reports that count: the map, the assessment and the FoM network derive only from these.
COUNTED_STATUSES = (Status.VALIDATED, Status.PUBLISHED)


class Precision(models.IntegerChoices):
    # ACLED's scale, used for both time and place.
    EXACT = 1, "1 — exact"
    NEAR = 2, "2 — near / within the week"
    APPROXIMATE = 3, "3 — approximate / region"


class Reliability(models.TextChoices):
    A = "A", "A — completely reliable"
    B = "B", "B — usually reliable"
    C = "C", "C — fairly reliable"
    D = "D", "D — not usually reliable"
    E = "E", "E — unreliable"
    F = "F", "F — reliability cannot be judged"


class Credibility(models.IntegerChoices):
    CONFIRMED = 1, "1 — confirmed by other sources"
    PROBABLY_TRUE = 2, "2 — probably true"
    POSSIBLY_TRUE = 3, "3 — possibly true"
    DOUBTFUL = 4, "4 — doubtful"
    IMPROBABLE = 5, "5 — improbable"
    CANNOT_JUDGE = 6, "6 — truth cannot be judged"


class ActorType(models.IntegerChoices):
    # ACLED inter codes.
    NONE = 0, "—"
    STATE_FORCES = 1, "State forces"
    REBEL_GROUPS = 2, "Rebel groups"
    POLITICAL_MILITIAS = 3, "Political militias"
    IDENTITY_MILITIAS = 4, "Identity militias"
    RIOTERS = 5, "Rioters"
    PROTESTERS = 6, "Protesters"
    CIVILIANS = 7, "Civilians"
    EXTERNAL_OTHER = 8, "External/Other forces"


class SourceType(models.TextChoices):
    PATROL = "patrol", "Own patrol / observation"
    UNIT_REPORT = "unit", "Unit report"
    HUMINT = "humint", "Human source"
    PARTNER = "partner", "Partner organisation"
    POLICE = "police", "Kosovo Police"
    MEDIA = "media", "Media / open source"
    ACLED = "acled", "ACLED"
    EXERCISE = "exercise", "Exercise generator"


class Incident(models.Model):
    """Several reports of one happening. It holds no facts of its own: its reports do."""

    title = models.CharField(max_length=200)
    # A written title may say what any of the reports linked when it was written says: it is shown only to a
    # reader who may see every one of them. Empty for the generated "Incident N", which names nothing.
    title_reports = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return self.title


class ImportBatch(models.Model):
    """One run of a bulk import: the history entry of every report it created (at `status`, by `user`).

    A run is `running` until it ends `finished`, or `failed` (with the error); a run whose process died
    (a crash, kill -9) stays `running` until recovery finds its process gone and marks it `interrupted`:
    what its committed batches stored stays, and running the same input again completes it.
    """

    class State(models.TextChoices):
        RUNNING = "running", "Running"
        FINISHED = "finished", "Finished"
        FAILED = "failed", "Failed"
        INTERRUPTED = "interrupted", "Interrupted"

    source_system = models.CharField(max_length=32)
    file_name = models.CharField(max_length=300, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.SUBMITTED)
    state = models.CharField(max_length=16, choices=State.choices, default=State.RUNNING)
    error = models.TextField(blank=True)
    # Who runs it, so recovery can tell a live run from one whose process is gone.
    host = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    counts = models.JSONField(default=dict, blank=True)

    def __str__(self) -> str:
        return f"import #{self.pk} ({self.source_system} {self.file_name})"


class EventReport(Labelled):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    rejection_reason = models.TextField(blank=True)

    # Where the report came from; (source_system, source_id) makes imports idempotent.
    source_system = models.CharField(max_length=32, default="form")
    source_id = models.CharField(max_length=100, blank=True)
    source_timestamp = models.BigIntegerField(null=True, blank=True, help_text="ACLED's timestamp (Unix)")

    occurred_at = models.DateTimeField()
    time_precision = models.PositiveSmallIntegerField(choices=Precision.choices, default=Precision.EXACT)
    reported_at = models.DateTimeField()

    lat = models.FloatField()
    lon = models.FloatField()
    # Digits per axis of the MGRS grid the position was given with (5 = 1 m square); None when it was given
    # another way. Grids shown and exported keep this precision.
    grid_precision = models.PositiveSmallIntegerField(null=True, blank=True)
    geo_precision = models.PositiveSmallIntegerField(choices=Precision.choices, default=Precision.EXACT)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, null=True, blank=True, related_name="events")
    place = models.ForeignKey(Place, on_delete=models.SET_NULL, null=True, blank=True, related_name="events")
    location_name = models.CharField(max_length=200, blank=True)
    outside_theatre = models.BooleanField(default=False)

    category = models.CharField(max_length=48, choices=CATEGORY_CHOICES)
    severity = models.PositiveSmallIntegerField(default=2, help_text="1 minor … 5 critical")

    killed_civilians = models.PositiveIntegerField(default=0)
    killed_police = models.PositiveIntegerField(default=0)
    killed_force = models.PositiveIntegerField(default=0)
    killed_other = models.PositiveIntegerField(default=0)
    injured_civilians = models.PositiveIntegerField(default=0)
    injured_police = models.PositiveIntegerField(default=0)
    injured_force = models.PositiveIntegerField(default=0)
    injured_other = models.PositiveIntegerField(default=0)

    actor1 = models.CharField(max_length=200, blank=True)
    assoc_actor_1 = models.CharField(max_length=300, blank=True)
    inter1 = models.PositiveSmallIntegerField(choices=ActorType.choices, default=ActorType.NONE)
    actor2 = models.CharField(max_length=200, blank=True)
    assoc_actor_2 = models.CharField(max_length=300, blank=True)
    inter2 = models.PositiveSmallIntegerField(choices=ActorType.choices, default=ActorType.NONE)
    civilian_targeting = models.BooleanField(default=False)

    salute_size = models.CharField(max_length=200, blank=True)
    salute_activity = models.CharField(max_length=300, blank=True)
    salute_location = models.CharField(max_length=200, blank=True)
    salute_unit = models.CharField(max_length=200, blank=True)
    salute_time = models.CharField(max_length=100, blank=True)
    salute_equipment = models.CharField(max_length=300, blank=True)

    narrative = models.TextField(blank=True)
    source_type = models.CharField(max_length=16, choices=SourceType.choices, default=SourceType.PATROL)
    source_name = models.CharField(max_length=300, blank=True)
    source_scale = models.CharField(max_length=100, blank=True)
    source_reliability = models.CharField(max_length=1, choices=Reliability.choices, default=Reliability.F)
    source_credibility = models.PositiveSmallIntegerField(
        choices=Credibility.choices, default=Credibility.CANNOT_JUDGE
    )
    reporting_unit = models.CharField(max_length=120, blank=True)
    tags = models.CharField(max_length=300, blank=True)
    exercise = models.BooleanField(default=False, help_text="Synthetic exercise data, not a real event")

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    validated_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    import_batch = models.ForeignKey(
        ImportBatch, on_delete=models.PROTECT, null=True, blank=True, related_name="reports"
    )
    incident = models.ForeignKey(
        Incident, on_delete=models.SET_NULL, null=True, blank=True, related_name="reports"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        constraints = [
            # Unique per label, not globally: a writer looks existing reports up only among those they may
            # see, so a report hidden from them must not block (or be revealed by) their own import of the
            # same source record. A writer may only apply labels they can see, so a clash is always visible.
            models.UniqueConstraint(
                fields=["source_system", "source_id", "label"],
                condition=~models.Q(source_id=""),
                name="unique_event_source_per_label",
            ),
            models.CheckConstraint(
                condition=models.Q(severity__gte=1, severity__lte=5), name="event_severity_1_5"
            ),
            models.CheckConstraint(condition=models.Q(lat__gte=-90, lat__lte=90), name="event_lat_range"),
            models.CheckConstraint(condition=models.Q(lon__gte=-180, lon__lte=180), name="event_lon_range"),
        ]
        indexes = [
            models.Index(fields=["occurred_at", "id"]),
            # The log's and the API's "time logged" order and its keyset pages (events.queries).
            models.Index(fields=["created_at", "id"]),
            models.Index(fields=["area", "occurred_at"]),
            models.Index(fields=["category", "occurred_at"]),
            models.Index(fields=["status", "occurred_at"]),
            models.Index(fields=["severity", "occurred_at"]),
            models.Index(fields=["exercise", "occurred_at"]),
            models.Index(fields=["label", "occurred_at"]),
            # The live stream's look at what was validated or published in the last seconds (cop.live).
            models.Index(fields=["validated_at"]),
            models.Index(fields=["published_at"]),
            # The partial unique constraint cannot serve `source_id IN (...)` lookups on SQLite.
            models.Index(fields=["source_system", "source_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} at {self.location_name or self.area or 'unknown place'}"

    @property
    def fatalities(self) -> int:
        return self.killed_civilians + self.killed_police + self.killed_force + self.killed_other

    @property
    def injured(self) -> int:
        return self.injured_civilians + self.injured_police + self.injured_force + self.injured_other


class EventChange(models.Model):
    """One entry of a report's append-only history: who did what, when, with old and new values."""

    class Action(models.TextChoices):
        CREATED = "created", "Created"
        IMPORTED = "imported", "Imported"
        UPDATED = "updated", "Updated"
        CORRECTED = "corrected", "Corrected (new version)"
        SUBMITTED = "submitted", "Submitted"
        VALIDATED = "validated", "Validated"
        PUBLISHED = "published", "Published"
        REJECTED = "rejected", "Rejected"
        MERGED = "merged", "Linked into an incident"
        UNMERGED = "unmerged", "Unlinked from an incident"

    event = models.ForeignKey(EventReport, on_delete=models.CASCADE, related_name="changes")
    version = models.PositiveIntegerField()
    at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=16, choices=Action.choices)
    # {field: [old, new]} as JSON-safe values.
    fields = models.JSONField(default=dict, blank=True)
    reason = models.TextField(blank=True)
    # The label of the version this entry produced: its "new" values are released as that version was, its
    # "old" values as the version before it. Readers see of each entry only what they may see.
    label = models.ForeignKey("access.ReleaseLabel", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["event", "at"]),
            # The newest entry of each action in one index step (cop.caching.layer_version).
            models.Index(fields=["action", "id"]),
        ]

    def __str__(self) -> str:
        return f"{self.event_id} v{self.version} {self.action}"


class IncidentLink(models.Model):
    """The record of a merge, so that it can be undone."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="links")
    event = models.ForeignKey(EventReport, on_delete=models.CASCADE, related_name="incident_links")
    previous_incident = models.ForeignKey(
        Incident, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    linked_at = models.DateTimeField(auto_now_add=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-linked_at"]

    def __str__(self) -> str:
        return f"report {self.event_id} in incident {self.incident_id}"


class DerivationDue(models.Model):
    """The outbox of `reports_changed`: derivations owed for reports whose counted state changed.

    Written in the same transaction as the change, so a committed change always leaves either its row or
    the derived state brought up to date; deleted once every receiver has succeeded (events.signals).
    """

    # The reports to derive again, or null: every report (a rebuild).
    report_ids = models.JSONField(null=True, blank=True)
    # The import whose batch wrote it: delivered when that import ends (or is found interrupted).
    import_batch = models.ForeignKey(
        ImportBatch, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"derivation due #{self.pk} ({'all' if self.report_ids is None else len(self.report_ids)})"
