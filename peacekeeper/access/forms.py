"""Form fields every releasable record's form shares."""

from django import forms


def release_reason_field(noun: str = "record") -> forms.CharField:
    """The reason a release authority gives for releasing a record wider (access.releasing)."""
    return forms.CharField(
        label="Reason for releasing it wider",
        required=False,
        max_length=255,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=f"Only when a changed marking lets someone read the {noun} who could not before: "
        "a release authority's decision, recorded in the audit log",
    )
