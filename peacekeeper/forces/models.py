"""Forces: units with their APP-6D symbol codes.

Groundwork for the force registry: what the map needs to draw a unit (who, what symbol, where).
Contributions, capabilities, caveats and readiness build on Unit later.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models

from peacekeeper.access.models import Labelled, Organisation
from peacekeeper.theatre.models import Place, Site, Sourced


class Echelon(models.TextChoices):
    """The echelon amplifier of a unit's SIDC (positions 9-10, STANDARDS.md section 2)."""

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
    # Null for units entered by hand; scenario units are keyed so a reload updates them.
    scenario_key = models.CharField(max_length=120, unique=True, null=True, blank=True)

    class Meta:
        ordering = ["-echelon", "name"]

    def __str__(self) -> str:
        return self.short_name or self.name

    def save(self, *args, **kwargs) -> None:
        self.echelon = self.sidc[8:10]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "sidc" in update_fields:
            kwargs["update_fields"] = {*update_fields, "echelon"}
        super().save(*args, **kwargs)
