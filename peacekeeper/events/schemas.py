"""API schemas of the operations log (Create / Update / Read / page / workflow / bulk).

The report's fields that a writer gives and a reader reads as they are stored come from EventInput, named
in `fields.py` (GIVEN_FIELDS, READ_FIELDS), with its types and defaults; the classes below add the API's
rules and what each request or answer carries besides.
"""

from dataclasses import MISSING, fields
from datetime import datetime
from typing import Any, Literal, get_type_hints

from django.conf import settings
from ninja import Field, Schema
from pydantic import create_model

from peacekeeper.core.bounds import DbInt, Id, QueryMoment
from peacekeeper.events.fields import CASUALTY_FIELDS, GIVEN_FIELDS, READ_FIELDS, SALUTE_FIELDS
from peacekeeper.events.inputs import EventInput

Reliability = Literal["A", "B", "C", "D", "E", "F"]
Transition = Literal["submit", "validate", "publish", "reject", "reopen"]


def _report_fields(name: str, names: tuple[str, ...], *, defaults: bool) -> type[Schema]:
    """A schema of these EventInput fields, of its types: with its defaults (what a writer may leave out), or
    all required (what a reader is always given)."""
    types = get_type_hints(EventInput)
    of_input = {field.name: field for field in fields(EventInput)}
    definitions: dict[str, Any] = {}
    for field_name in names:
        field = of_input[field_name]
        if not defaults or (field.default is MISSING and field.default_factory is MISSING):
            definitions[field_name] = (types[field_name], ...)
        elif field.default_factory is not MISSING:
            definitions[field_name] = (types[field_name], Field(default_factory=field.default_factory))
        else:
            definitions[field_name] = (types[field_name], field.default)
    return create_model(name, __base__=Schema, **definitions)


# The casualty counts, never negative, and the SALUTE fields, as EventInput declares them.
Casualties = create_model(
    "Casualties",
    __base__=Schema,
    **{name: (int, Field(0, ge=0)) for name in CASUALTY_FIELDS},
)
Salute = _report_fields("Salute", SALUTE_FIELDS, defaults=True)


class EventFields(Casualties, _report_fields("GivenFields", GIVEN_FIELDS, defaults=True)):
    """What a writer gives of a report: EventInput's GIVEN_FIELDS with its types and defaults (in its order);
    those declared here, and the casualties, carry the API's rules besides."""

    category: str = Field(..., description="A category code from /api/events/categories")
    time_precision: int = Field(1, ge=1, le=3)
    geo_precision: int | None = Field(
        None, ge=1, le=3, description="Defaults from how the location was given"
    )
    severity: int = Field(2, ge=1, le=5)
    inter1: int = Field(0, ge=0, le=8)
    inter2: int = Field(0, ge=0, le=8)
    source_reliability: Reliability = "F"
    source_credibility: int = Field(6, ge=1, le=6)
    marking: str | None = Field(
        None, description="e.g. 'NATO RESTRICTED // REL TO KFOR, EULEX'; default: yours"
    )


class EventCreate(EventFields):
    occurred_dtg: str = Field(
        "",
        description=(
            "DTG such as 291430ZNOV26, or a shorthand read as the log's form reads it (0300: today in "
            "mission time; 0300B: today in zone B; 060300Z: this month and year), or 'now'; the answer's "
            "occurred_dtg is the full DTG it was read as"
        ),
    )
    occurred_at: datetime | None = Field(None, description="ISO 8601 with zone, instead of a DTG")
    mgrs: str = ""
    place_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    submit: bool = Field(False, description="Submit for validation at once instead of saving a draft")


class EventUpdate(Casualties, Salute):
    """Only the fields given change. After validation a change is a correction and needs a reason."""

    reason: str = ""
    release_reason: str = Field(
        "",
        max_length=255,
        description="Why the new marking may release the report wider (a release authority's decision)",
    )
    category: str | None = None
    occurred_dtg: str | None = None
    mgrs: str | None = None
    place_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    time_precision: int | None = Field(None, ge=1, le=3)
    severity: int | None = Field(None, ge=1, le=5)
    location_name: str | None = None
    narrative: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    source_reliability: Reliability | None = None
    source_credibility: int | None = Field(None, ge=1, le=6)
    marking: str | None = None


# A report as a reader reads it: EventInput's READ_FIELDS as stored (in its order), then what the log keeps
# of it and what is worked out for this reader. (A comment: a docstring would be the document's description.)
class EventRead(_report_fields("StoredFields", READ_FIELDS, defaults=False)):
    reported_at: datetime  # always stored: a report given none was reported when it arrived
    id: int
    uid: str
    version: int
    status: str
    rejection_reason: str
    marking: str
    occurred_dtg: str
    mgrs: str
    area_code: str | None
    area_name: str | None
    category_label: str
    acled_event_type: str
    acled_sub_event_type: str
    fatalities: int
    incident_id: int | None = Field(
        ..., description="The report's incident, when the caller sees at least two of its reports"
    )
    author: str | None
    validated_by: str | None
    allowed_transitions: list[str]


class EventPage(Schema):
    items: list[EventRead]
    next_cursor: str | None


class ChangeRead(Schema):
    """One history entry, released as the version it produced; the version before it may not be."""

    at: datetime
    version: int
    user: str | None
    action: str
    marking: str = Field(..., description="The marking of the version this entry produced")
    fields: dict[str, list[str | int | float | bool | None]] = Field(
        ..., description="{field: [old, new]}; empty when old_withheld"
    )
    old_withheld: bool = Field(
        ...,
        description="The earlier version is not released to you: which fields changed, their values and its "
        "marking are withheld",
    )
    reason: str


class TransitionIn(Schema):
    transition: Transition
    reason: str = ""


class BulkItem(EventFields):
    occurred_at: datetime
    lat: float
    lon: float
    geo_precision: int = Field(1, ge=1, le=3)
    source_id: str = Field(
        ..., min_length=1, description="Your id for this record: re-sending it updates, never duplicates"
    )
    source_timestamp: DbInt | None = Field(
        None, description="Your record's version (Unix time); newer updates"
    )


BULK_MAX_ITEMS = 5000
BULK_RULES = f"""At most {BULK_MAX_ITEMS:,} items and {settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 2**20:g} MiB per
request (413 past it): 2,500 items of 1.2 KB, as patrol reports run, take 3 MB. Items are numbered from 0,
in `results[].index` and in a refusal's fields (`items.3.narrative`).

All or nothing for the request as a whole: a refusal (422: a field that does not validate, text with a
NUL character or a lone surrogate, an integer the database cannot hold, a number that is not finite) or
a failure stores nothing (a database failure part-way answers 503: send the request again). Otherwise
each item is `created`, `updated`, `unchanged` or `rejected` with the field and reason of each problem,
and the others are stored. A source_id given twice in one request is rejected on the later item
(`source_id`: repeats item N)."""


class BulkIn(Schema):
    source_system: str = Field(..., min_length=1, max_length=32, pattern=r"^[a-z0-9_.-]+$")
    items: list[BulkItem] = Field(..., max_length=BULK_MAX_ITEMS)


class BulkItemResult(Schema):
    index: int = Field(..., description="the item's position in `items`, from 0")
    outcome: Literal["created", "updated", "unchanged", "rejected"]
    event_id: int | None
    errors: list[dict[str, str]]


class BulkOut(Schema):
    created: int
    updated: int
    unchanged: int
    rejected: int
    results: list[BulkItemResult]


class CategoryRead(Schema):
    code: str
    label: str
    acled_event_type: str
    acled_sub_event_type: str
    disorder_type: str
    peace_support: bool


class DuplicateRead(Schema):
    event_id: int
    score: float = Field(..., description="0 to 1; suggested from events.duplicates.THRESHOLD")
    hours_apart: float
    km_apart: float
    same_category: bool
    related: str = Field(..., description="the related-category group, empty for the same category")
    narrative_similarity: float | None = Field(..., description="0 to 1; null when a narrative is empty")
    explanation: str = Field(..., description="why it is suggested, as the report page says it")


class MergeIn(Schema):
    event_ids: list[int] = Field(..., min_length=2)
    title: str = ""


class IncidentRead(Schema):
    id: int
    title: str
    report_ids: list[int]


class RejectedRow(Schema):
    row: int
    field: str
    reason: str


class ImportOut(Schema):
    imported: int
    updated: int
    unchanged: int
    rejected: list[RejectedRow]


class ListParams(Schema):
    """The log's filters and page as `GET /api/events/` reads them from the query string."""

    since: QueryMoment | None = None
    until: QueryMoment | None = None
    area: list[str] = []
    category: list[str] = []
    status: list[str] = []
    q: str = ""
    min_severity: DbInt | None = None
    exercise: bool | None = None
    incident: Id | None = None
    order: Literal["occurred", "logged"] = Field(
        "occurred",
        description="newest first by the report's DTG (occurred) or by when it was logged (logged); "
        "a cursor is followed in the order it was given for",
    )
    cursor: str | None = None
    limit: DbInt = 50
