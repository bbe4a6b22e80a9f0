"""The report form of the operations log, for a new report and for a change or correction.

The report form only checks the shape of what was typed; the meaning (a DTG, a grid, a marking, the
theatre) is judged by entry.py and recording.py, and their errors are mapped back onto the fields.
"""

from django import forms
from django.contrib.auth.models import User
from django.urls import reverse

from peacekeeper.access import policy, releasing
from peacekeeper.access.labels import LabelError, parse_marking
from peacekeeper.access.releasing import default_marking
from peacekeeper.core.errors import FieldError, InputError
from peacekeeper.events.entry import resolve_location, resolve_time
from peacekeeper.events.inputs import EventInput
from peacekeeper.events.models import ActorType, Credibility, EventReport, Reliability, SourceType, Status
from peacekeeper.events.presenting import grid_of, place_of
from peacekeeper.events.taxonomy import CATEGORIES
from peacekeeper.events.validation import theatre_error
from peacekeeper.theatre.dtg import DEFAULT_LOCAL_ZONE, format_dtg

CASUALTY_KINDS = ("killed", "injured")
CASUALTY_GROUPS = ("civilians", "police", "force", "other")
CASUALTY_FIELDS = tuple(f"{kind}_{group}" for kind in CASUALTY_KINDS for group in CASUALTY_GROUPS)
SALUTE_FIELDS = (
    ("salute_size", "Size"),
    ("salute_activity", "Activity"),
    ("salute_location", "Location"),
    ("salute_unit", "Unit"),
    ("salute_time", "Time"),
    ("salute_equipment", "Equipment"),
)
SEVERITIES = [
    (1, "1 — minor"),
    (2, "2 — low"),
    (3, "3 — significant"),
    (4, "4 — serious"),
    (5, "5 — critical"),
]
LOCATION_FIELDS = ("mgrs", "place_id", "lat", "lon")
# Fields copied as typed onto the report, on creation and on correction alike.
PLAIN_FIELDS = (
    "category",
    "severity",
    *CASUALTY_FIELDS,
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "civilian_targeting",
    *(name for name, _ in SALUTE_FIELDS),
    "narrative",
    "source_type",
    "source_name",
    "source_reliability",
    "source_credibility",
    "reporting_unit",
)
# Where a service's field name is shown on the form.
_ERROR_FIELD = {
    "occurred": "dtg",
    "occurred_at": "dtg",
    "location": "mgrs",
    "lat": "mgrs",
    "lon": "mgrs",
    "geo_precision": "mgrs",
    "place": "place_query",
    "place_id": "place_query",
}
_OUTSIDE = theatre_error(inside=False, allowed=False)


def category_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Peace-support categories first, then ACLED's, grouped by ACLED event type."""
    groups: dict[str, list[tuple[str, str]]] = {"Peace support": []}
    for category in CATEGORIES.values():
        group = "Peace support" if category.peace_support else f"ACLED · {category.acled_event_type}"
        groups.setdefault(group, []).append((category.code, category.label))
    return list(groups.items())


def _max_length(name: str) -> int:
    return EventReport._meta.get_field(name).max_length


def _input(**attrs: object) -> forms.TextInput:
    return forms.TextInput(attrs={"autocomplete": "off", **attrs})


def _text(name: str, label: str, **attrs: object) -> forms.CharField:
    return forms.CharField(label=label, required=False, max_length=_max_length(name), widget=_input(**attrs))


def _count(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=100_000,
        initial=0,
        widget=forms.NumberInput(attrs={"class": "count", "min": 0, "inputmode": "numeric"}),
    )


def common_markings(user: User) -> list[str]:
    """Markings a watchkeeper often needs, limited to the ones this user may apply."""
    profile_default = default_marking(user)
    nation = policy.subject_for(user).nation
    wanted = [
        profile_default,
        "NATO UNCLASSIFIED // REL TO KFOR",
        "NATO UNCLASSIFIED // REL TO KFOR, EULEX",
        "NATO RESTRICTED // REL TO KFOR",
        "NATO RESTRICTED // REL TO KFOR, EULEX",
        *([f"NATO RESTRICTED // {nation} ONLY"] if nation else []),
        "NATO CONFIDENTIAL // REL TO KFOR",
        "NATO SECRET // REL TO KFOR",
    ]
    markings = []
    for marking in dict.fromkeys(wanted):
        try:
            spec = parse_marking(marking)
        except LabelError:
            continue  # an organisation this installation does not know
        if policy.can_apply_label(user, spec):
            markings.append(spec.marking)
    return list(dict.fromkeys(markings))


class EventForm(forms.Form):
    dtg = forms.CharField(
        label="When (DTG)",
        max_length=40,
        widget=_input(
            autofocus=True,
            spellcheck="false",
            placeholder="291430ZNOV26, 0300, 0300B, 060300Z or now",
            # The mission's time zone, in which the browser reads a shorthand as the server does (dtg.js).
            **{"class": "mono", "data-local-zone": DEFAULT_LOCAL_ZONE},
        ),
    )
    mgrs = forms.CharField(
        label="MGRS grid",
        required=False,
        max_length=40,
        widget=_input(spellcheck="false", placeholder="34TDN8905048670", **{"class": "mono"}),
    )
    place_query = forms.CharField(
        label="or place",
        required=False,
        max_length=160,
        widget=_input(
            placeholder="Zvečan, Звечан, zvecan…",
            role="combobox",
            **{"aria-autocomplete": "list", "aria-controls": "place-results", "aria-expanded": "false"},
        ),
    )
    place_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    lon = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)
    location_name = _text("location_name", "Location description", placeholder="e.g. main road, north end")
    allow_outside_theatre = forms.BooleanField(label="Outside the theatre — I confirm", required=False)

    category = forms.ChoiceField(label="Category", choices=[("", "— choose —"), *category_choices()])
    severity = forms.TypedChoiceField(label="Severity", choices=SEVERITIES, coerce=int, initial=2)
    narrative = forms.CharField(
        label="Narrative", required=False, widget=forms.Textarea(attrs={"rows": 5, "spellcheck": "true"})
    )
    killed_civilians = _count("Killed, civilians")
    killed_police = _count("Killed, police")
    killed_force = _count("Killed, force")
    killed_other = _count("Killed, other")
    injured_civilians = _count("Injured, civilians")
    injured_police = _count("Injured, police")
    injured_force = _count("Injured, force")
    injured_other = _count("Injured, other")

    actor1 = _text("actor1", "Actor 1")
    assoc_actor_1 = _text("assoc_actor_1", "Associated with actor 1")
    inter1 = forms.TypedChoiceField(label="Type of actor 1", choices=ActorType.choices, coerce=int, initial=0)
    actor2 = _text("actor2", "Actor 2")
    assoc_actor_2 = _text("assoc_actor_2", "Associated with actor 2")
    inter2 = forms.TypedChoiceField(label="Type of actor 2", choices=ActorType.choices, coerce=int, initial=0)
    civilian_targeting = forms.BooleanField(label="Civilians targeted", required=False)

    salute_size = _text("salute_size", "Size", placeholder="approx. 40 persons")
    salute_activity = _text("salute_activity", "Activity")
    salute_location = _text("salute_location", "Location")
    salute_unit = _text("salute_unit", "Unit")
    salute_time = _text("salute_time", "Time")
    salute_equipment = _text("salute_equipment", "Equipment")

    source_type = forms.ChoiceField(
        label="Source type", choices=SourceType.choices, initial=SourceType.PATROL
    )
    source_name = _text("source_name", "Source")
    source_reliability = forms.ChoiceField(
        label="Reliability", choices=Reliability.choices, initial=Reliability.F
    )
    source_credibility = forms.TypedChoiceField(
        label="Credibility", choices=Credibility.choices, coerce=int, initial=Credibility.CANNOT_JUDGE
    )
    reporting_unit = _text("reporting_unit", "Reporting unit", placeholder="e.g. MNBG-E, 1st Coy")
    marking = forms.CharField(label="Release marking", max_length=200, widget=_input(list="markings"))
    reason = forms.CharField(
        label="Reason for the correction", required=False, widget=forms.Textarea({"rows": 2})
    )
    release_reason = forms.CharField(
        label="Reason for releasing it wider",
        required=False,
        max_length=255,
        widget=forms.Textarea({"rows": 2}),
    )

    def __init__(self, *args: object, user: User, event: EventReport | None = None, **kwargs: object) -> None:
        if event is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_of(event, user=user)
        elif event is None:
            kwargs.setdefault("initial", {"marking": default_marking(user)})
        super().__init__(*args, **kwargs)
        self.user = user
        self.event = event
        self.markings = common_markings(user)
        self.outside_reported = False
        self._wire_checks()

    def _wire_checks(self) -> None:
        """htmx attributes: DTG and location are checked by the server as soon as they are given."""
        location = {"hx-post": reverse("events:check_location"), "hx-target": "#location-msg"}
        wiring = {
            "dtg": {
                "hx-post": reverse("events:check_dtg"),
                "hx-target": "#dtg-msg",
                "hx-trigger": "blur changed",
                "hx-params": "dtg",
                "aria-describedby": "dtg-msg",
            },
            "mgrs": {**location, "hx-trigger": "blur changed", "hx-params": "mgrs,allow_outside_theatre"},
            "place_id": {**location, "hx-trigger": "change", "hx-params": "place_id,allow_outside_theatre"},
            "lat": {**location, "hx-trigger": "change", "hx-params": "lat,lon,allow_outside_theatre"},
        }
        for name, attrs in wiring.items():
            self.fields[name].widget.attrs.update(attrs)
        self.fields["mgrs"].widget.attrs["aria-describedby"] = "location-msg"
        for name in CASUALTY_FIELDS:
            self.fields[name].widget.attrs["aria-label"] = self.fields[name].label

    @property
    def is_correction(self) -> bool:
        return self.event is not None and self.event.status in {Status.VALIDATED, Status.PUBLISHED}

    @property
    def show_release_reason(self) -> bool:
        """Only a release authority may release a report wider, so only they are asked for a reason."""
        return self.event is not None and releasing.may_release(self.user)

    @property
    def show_outside(self) -> bool:
        """The confirmation box appears once the server has said the point lies outside the theatre."""
        if self.outside_reported:
            return True
        if self.is_bound:
            return self.data.get("allow_outside_theatre") in {"on", "true", "1"}
        return bool(self.initial.get("allow_outside_theatre"))

    def casualty_rows(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(kind, [self[f"{kind}_{group}"] for group in CASUALTY_GROUPS]) for kind in CASUALTY_KINDS]

    def salute(self) -> list[forms.BoundField]:
        return [self[name] for name, _ in SALUTE_FIELDS]

    def location_errors(self) -> list[str]:
        if not self.is_bound:
            return []
        return [*self.errors.get("mgrs", []), *self.errors.get("place_query", [])]

    def clean(self) -> dict:
        cleaned = super().clean()
        for name in CASUALTY_FIELDS:
            if cleaned.get(name) is None and name not in self.errors:
                cleaned[name] = 0
        return cleaned

    def add_input_errors(self, errors: list[FieldError]) -> None:
        """Show each service error next to the field the person typed it in."""
        for error in errors:
            if error == _OUTSIDE:
                self.outside_reported = True
                self.add_error("allow_outside_theatre", error.reason)
                continue
            name = _ERROR_FIELD.get(error.field, error.field)
            if name in self.fields:
                self.add_error(name, error.reason)
            else:
                self.add_error(None, f"{error.field}: {error.reason}")

    def _when_and_where(self) -> tuple[dict, list[FieldError]]:
        """occurred_at and the location fields, collecting the errors of both at once."""
        data = self.cleaned_data
        values: dict = {}
        errors: list[FieldError] = []
        try:
            values["occurred_at"] = resolve_time(dtg=data["dtg"])
        except InputError as error:
            errors.extend(error.errors)
        if data.get("place_query") and data.get("place_id") is None and not data.get("mgrs"):
            errors.append(FieldError("place", "choose a place from the list (arrow keys and Enter)"))
            return values, errors
        try:
            location = resolve_location(
                user=self.user,
                mgrs=data.get("mgrs") or "",
                place_id=data.get("place_id"),
                lat=data.get("lat"),
                lon=data.get("lon"),
            )
        except InputError as error:
            errors.extend(error.errors)
        else:
            values.update(location.fields())
            place = location.place
            values["location_name"] = data.get("location_name") or (place.name if place else "")
        return values, errors

    def event_input(self) -> EventInput:
        """The EventInput of a new report; raises InputError with every problem found."""
        values, errors = self._when_and_where()
        if errors:
            raise InputError(errors)
        data = self.cleaned_data
        return EventInput(
            **values,
            **{name: data[name] for name in PLAIN_FIELDS},
            marking=data["marking"],
            allow_outside_theatre=data["allow_outside_theatre"],
        )

    def changes(self) -> dict:
        """What a correction changes; time and place only when the person changed them."""
        data = self.cleaned_data
        changes = {name: data[name] for name in PLAIN_FIELDS}
        changes["location_name"] = data["location_name"]
        if "marking" in self.changed_data:
            changes["marking"] = data["marking"]
        moved = any(name in self.changed_data for name in LOCATION_FIELDS)
        if "dtg" in self.changed_data or moved:
            values, errors = self._when_and_where()
            if errors:
                raise InputError(errors)
            if "dtg" in self.changed_data:
                changes["occurred_at"] = values["occurred_at"]
            if moved:
                located = ("lat", "lon", "geo_precision", "grid_precision", "place_id")
                changes.update({name: values[name] for name in located})
                changes["location_name"] = values["location_name"]
        return changes


def initial_of(event: EventReport, *, user: User) -> dict:
    """The form as it would have been typed to produce this report; by its grid where its place is hidden
    from this user (the place is kept unless they move the report)."""
    initial = {name: getattr(event, name) for name in PLAIN_FIELDS}
    initial.update(
        dtg=format_dtg(event.occurred_at),
        location_name=event.location_name,
        marking=event.label.marking,
        allow_outside_theatre=event.outside_theatre,
    )
    place = place_of(event, user=user)
    if place is not None:
        initial.update(place_id=place.pk, place_query=place.name)
    else:
        initial["mgrs"] = grid_of(event)
    return initial
