"""The caveat form: one field per rule parameter, so each error lands next to the field it is about."""

from django import forms

from peacekeeper.access.forms import release_reason_field
from peacekeeper.access.models import Organisation
from peacekeeper.core.errors import FieldError
from peacekeeper.forces.capabilities import Capability
from peacekeeper.forces.caveat_editing import CaveatInput
from peacekeeper.forces.caveats import CaveatKind, kind_choices
from peacekeeper.forces.models import Caveat, Unit
from peacekeeper.theatre.regions import theatre_regions

# Which form field carries which rule parameter.
PARAM_FIELDS = {"capability": "capability", "region": "region", "hours": "hours"}
# Errors about these go on the form as a whole.
FORM_WIDE = {"applies_to", "params"}


def region_choices() -> list[tuple[str, str]]:
    """The configured theatre's regional commands; called per form, so the theatre is read, not frozen."""
    regions = theatre_regions()
    assumed = ", assumed area" if regions.regional_commands_assumed else ""
    return [
        ("", "—"),
        *((code, f"{region.name} ({code}{assumed})") for code, region in regions.regional_commands.items()),
    ]


class CaveatForm(forms.Form):
    nation = forms.ChoiceField(required=False, help_text="A national caveat binds every unit of the nation")
    unit = forms.ChoiceField(required=False, help_text="…or one unit's own restriction")
    kind = forms.ChoiceField(choices=kind_choices)
    capability = forms.ChoiceField(
        required=False,
        choices=[("", "—"), *Capability.choices],
        help_text="For “no tasks needing a capability”",
    )
    region = forms.ChoiceField(
        required=False,
        choices=region_choices,
        help_text="For “only inside a regional command's area”",
    )
    hours = forms.IntegerField(required=False, help_text="For “at least N hours' notice”")
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    source = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    marking = forms.CharField(initial="NATO RESTRICTED // REL TO KFOR", max_length=200)
    release_reason = release_reason_field("caveat")

    def __init__(self, *args, units: list[Unit], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        nations = Organisation.objects.filter(kind=Organisation.Kind.NATION).order_by("name")
        self.fields["nation"].choices = [("", "—"), *((n.code, f"{n.name} ({n.code})") for n in nations)]
        self.fields["unit"].choices = [("", "—"), *((str(u.pk), str(u)) for u in units)]

    def to_input(self) -> CaveatInput:
        data = self.cleaned_data
        kind = data["kind"]
        wanted = {
            CaveatKind.NO_CAPABILITY.value: ("capability",),
            CaveatKind.ONLY_IN_REGION.value: ("region",),
            CaveatKind.MIN_NOTICE_HOURS.value: ("hours",),
        }.get(kind, ())
        params = {name: data[name] for name in wanted if data.get(name) not in (None, "")}
        return CaveatInput(
            kind=kind,
            nation=data["nation"] or None,
            unit=int(data["unit"]) if data["unit"] else None,
            params=params,
            note=data["note"],
            source=data["source"],
            marking=data["marking"],
            release_reason=data["release_reason"],
        )

    def add_input_errors(self, errors: list[FieldError]) -> None:
        for error in errors:
            target, reason = error.field.removeprefix("params."), error.reason
            if target in PARAM_FIELDS or (target in self.fields and target not in FORM_WIDE):
                self.add_error(PARAM_FIELDS.get(target, target), reason)
            else:
                self.add_error(None, reason)


def initial_for(caveat: Caveat) -> dict:
    return {
        "nation": caveat.nation.code if caveat.nation_id else "",
        "unit": str(caveat.unit_id or ""),
        "kind": caveat.kind,
        "note": caveat.note,
        "source": caveat.source,
        "marking": caveat.label.marking,
        **{name: caveat.params.get(name, "") for name in PARAM_FIELDS},
    }
