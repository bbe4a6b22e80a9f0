"""What crosses from the mission side to the public side, and the record of each crossing.

The mission side keeps one table, `BundleExport`: the bundles it has signed, whose `version` makes each
next bundle's version larger (`exporting.next_version`). The public side keeps the rest, replaced whole by
every accepted bundle (`importing.import_bundle`): a record gone from a bundle is gone from the public site.
They hold copies, never foreign keys to mission tables (the public database holds only these and the
public site's own tables), and each keeps its release marking as the bundle gave it, always "PUBLIC".

For the public site's pages:
- `PublicNotice.objects.in_force(now)`: the road closures and restrictions to show now, with `geometry`
  (GeoJSON, WGS-84: the segments' lines, or the point where it applies) for the map, `place` ("at
  Zvečan", already a phrase after "Road closed"), `roads` (designations such as "M-2") and `segments`,
  `crossings` and `bridges` (names).
- `PublicContribution.objects.filter(as_of=PublicContribution.latest_complete_date())`: the contributing
  nations of the latest placemat that lists the whole force, largest first; `PublicStrength` the force's
  stated strength on a date, when the sources give one (a placemat listing fewer troops than that is
  partial). Both keep `source` and `approximate` with its note as the mission side stores them.
- `PublicSite`: camps and other sites released as PUBLIC, with their position.
- `PublicReport`: published reports released as PUBLIC, which a press release may cite by `uid`.
- `BundleImport.objects.first()`: the last bundle imported (version, when, from which mission).
"""

from datetime import date, datetime

from django.db import models

PUBLIC = "PUBLIC"


class BundleExport(models.Model):
    """A bundle the mission side signed (mission side only)."""

    version = models.BigIntegerField(unique=True)
    created_at = models.DateTimeField()
    source_mission = models.CharField(max_length=16)
    counts = models.JSONField(default=dict)
    sha256 = models.CharField(max_length=64, help_text="of the bundle file as written")
    payload_sha256 = models.CharField(
        max_length=64, blank=True, help_text="of its payload: what it carries, without version or time"
    )
    path = models.TextField(help_text="where it was written")
    marking = models.CharField(max_length=64, default=PUBLIC)

    class Meta:
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"bundle {self.version} ({self.source_mission})"


class BundleImport(models.Model):
    """A bundle the public side accepted; the largest version is the one its copies come from."""

    version = models.BigIntegerField(unique=True)
    source_mission = models.CharField(max_length=16)
    created_at = models.DateTimeField(help_text="when the mission side made the bundle")
    imported_at = models.DateTimeField(auto_now_add=True)
    counts = models.JSONField(default=dict)
    manifest = models.JSONField()
    sha256 = models.CharField(max_length=64, help_text="of the bundle file as imported")
    marking = models.CharField(max_length=64, default=PUBLIC)

    class Meta:
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"bundle {self.version} ({self.source_mission})"


class NoticeQuerySet(models.QuerySet):
    def in_force(self, now: datetime) -> "NoticeQuerySet":
        return self.filter(started_at__lte=now).filter(
            models.Q(ends_at__isnull=True) | models.Q(ends_at__gt=now)
        )


class PublicNotice(models.Model):
    """A public safety notice: a road closed or restricted, from a PUBLIC freedom-of-movement restriction."""

    class Kind(models.TextChoices):
        CLOSED = "closed", "Closed"
        RESTRICTED = "restricted", "Restricted"

    source_id = models.CharField(max_length=64, unique=True, help_text="the mission side's record")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    cause = models.TextField(blank=True)
    location_name = models.TextField(blank=True)
    place = models.TextField(blank=True, help_text='the place after what happened there: "at Zvečan"')
    roads = models.JSONField(default=list, help_text="road designations, e.g. M-2")
    segments = models.JSONField(default=list, help_text='stretches, e.g. "M-2 Pristina–Mitrovica"')
    crossings = models.JSONField(default=list)
    bridges = models.JSONField(default=list)
    started_at = models.DateTimeField()
    expires_at = models.DateTimeField(null=True, blank=True)
    lifted_at = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True, help_text="the earlier of lifted_at and expires_at")
    geometry = models.JSONField(null=True, blank=True, help_text="GeoJSON geometry (WGS-84)")
    exercise = models.BooleanField(default=False)
    marking = models.CharField(max_length=64)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "source_id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.place}".strip()


class PublicContribution(models.Model):
    """A nation's troops in the force on a placemat date, as the mission side's sources give them."""

    nation_code = models.CharField(max_length=16)
    nation_name = models.TextField()
    as_of = models.DateField()
    as_of_text = models.TextField(blank=True)
    troops = models.PositiveIntegerField()
    name_inferred = models.BooleanField(default=False)
    note = models.TextField(blank=True)
    source = models.TextField(blank=True)
    approximate = models.BooleanField(default=False)
    approximation_note = models.TextField(blank=True)
    marking = models.CharField(max_length=64)

    class Meta:
        ordering = ["-as_of", "-troops", "nation_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["nation_code", "as_of"], name="one_public_figure_per_nation_and_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.nation_code} {self.troops} ({self.as_of:%Y-%m})"

    @classmethod
    def latest_date(cls) -> date | None:
        return cls.objects.order_by("-as_of").values_list("as_of", flat=True).first()

    @classmethod
    def latest_complete_date(cls) -> date | None:
        """The latest placemat date whose figures list the whole force, as the mission's placemat page opens
        (forces.placemats.latest_complete_day): the newest placemats in the sources give one nation's figure
        only. A placemat is partial when a stated strength for its date exceeds its listed troops. The
        latest date when none is complete."""
        listed = cls.objects.values_list("as_of").annotate(total=models.Sum("troops")).order_by("-as_of")
        stated = dict(PublicStrength.objects.values_list("as_of", "troops"))
        for as_of, total in listed:
            if as_of not in stated or total >= stated[as_of]:
                return as_of
        return cls.latest_date()


class PublicStrength(models.Model):
    """The force's stated strength on a date."""

    as_of = models.DateField(unique=True)
    as_of_text = models.TextField(blank=True)
    troops = models.PositiveIntegerField()
    nations = models.TextField(blank=True, help_text="the number of nations, as the source says")
    note = models.TextField(blank=True)
    source = models.TextField(blank=True)
    approximate = models.BooleanField(default=False)
    approximation_note = models.TextField(blank=True)
    marking = models.CharField(max_length=64)

    class Meta:
        ordering = ["as_of"]

    def __str__(self) -> str:
        return f"{self.troops} ({self.as_of:%Y-%m})"


class PublicSite(models.Model):
    """A camp or other site released as PUBLIC."""

    source_id = models.CharField(max_length=64, unique=True)
    name = models.TextField()
    kind = models.CharField(max_length=16, help_text="camp, protected, bridge or other")
    function = models.TextField(blank=True)
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    source = models.TextField(blank=True)
    approximate = models.BooleanField(default=False)
    approximation_note = models.TextField(blank=True)
    marking = models.CharField(max_length=64)

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class PublicReport(models.Model):
    """A published report released as PUBLIC, which a press release may cite."""

    uid = models.UUIDField(unique=True)
    occurred_at = models.DateTimeField()
    category = models.CharField(max_length=48)
    category_label = models.TextField()
    place = models.TextField(blank=True, help_text='"at Zvečan", or empty')
    area = models.TextField(blank=True, help_text="the municipality")
    lat = models.FloatField()
    lon = models.FloatField()
    summary = models.TextField(blank=True)
    published_at = models.DateTimeField()
    exercise = models.BooleanField(default=False)
    marking = models.CharField(max_length=64)

    class Meta:
        ordering = ["-occurred_at", "uid"]

    def __str__(self) -> str:
        return f"{self.category_label} {self.place}".strip()
