"""Forces: the force registry. Units (symbol, capabilities, strength, readiness, rotation), what each
nation contributes over time, and national caveats as rules (see caveats.py for their vocabulary).
"""

import re

from django.core.exceptions import ValidationError
from django.db import models

from peacekeeper.access.models import Labelled, Organisation
from peacekeeper.forces.capabilities import capability_errors
from peacekeeper.forces.caveats import CAVEAT_KIND_LABELS, describe, params_errors
from peacekeeper.theatre.models import Place, Site, Sourced


class Echelon(models.TextChoices):
    """The echelon amplifier of a unit's SIDC (positions 9-10, docs/standards.md#app-6d-symbol-codes)."""

    TEAM = "11", "Team / crew"
    SQUAD = "12", "Squad"
    SECTION = "13", "Section"
    PLATOON = "14", "Platoon / detachment"
    COMPANY = "15", "Company / battery / troop"
    BATTALION = "16", "Battalion / squadron"
    REGIMENT = "17", "Regiment / group"
    BRIGADE = "18", "Brigade"
    DIVISION = "21", "Division"
    CORPS = "22", "Corps"
    ARMY = "23", "Army"
    ARMY_GROUP = "24", "Army group / front"
    REGION = "25", "Region / theatre"
    COMMAND = "26", "Command"


# Version 10 (APP-6D / 2525D), context 0-2, identity 0-6, symbol set 10 (land unit), status 0-5,
# HQ / task force / dummy 0-7, then echelon and ten digits of entity and modifiers.
_UNIT_SIDC = re.compile(r"^10[0-2][0-6]10[0-5][0-7](?P<echelon>\d\d)\d{10}$")


def validate_unit_sidc(value: str) -> None:
    """A structural check of a land-unit SIDC; a symbol renderer validates the entity codes fully."""
    if len(value) != 20 or not value.isdigit():
        raise ValidationError(f"SIDC {value!r} must be 20 digits (APP-6D / MIL-STD-2525D).")
    match = _UNIT_SIDC.match(value)
    if match is None:
        raise ValidationError(
            f"SIDC {value!r} is not a land unit in version 10: expected version 10, context 0-2, "
            "identity 0-6, symbol set 10, status 0-5 and HQ/TF/dummy 0-7 in positions 1-8."
        )
    if match["echelon"] not in Echelon.values:
        raise ValidationError(f"SIDC {value!r} has no unit echelon in positions 9-10 ({match['echelon']}).")


class Unit(Labelled, Sourced):
    """A unit or headquarters of the force. Releasable: unit dispositions are force-protection information.

    `approximate` and `approximation_note` (from Sourced) describe the drawn position, which is the
    camp's when the unit has one: a unit at a camp with a stand-in position is approximate too.
    """

    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=40, blank=True)
    # Null for multinational headquarters and teams that no single nation leads.
    nation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="units",
        limit_choices_to={"kind": Organisation.Kind.NATION},
        help_text="Lead nation; empty for multinational headquarters",
    )
    sidc = models.CharField("SIDC", max_length=20, validators=[validate_unit_sidc])
    sidc_note = models.TextField(
        "SIDC note", blank=True, help_text="Why this symbol: who assigned the SIDC and from what"
    )
    # Kept in step with SIDC positions 9-10 on save, so lists can filter and sort by it.
    echelon = models.CharField(max_length=2, choices=Echelon.choices, editable=False)
    role = models.TextField(blank=True)
    location = models.CharField(max_length=300, blank=True, help_text="Where the sources place the unit")
    camp = models.ForeignKey(
        Site,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="units",
        limit_choices_to={"kind": Site.Kind.CAMP},
    )
    # Where the unit is drawn: its camp's place, or a place the sources name. Null: drawn nowhere.
    place = models.ForeignKey(Place, on_delete=models.SET_NULL, null=True, blank=True, related_name="units")
    # Capability codes from capabilities.Capability, e.g. ["infantry", "crc"].
    capabilities = models.JSONField(default=list, blank=True)
    # Personnel; null when unknown (the optimiser then cannot count on the unit for strength).
    strength = models.PositiveIntegerField(null=True, blank=True)
    readiness_hours = models.PositiveIntegerField(
        "notice to move (hours)", null=True, blank=True, help_text="Hours from order to move; null: unknown"
    )
    rotation_start = models.DateField(null=True, blank=True, help_text="When the current rotation began")
    rotation_end = models.DateField(
        null=True, blank=True, help_text="When the current rotation is due to end"
    )
    transfer_of_authority = models.DateField(
        null=True, blank=True, help_text="Transfer of authority to COMKFOR for the current rotation"
    )
    # Registry values the sources do not give, each with why ({"strength": "exercise assumption: ..."});
    # "rotation" covers the rotation and transfer-of-authority dates. The UI marks each one.
    assumptions = models.JSONField(default=dict, blank=True)
    registry_note = models.TextField(
        blank=True, help_text="Where the capabilities come from, why a unit has no rotation, and the like"
    )
    # Null for units entered by hand; scenario units are keyed so a reload updates them.
    scenario_key = models.CharField(max_length=120, unique=True, null=True, blank=True)

    class Meta:
        ordering = ["-echelon", "name"]

    def clean(self) -> None:
        errors = capability_errors(self.capabilities)
        if errors:
            raise ValidationError({"capabilities": errors})
        if self.rotation_start and self.rotation_end and self.rotation_end < self.rotation_start:
            raise ValidationError({"rotation_end": "ends before the rotation starts"})

    def __str__(self) -> str:
        return self.short_name or self.name

    @property
    def exercise_only(self) -> bool:
        """A unit the scenario invents for the exercise (the whole unit is an assumption, not a fact)."""
        return "unit" in (self.assumptions or {})

    @property
    def display_name(self) -> str:
        """The short name, marked when the unit exists only in the exercise (lists that show no badge)."""
        return f"{self} (exercise unit)" if self.exercise_only else str(self)

    def save(self, *args, **kwargs) -> None:
        self.echelon = self.sidc[8:10]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "sidc" in update_fields:
            kwargs["update_fields"] = {*update_fields, "echelon"}
        super().save(*args, **kwargs)


class Contribution(Sourced):
    """A nation's troops in KFOR on a date, as a placemat or another source gives them."""

    nation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="contributions",
        limit_choices_to={"kind": Organisation.Kind.NATION},
    )
    as_of = models.DateField(help_text="The date the figure is for (a placemat's month: its first day)")
    troops = models.PositiveIntegerField()
    # The source's own dating, e.g. "2023 ('latest cut', exact date not stated ...)".
    as_of_text = models.CharField(max_length=200, blank=True)
    # The source gave the figure without naming the nation plainly (kfor_facts `name_inferred`).
    name_inferred = models.BooleanField(default=False)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-as_of", "-troops"]
        constraints = [
            models.UniqueConstraint(fields=["nation", "as_of"], name="one_figure_per_nation_and_date")
        ]

    def __str__(self) -> str:
        return f"{self.nation.code} {self.troops} ({self.as_of:%Y-%m})"


class ForceStrength(Sourced):
    """The force's total strength on a date (kfor_facts `strength_over_time`); public figures."""

    as_of = models.DateField(unique=True, help_text="The date the figure is for (first of the month)")
    as_of_text = models.CharField(max_length=200, blank=True, help_text="The source's own dating")
    troops = models.PositiveIntegerField()
    nations = models.CharField(max_length=120, blank=True, help_text="Number of nations, as the source says")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["as_of"]

    def __str__(self) -> str:
        return f"{self.troops} ({self.as_of:%Y-%m})"


class Caveat(Labelled):
    """A national caveat (for every unit of a nation) or a unit's own restriction, as a rule.

    Releasable like units: nations do not always share their caveats with every partner. The optimiser
    applies every caveat whether or not the planner may read it, and says so without quoting a hidden one.
    """

    nation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="caveats",
        limit_choices_to={"kind": Organisation.Kind.NATION},
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="caveats")
    kind = models.CharField(
        max_length=30, choices=[(kind.value, label) for kind, label in CAVEAT_KIND_LABELS.items()]
    )
    params = models.JSONField(default=dict, blank=True)
    note = models.TextField(blank=True, help_text="Why the caveat exists, or where it is stated")
    source = models.TextField(blank=True)
    # Scenario caveats are keyed so a reload updates them; hand-entered ones have none.
    scenario_key = models.CharField(max_length=120, unique=True, null=True, blank=True)

    class Meta:
        ordering = ["nation__code", "unit__name", "kind"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(nation__isnull=False, unit__isnull=True)
                | models.Q(nation__isnull=True, unit__isnull=False),
                name="caveat_applies_to_a_nation_or_a_unit",
            )
        ]

    def __str__(self) -> str:
        return f"{self.applies_to}: {self.description}"

    @property
    def applies_to(self) -> str:
        return self.nation.code if self.nation_id else str(self.unit)

    @property
    def description(self) -> str:
        return describe(self.kind, self.params)

    def clean(self) -> None:
        if (self.nation_id is None) == (self.unit_id is None):
            raise ValidationError("a caveat applies to a nation or to a unit, not both and not neither")
        errors = params_errors(self.kind, self.params)
        if errors:
            raise ValidationError({"params": errors})
