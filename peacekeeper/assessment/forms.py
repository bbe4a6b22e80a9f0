"""The analyst's override form and the 'assess at' field of the pages."""

from datetime import UTC, datetime

from django import forms

from peacekeeper.core.bounds import QueryDateTimeField

LEVEL_CHOICES = [(level, f"{level}") for level in range(1, 6)]


class AtForm(forms.Form):
    at = QueryDateTimeField(
        required=False,
        label="Assess at (UTC)",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="empty = now",
    )

    def moment(self) -> datetime | None:
        if not self.is_valid() or not self.cleaned_data["at"]:
            return None
        return _as_utc(self.cleaned_data["at"])


class OverrideForm(forms.Form):
    level = forms.TypedChoiceField(choices=LEVEL_CHOICES, coerce=int, label="Level")
    valid_until = forms.DateTimeField(
        label="Until (UTC)",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    rationale = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Rationale")
    marking = forms.CharField(max_length=200, label="Marking")

    def cleaned_valid_until(self) -> datetime:
        return _as_utc(self.cleaned_data["valid_until"])


def _as_utc(moment: datetime) -> datetime:
    # datetime-local carries no zone: the pages say UTC, the watch works in UTC (Zulu).
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
