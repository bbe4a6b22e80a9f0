"""The theatre as data: areas, the gazetteer, roads, crossing points and sites."""

from django.db import models

from peacekeeper.access.models import Labelled


class Sourced(models.Model):
    """Where a fact comes from, and whether its position is only approximate."""

    source = models.TextField(blank=True)
    approximate = models.BooleanField(default=False)
    approximation_note = models.CharField(max_length=300, blank=True)

    class Meta:
        abstract = True


class Area(Sourced):
    class Level(models.IntegerChoices):
        COUNTRY = 0, "Country / theatre"
        REGION = 1, "District / region"
        MUNICIPALITY = 2, "Municipality"

    # Our own stable code (e.g. XK-MUN-ZVECAN); external ids such as a geoBoundaries shapeID
    # or an OCHA P-code live in external_ids, since those change between releases.
    code = models.CharField(max_length=40, unique=True)
    level = models.IntegerField(choices=Level.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    name_en = models.CharField(max_length=120)
    name_sq = models.CharField("name (Albanian)", max_length=120, blank=True)
    name_sr_latn = models.CharField("name (Serbian, Latin)", max_length=120, blank=True)
    name_sr_cyrl = models.CharField("name (Serbian, Cyrillic)", max_length=120, blank=True)
    external_ids = models.JSONField(default=dict, blank=True)
    boundary = models.JSONField(null=True, blank=True, help_text="GeoJSON geometry (WGS-84)")
    boundary_source = models.TextField(blank=True)
    centroid_lat = models.FloatField(null=True, blank=True)
    centroid_lon = models.FloatField(null=True, blank=True)
    attributes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["level", "name_en"]
        indexes = [models.Index(fields=["level"])]

    def __str__(self) -> str:
        return self.name_en

    @property
    def names(self) -> list[str]:
        return [name for name in (self.name_en, self.name_sq, self.name_sr_latn, self.name_sr_cyrl) if name]


class Place(Sourced):
    class Kind(models.TextChoices):
        POPULATED = "populated", "Populated place"
        CROSSING = "crossing", "Crossing point"
        SITE = "site", "Site"
        LANDMARK = "landmark", "Landmark"
        # A node of the road network that is no town or crossing; not offered by the gazetteer.
        JUNCTION = "junction", "Road junction"

    name = models.CharField(max_length=160)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.POPULATED)
    area = models.ForeignKey(Area, on_delete=models.SET_NULL, null=True, blank=True, related_name="places")
    # Null when no source gives a position: better "position unknown" than an invented point.
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    population = models.PositiveIntegerField(null=True, blank=True)
    # Ranks lookups: seats of municipalities and larger towns come first.
    importance = models.FloatField(default=0.0)
    geonames_id = models.PositiveIntegerField(null=True, blank=True, unique=True)
    # A stable key from the scenario data, so reloading updates instead of duplicating.
    scenario_key = models.CharField(max_length=120, unique=True)

    class Meta:
        ordering = ["-importance", "name"]

    def __str__(self) -> str:
        return self.name


class PlaceName(models.Model):
    """One name of a place in one language or script; `folded` is what lookups match on."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=160)
    language = models.CharField(max_length=16, blank=True, help_text="en, sq, sr-Latn, sr-Cyrl, or blank")
    folded = models.CharField(max_length=160, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["place", "name"], name="unique_place_name")]

    def __str__(self) -> str:
        return self.name


class RoadSegment(Sourced):
    """One physical stretch of road between two nodes (places, crossings, junctions): the edges of the
    theatre's road graph. A stretch two roads share is one segment carrying both designations."""

    class RoadClass(models.TextChoices):
        MOTORWAY = "motorway", "Motorway"
        NATIONAL = "national", "National road"
        REGIONAL = "regional", "Regional road"

    # The primary designation; `designations` holds every one the stretch carries, this one first.
    road_code = models.CharField(max_length=32)
    designations = models.JSONField(default=list, blank=True)
    road_class = models.CharField(max_length=16, choices=RoadClass.choices, default=RoadClass.REGIONAL)
    # Whom a map showing the segment must credit (the source's terms): "Travel Mapping", "© OpenStreetMap
    # contributors".
    credit = models.CharField(max_length=200, blank=True)
    road_name = models.CharField(max_length=300)
    sequence = models.PositiveIntegerField()
    start = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="segments_out")
    end = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="segments_in")
    length_km = models.FloatField()
    geometry = models.JSONField(help_text="GeoJSON LineString (WGS-84)")

    class Meta:
        ordering = ["road_code", "sequence"]
        constraints = [models.UniqueConstraint(fields=["road_code", "sequence"], name="unique_road_segment")]

    def __str__(self) -> str:
        return f"{self.road_code}: {self.start} – {self.end}"


class CrossingPoint(Sourced):
    place = models.OneToOneField(Place, on_delete=models.CASCADE, related_name="crossing")
    name_en = models.CharField(max_length=160)
    name_sq = models.CharField(max_length=160, blank=True)
    name_sr = models.CharField(max_length=160, blank=True)
    neighbour = models.CharField(max_length=80)
    kfor_designation = models.CharField(max_length=40, blank=True, help_text="e.g. Gate 1")
    road = models.CharField(max_length=300, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["name_en"]

    def __str__(self) -> str:
        return self.name_en


class Site(Labelled, Sourced):
    """A camp, protected site or other point the force cares about. Releasable: camps may be sensitive."""

    class Kind(models.TextChoices):
        CAMP = "camp", "Camp"
        PROTECTED = "protected", "Protected site"
        BRIDGE = "bridge", "Bridge / FoM point"
        OTHER = "other", "Other"

    place = models.OneToOneField(Place, on_delete=models.CASCADE, related_name="site")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    function = models.TextField(blank=True)
    status = models.TextField(blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name
