"""The CCIR form (administrators): title, description, the rule as JSON, marking, active."""

import json

from django import forms

from peacekeeper.core.errors import InputError

RULE_HELP = (
    'A JSON object of conditions, all of which must hold, e.g. {"min_fatalities": 1} or '
    '{"region": "north", "near_crossing_km": 2}. Conditions: categories (codes, "riots.*" for a group), '
    "min_severity, min_fatalities, min_injured, region (north, RC-W, RC-E), areas (municipality codes), "
    'near_crossing_km, actor with actor_side ("any", "initiator", "target"), '
    "min_crowd (read from SALUTE size)."
)


class CcirForm(forms.Form):
    title = forms.CharField(max_length=200)
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    rule = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}), help_text=RULE_HELP
    )
    marking = forms.CharField(
        required=False, max_length=512, help_text="Empty: NATO UNCLASSIFIED // REL TO your mission."
    )
    active = forms.BooleanField(required=False, initial=True)
    release_reason = forms.CharField(
        required=False, max_length=2000, help_text="Needed only when the new marking releases it wider."
    )

    def clean_rule(self) -> dict:
        try:
            value = json.loads(self.cleaned_data["rule"])
        except json.JSONDecodeError as error:
            raise forms.ValidationError(
                f"not JSON: {error.msg} (line {error.lineno}, column {error.colno})"
            ) from None
        if not isinstance(value, dict):
            raise forms.ValidationError("must be a JSON object of conditions")
        return value

    def show(self, error: InputError) -> None:
        """A refusal next to the field it names; a rule's condition on the rule field, named."""
        for problem in error.errors:
            if problem.field.startswith("rule."):
                self.add_error("rule", f"{problem.field.removeprefix('rule.')}: {problem.reason}")
            else:
                self.add_error(problem.field if problem.field in self.fields else None, problem.reason)
