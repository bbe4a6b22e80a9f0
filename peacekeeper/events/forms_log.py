"""The log's filter form (read from the query string, so a filtered log can be shared as a link) and the
ACLED import form: the forms of the log's list and transfer pages, beside the report form in forms.py."""

from datetime import UTC, datetime, time, timedelta

from django import forms
from django.utils import timezone

from peacekeeper.core.bounds import QueryDateField
from peacekeeper.core.widgets import PlainSelect
from peacekeeper.events.forms import category_choices
from peacekeeper.events.importing import DEFAULT_ACLED_MARKING
from peacekeeper.events.models import Status
from peacekeeper.events.queries import EventFilter
from peacekeeper.theatre.models import Area

WINDOWS = {"24h": timedelta(hours=24), "7d": timedelta(days=7), "30d": timedelta(days=30), "all": None}
WINDOW_CHOICES = [("all", "All time"), ("24h", "Last 24 h"), ("7d", "Last 7 days"), ("30d", "Last 30 days")]
SORT_CHOICES = [
    ("newest", "Newest first"),
    ("oldest", "Oldest first"),
    ("severity", "Most severe"),
    ("updated", "Recently updated"),
    ("logged", "Recently logged"),
]


def _area_choices() -> list[tuple[str, str]]:
    areas = (
        Area.objects.filter(level=Area.Level.MUNICIPALITY).order_by("name_en").values_list("code", "name_en")
    )
    return [("", "All municipalities"), *areas]


class LogFilterForm(forms.Form):
    """The log's filters, read from the query string so that a filtered log can be shared as a link."""

    window = forms.ChoiceField(label="Time", choices=WINDOW_CHOICES, required=False, widget=PlainSelect)
    since = QueryDateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = QueryDateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    area = forms.ChoiceField(label="Municipality", required=False, widget=PlainSelect)
    category = forms.ChoiceField(
        label="Category",
        required=False,
        choices=[("", "All categories"), *category_choices()],
        widget=PlainSelect,
    )
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *Status.choices], widget=PlainSelect
    )
    q = forms.CharField(
        label="Text",
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": "narrative, place, actor, unit", "id": "f-q"}
        ),
    )
    min_severity = forms.TypedChoiceField(
        label="Severity",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Any"), *[(n, f"{n}+") for n in range(1, 6)]],
        widget=PlainSelect,
    )
    # Exercise reports are shown (and tagged) unless left out: a training system holds little else.
    exercise = forms.ChoiceField(
        label="Exercise data",
        required=False,
        choices=[("yes", "Included"), ("no", "Excluded")],
        widget=PlainSelect,
    )
    sort = forms.ChoiceField(label="Sort", required=False, choices=SORT_CHOICES, widget=PlainSelect)
    # Past a million pages of 50 the offset is no longer a number the database takes; none holds that many.
    page = forms.IntegerField(required=False, min_value=1, max_value=1_000_000, widget=forms.HiddenInput)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = _area_choices()

    def value(self, name: str, default: object = None) -> object:
        # A value that does not validate (a hand-edited link) falls back to its default.
        self.is_valid()
        return self.cleaned_data.get(name) or default

    def event_filter(self) -> EventFilter:
        since = self.value("since")
        until = self.value("until")
        window = WINDOWS.get(self.value("window", "all"))
        moment_since = datetime.combine(since, time.min, tzinfo=UTC) if since else None
        moment_until = datetime.combine(until + timedelta(days=1), time.min, tzinfo=UTC) if until else None
        if window and not (since or until):
            moment_since = timezone.now() - window
        return EventFilter(
            since=moment_since,
            until=moment_until,
            areas=[self.value("area")] if self.value("area") else [],
            categories=[self.value("category")] if self.value("category") else [],
            statuses=[self.value("status")] if self.value("status") else [],
            text=self.value("q", ""),
            min_severity=self.value("min_severity"),
            exercise=False if self.value("exercise") == "no" else None,
        )

    @property
    def sort_order(self) -> str:
        return self.value("sort", "newest")

    @property
    def sort_label(self) -> str:
        return dict(SORT_CHOICES)[self.sort_order]

    @property
    def page_number(self) -> int:
        return self.value("page", 1)


class AcledImportForm(forms.Form):
    file = forms.FileField(
        label="ACLED CSV file", help_text="An export from ACLED: all 31 columns, any size."
    )
    marking = forms.CharField(label="Release marking", initial=DEFAULT_ACLED_MARKING, max_length=200)
    status = forms.ChoiceField(
        label="Store as",
        choices=[
            (Status.SUBMITTED, "Submitted (an analyst validates)"),
            (Status.VALIDATED, "Validated at source"),
        ],
    )
    # UTF-8 (and UTF-16/32 with a byte order mark) are recognised; a legacy code page must be chosen.
    encoding = forms.ChoiceField(
        label="File encoding",
        required=False,
        choices=[
            ("", "UTF-8 (as ACLED publishes)"),
            ("cp1252", "Windows Western (cp1252)"),
            ("cp1250", "Windows Central European (cp1250)"),
            ("cp1251", "Windows Cyrillic (cp1251)"),
            ("iso-8859-1", "Latin-1 (ISO 8859-1)"),
            ("iso-8859-2", "Latin-2 (ISO 8859-2)"),
        ],
    )
