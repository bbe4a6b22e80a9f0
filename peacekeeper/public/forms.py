"""The press accreditation form: what a journalist sends the Public Affairs Office, checked field by field
in the visitor's language, with a honeypot and a signed, single-use start time against automated senders."""

import re
import secrets
import time
from dataclasses import dataclass
from datetime import date, timedelta

from django import forms
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from peacekeeper.public.models import AccreditationApplication, AccreditationAttempt

# A person needs longer than this to fill in the form; a script sends it at once.
MIN_FILL_SECONDS = 5
# A form left open longer than this is refused (its start time could be replayed otherwise).
MAX_FILL_SECONDS = 24 * 3600
# How far ahead a visit may be asked for, and for how long.
MAX_DAYS_AHEAD = 365
MAX_VISIT_DAYS = 90
_SALT = "peacekeeper.public.accreditation.started"
_PHONE = re.compile(r"^\+?[0-9 ()./-]+$")
_PRESS_CARD = re.compile(r"^[0-9A-Za-z][0-9A-Za-z /.-]*$")


def already_sent() -> forms.ValidationError:
    """The refusal of a form whose nonce stored an application already (a second click, the browser's back
    button, a script)."""
    return forms.ValidationError(
        _(
            "This form has already been sent once, and the office has that application. "
            "To send another, open the page again."
        ),
        code="used",
    )


@dataclass(frozen=True)
class StartToken:
    age: float  # seconds since the form was issued
    nonce: str  # kept with the sending that stores an application: the form is stored once


def start_token(issued_at: float | None = None) -> str:
    """The form's signed start time (seconds since the epoch) and nonce: a sender can neither make it older
    nor send it twice."""
    issued = time.time() if issued_at is None else issued_at
    return signing.dumps({"issued": issued, "nonce": secrets.token_urlsafe(16)}, salt=_SALT)


def read_token(token: str) -> StartToken | None:
    """The token's age and nonce, or None for a token this site did not sign."""
    try:
        value = signing.loads(token, salt=_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(value, dict):
        return None
    issued, nonce = value.get("issued"), value.get("nonce")
    if not isinstance(issued, int | float) or not isinstance(nonce, str):
        return None
    return StartToken(age=time.time() - issued, nonce=nonce)


class AccreditationForm(forms.ModelForm):
    consent = forms.BooleanField(
        label=_("I agree that the Public Affairs Office processes these data to decide on my accreditation."),
        error_messages={
            "required": _("Tick the box to agree: without it the office cannot process the application.")
        },
    )
    # The honeypot: out of sight (accreditation.css); a person leaves it empty, a form-filling robot does not.
    website = forms.CharField(
        label=_("Leave this field empty (it is here to catch automated spam)"), required=False
    )
    started = forms.CharField(widget=forms.HiddenInput)
    nonce = ""  # the start time's nonce, once clean() has read it

    class Meta:
        model = AccreditationApplication
        fields = [
            "name",
            "organisation",
            "role",
            "nationality",
            "email",
            "phone",
            "press_card",
            "visit_from",
            "visit_to",
            "purpose",
        ]
        labels = {
            "name": _("Full name"),
            "organisation": _("Media organisation"),
            "role": _("Role (e.g. reporter, photographer, camera operator)"),
            "nationality": _("Nationality"),
            "email": _("Email address"),
            "phone": _("Phone number (with country code)"),
            "press_card": _("Press card number"),
            "visit_from": _("First day of the visit"),
            "visit_to": _("Last day of the visit"),
            "purpose": _("Purpose of the visit"),
        }
        widgets = {
            "visit_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "visit_to": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "purpose": forms.Textarea(attrs={"rows": 5}),
        }
        error_messages = {
            "email": {"invalid": _("Write the email address in full, e.g. name@example.org.")},
            "visit_from": {"invalid": _("Write the date as YYYY-MM-DD, e.g. 2027-03-15.")},
            "visit_to": {"invalid": _("Write the date as YYYY-MM-DD, e.g. 2027-03-15.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name in ("website", "started", "consent"):
                continue
            field.error_messages["required"] = _("This field is required.")
        self.fields["website"].widget.attrs.update(tabindex="-1", autocomplete="off")
        self.fields["email"].widget.attrs.update(autocomplete="email")
        self.fields["name"].widget.attrs.update(autocomplete="name")
        self.fields["phone"].widget.attrs.update(autocomplete="tel")
        self.fields["organisation"].widget.attrs.update(autocomplete="organization")

    def full_clean(self) -> None:
        super().full_clean()
        # Each field with an error names it (the template writes it with this id) for screen readers.
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-describedby"] = f"{self[name].auto_id}-error"

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        digits = sum(character.isdigit() for character in phone)
        if not _PHONE.match(phone) or not 6 <= digits <= 15:
            raise forms.ValidationError(
                _("Write the phone number with its country code, in digits, e.g. +383 38 000 000.")
            )
        return phone

    def clean_press_card(self) -> str:
        card = self.cleaned_data["press_card"].strip()
        if not _PRESS_CARD.match(card):
            raise forms.ValidationError(
                _("Write the press card number as it is printed: letters, digits, spaces, / . or -.")
            )
        return card

    def clean_visit_from(self) -> date:
        first = self.cleaned_data["visit_from"]
        today = timezone.localdate()
        if first < today:
            raise forms.ValidationError(_("The visit cannot start in the past."))
        if first > today + timedelta(days=MAX_DAYS_AHEAD):
            raise forms.ValidationError(_("The office accredits visits up to a year ahead."))
        return first

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(
                _("The form was filled in automatically and cannot be accepted."), code="honeypot"
            )
        token = read_token(cleaned.get("started", ""))
        if token is None or token.age > MAX_FILL_SECONDS:
            raise forms.ValidationError(
                _("This form has expired. Check your answers and send it again."), code="expired"
            )
        if AccreditationAttempt.objects.filter(nonce=token.nonce).exists():
            raise already_sent()
        self.nonce = token.nonce
        if token.age < MIN_FILL_SECONDS:
            raise forms.ValidationError(
                _("The form was sent too quickly after it was opened. Check your answers and send it again."),
                code="too_fast",
            )
        first, last = cleaned.get("visit_from"), cleaned.get("visit_to")
        if first and last:
            if last < first:
                self.add_error("visit_to", _("The last day of the visit cannot be before the first."))
            elif (last - first).days >= MAX_VISIT_DAYS:
                self.add_error(
                    "visit_to", _("A visit can last at most 90 days; apply again for a longer one.")
                )
        return cleaned

    def refused_as(self, code: str) -> bool:
        return any(error.code == code for error in self.non_field_errors().as_data())
