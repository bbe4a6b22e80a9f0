"""The duty pages' forms: an action opened on a report, its incident or an alert; closing it; a handover."""

from django import forms
from django.contrib.auth.models import User

from peacekeeper.access import policy
from peacekeeper.duty.actions import WATCH_FLOOR_ROLES


def watch_floor_people() -> list[tuple[str, str]]:
    """(username, name) of the active users who work the watch floor: owners, officers, watchkeepers."""
    people = User.objects.filter(is_active=True, profile__isnull=False).order_by("last_name", "username")
    return [
        (user.username, f"{user.get_full_name() or user.username} ({user.username})")
        for user in people
        if policy.holds_role(user, WATCH_FLOOR_ROLES)
    ]


def people() -> list[tuple[str, str]]:
    """(username, name) of every active user with an access profile (an action's owner may be anyone)."""
    users = User.objects.filter(is_active=True, profile__isnull=False).order_by("last_name", "username")
    return [(user.username, f"{user.get_full_name() or user.username} ({user.username})") for user in users]


class ActionForm(forms.Form):
    subject = forms.ChoiceField(label="On")
    text = forms.CharField(
        label="Action", max_length=300,
        widget=forms.TextInput(attrs={"placeholder": "inform COS", "autocomplete": "off", "accesskey": "t"}),
    )  # fmt: skip
    owner = forms.ChoiceField(label="Owner")
    due = forms.CharField(
        label="Due (DTG)", max_length=40,
        widget=forms.TextInput(attrs={"placeholder": "071430ZDEC26", "autocomplete": "off",
                                      "class": "dtg-input", "spellcheck": "false"}),
    )  # fmt: skip
    marking = forms.CharField(max_length=200, required=False)

    def __init__(self, *args, subjects: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = subjects
        self.fields["owner"].choices = people()


class HandoverForm(forms.Form):
    remarks = forms.CharField(
        label="Remarks for the incoming officer", required=False, max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )  # fmt: skip
    marking = forms.CharField(label="Remarks released as", max_length=200, required=False)
    incoming = forms.ChoiceField(label="Incoming duty officer")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["incoming"].choices = [("", "—"), *watch_floor_people()]


class OpenShiftForm(forms.Form):
    watchkeepers = forms.MultipleChoiceField(required=False, label="Watchkeepers on this shift")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["watchkeepers"].choices = watch_floor_people()
