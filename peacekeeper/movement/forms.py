"""The restrictions log page's forms: its filters, and a watchkeeper's record of a restriction."""

from django import forms

from peacekeeper.core.bounds import QueryDateField
from peacekeeper.movement.models import Restriction
from peacekeeper.movement.network import current_network


class LogFilterForm(forms.Form):
    since = QueryDateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = QueryDateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any"), ("restricted", "Restricted"), ("closed", "Closed")],
    )
    origin = forms.ChoiceField(
        label="Source", required=False, choices=[("", "Any"), *Restriction.Origin.choices]
    )
    q = forms.CharField(
        label="Who / where", required=False, max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "EULEX, Jarinje, protesters"}),
    )  # fmt: skip
    in_force = forms.BooleanField(label="In force now", required=False)


def _element_choices() -> tuple[list, list]:
    network = current_network()
    segments = [(s.id, f"{s.road_code} {s.start_name} – {s.end_name}") for s in network.segments]
    crossings = [(p.id, p.name) for p in network.points if p.kind == "crossing"]
    return segments, crossings


class RecordForm(forms.Form):
    status = forms.ChoiceField(choices=[("closed", "Closed"), ("restricted", "Restricted")])
    cause = forms.CharField(
        max_length=300, widget=forms.TextInput(attrs={"placeholder": "Barricade of trucks"})
    )
    segments = forms.TypedMultipleChoiceField(coerce=int, required=False, label="Road segments")
    crossings = forms.TypedMultipleChoiceField(coerce=int, required=False, label="Crossing points")
    restricted_party = forms.CharField(label="Who was restricted", max_length=200, required=False)
    restricted_by = forms.CharField(label="By whom", max_length=200, required=False)
    location_name = forms.CharField(label="Where", max_length=200, required=False)
    started_at = forms.DateTimeField(
        label="Since (UTC)", required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    expires_at = forms.DateTimeField(
        label="Expected end (UTC, optional)", required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )  # fmt: skip
    marking = forms.CharField(max_length=200, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        segments, crossings = _element_choices()
        self.fields["segments"].choices = segments
        self.fields["crossings"].choices = crossings
