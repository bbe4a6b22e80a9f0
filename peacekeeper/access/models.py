"""Organisations, users' access attributes, release labels and the audit log."""

from django.conf import settings
from django.db import models

from peacekeeper.access.classification import CategoryKind, Classification, Role


class Organisation(models.Model):
    class Kind(models.TextChoices):
        NATION = "nation", "Nation"
        MISSION = "mission", "Mission"
        INTERNATIONAL = "international", "International organisation"
        LOCAL = "local", "Local institution"

    # A stable code used in REL TO markings: ISO 3166-1 alpha-3 for nations (DEU, USA), an
    # acronym for organisations (KFOR, EULEX, UNMIK).
    code = models.CharField(max_length=16, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    nato_member = models.BooleanField(default=False)
    description = models.TextField(blank=True)
    source = models.TextField(blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} ({self.name})"


class UserProfile(models.Model):
    """What the access policy knows about a user: who they belong to and what they may see."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="members")
    # The user's nation, for national-only records; empty for international staff without one.
    nation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nationals",
        limit_choices_to={"kind": Organisation.Kind.NATION},
    )
    # Missions the user serves in: a record released to KFOR is visible to KFOR personnel.
    missions = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="personnel",
        limit_choices_to={"kind": Organisation.Kind.MISSION},
    )
    clearance = models.IntegerField(choices=Classification.choices, default=Classification.NATO_UNCLASSIFIED)
    roles = models.JSONField(default=list, help_text="Role codes: " + ", ".join(Role.values))
    # Values of restrictive label categories the user holds (special access programmes and the like).
    restrictive_grants = models.JSONField(default=list, blank=True)

    def __str__(self) -> str:
        return f"{self.user.get_username()} ({self.organisation.code}, {self.get_clearance_display()})"


class ReleaseLabel(models.Model):
    """A release label after ADatP-4774: classification, categories, national-only marking.

    Labels are interned: equal labels share one row (see labels.intern_label), so the policy's
    database filter works on a small table and records filter with `label_id IN (...)`.
    """

    policy = models.CharField(max_length=32, default="NATO")
    classification = models.IntegerField(choices=Classification.choices)
    national_only = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": Organisation.Kind.NATION},
    )
    privacy_mark = models.CharField(max_length=64, blank=True)
    # The canonical marking string; unique, so get_or_create interns labels.
    marking = models.CharField(max_length=512, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["classification"])]

    def __str__(self) -> str:
        return self.marking


class ReleaseCategory(models.Model):
    """One value of a label category, e.g. (PERMISSIVE, 'REL TO', 'EULEX')."""

    label = models.ForeignKey(ReleaseLabel, on_delete=models.CASCADE, related_name="categories")
    kind = models.CharField(max_length=16, choices=CategoryKind.choices)
    tag = models.CharField(max_length=32)
    value = models.CharField(max_length=32)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["label", "kind", "tag", "value"], name="unique_label_value")
        ]
        indexes = [models.Index(fields=["kind", "value"])]

    def __str__(self) -> str:
        return f"{self.tag} {self.value}"


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        CREATED = "created", "Created"
        CHANGED = "changed", "Changed"
        VIEWED = "viewed", "Viewed"
        EXPORTED = "exported", "Exported"
        RELEASED = "released", "Released to a wider audience"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=16, choices=Action.choices)
    record_type = models.CharField(max_length=64)
    record_id = models.CharField(max_length=64)
    marking = models.CharField(max_length=512)
    # An entry is a record about a record: it carries the label of what it describes, and only readers of
    # that label (with the security-officer role) may read it. Null only for entries older than the field.
    label = models.ForeignKey(ReleaseLabel, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    detail = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["record_type", "record_id"])]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.action} {self.record_type} {self.record_id}"


class Labelled(models.Model):
    """Abstract base of every releasable record: it carries a release label."""

    label = models.ForeignKey(ReleaseLabel, on_delete=models.PROTECT, related_name="+")

    class Meta:
        abstract = True
