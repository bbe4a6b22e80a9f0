"""Operations log API: reports, their workflow and history, incidents, bulk ingest."""

import io
import logging
import tempfile

import orjson
from django.db import DatabaseError, transaction
from django.http import FileResponse, HttpRequest, HttpResponse
from ninja import File, Form, Query, Router
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.responses import Status

from peacekeeper.access import policy
from peacekeeper.access.audit import record_access, record_bulk_view
from peacekeeper.access.models import AuditEntry
from peacekeeper.access.releasing import default_marking
from peacekeeper.core.errors import FieldError, InputError
from peacekeeper.core.openapi import CSV, GEOJSON, KML, answers, errors
from peacekeeper.core.schemas import ErrorItem, ErrorOut
from peacekeeper.events import duplicates, history, incidents, queries, recording, workflow
from peacekeeper.events.entry import resolve_location, resolve_time
from peacekeeper.events.exporting import FORMATS, export_events
from peacekeeper.events.importing import (
    DEFAULT_ACLED_MARKING,
    AcledFormatError,
    import_acled,
    refusal_reason,
)
from peacekeeper.events.ingest import ingest
from peacekeeper.events.inputs import EventInput
from peacekeeper.events.models import EventReport
from peacekeeper.events.presenting import change_read, event_dict, event_read
from peacekeeper.events.schemas import (
    BULK_RULES,
    BulkIn,
    BulkOut,
    CategoryRead,
    ChangeRead,
    DuplicateRead,
    EventCreate,
    EventPage,
    EventRead,
    EventUpdate,
    ImportOut,
    IncidentRead,
    ListParams,
    MergeIn,
    TransitionIn,
)
from peacekeeper.events.taxonomy import CATEGORIES

router = Router(tags=["events"])
logger = logging.getLogger(__name__)


def _filters(params: ListParams) -> queries.EventFilter:
    return queries.EventFilter(
        since=params.since,
        until=params.until,
        areas=params.area,
        categories=params.category,
        statuses=params.status,
        text=params.q,
        min_severity=params.min_severity,
        exercise=params.exercise,
        incident=params.incident,
    )


def _event_for(request: HttpRequest, event_id: int) -> EventReport:
    queryset = EventReport.objects.select_related("label", "area", "author", "validated_by")
    return policy.get_visible_or_404(queryset, request.user, pk=event_id)


@router.get(
    "/categories", response=list[CategoryRead], summary="The category taxonomy with its ACLED mapping"
)
def categories(request: HttpRequest) -> list[CategoryRead]:
    return [CategoryRead(**vars(category)) for category in CATEGORIES.values()]


@router.get(
    "/",
    response=EventPage,
    summary="Reports the caller may see, newest first (by DTG or time logged), with filters",
)
def list_events(request: HttpRequest, params: Query[ListParams]) -> HttpResponse:
    queryset = queries.filtered_events(user=request.user, filters=_filters(params)).prefetch_related(
        "label__categories"
    )
    try:
        rows, next_cursor = queries.page_after(
            queryset, cursor=params.cursor, limit=max(1, min(params.limit, 500)), order=params.order
        )
    except queries.BadCursor as error:
        raise InputError([FieldError("cursor", str(error))]) from None
    record_bulk_view(user=request.user, records=rows, detail="api list")
    incidents.note_visible_incidents(rows, user=request.user)
    # Serialised directly: re-validating 500 trusted rows through pydantic would cost more than the query.
    body = {"items": [event_dict(row, user=request.user) for row in rows], "next_cursor": next_cursor}
    return HttpResponse(orjson.dumps(body, option=orjson.OPT_UTC_Z), content_type="application/json")


@router.post("/", response={201: EventRead}, summary="Log a report (a draft, or submitted at once)")
def create_event(request: HttpRequest, payload: EventCreate) -> Status[EventRead]:
    if not policy.can_edit(request.user):  # before anything is looked up on the caller's behalf
        raise HttpError(403, "your role does not allow logging reports")
    occurred_at = resolve_time(dtg=payload.occurred_dtg, moment=payload.occurred_at)
    location = resolve_location(
        user=request.user, mgrs=payload.mgrs, place_id=payload.place_id, lat=payload.lat, lon=payload.lon
    )
    fields = payload.dict(exclude={"occurred_dtg", "occurred_at", "mgrs", "place_id", "lat", "lon", "submit"})
    fields["location_name"] = fields["location_name"] or (location.place.name if location.place else "")
    located = location.fields()
    located["geo_precision"] = fields.pop("geo_precision") or location.geo_precision
    data = EventInput(occurred_at=occurred_at, **located, **fields)
    event = recording.create_report(user=request.user, data=data, submit=payload.submit)
    return Status(201, event_read(_event_for(request, event.pk), user=request.user))


@router.get("/{int:event_id}", response=EventRead, summary="One report, if the caller may see it")
def get_event(request: HttpRequest, event_id: int) -> EventRead:
    event = _event_for(request, event_id)
    record_access(user=request.user, action=AuditEntry.Action.VIEWED, record=event, detail="api")
    return event_read(event, user=request.user)


@router.patch(
    "/{int:event_id}",
    response={200: EventRead, 409: ErrorOut},
    summary="Change a report (a new version once validated)",
)
def update_event(request: HttpRequest, event_id: int, payload: EventUpdate) -> EventRead:
    event = _event_for(request, event_id)
    given = payload.dict(exclude_unset=True)
    reason = given.pop("reason", "")
    release_reason = given.pop("release_reason", "")
    changes = {
        name: value
        for name, value in given.items()
        if name not in {"occurred_dtg", "mgrs", "place_id", "lat", "lon"}
    }
    if given.get("occurred_dtg"):
        changes["occurred_at"] = resolve_time(dtg=given["occurred_dtg"])
    if any(name in given for name in ("mgrs", "place_id", "lat", "lon")):
        location = resolve_location(
            user=request.user,
            mgrs=given.get("mgrs") or "",
            place_id=given.get("place_id"),
            lat=given.get("lat"),
            lon=given.get("lon"),
        )
        changes.update(location.fields())
    # A Conflict (someone changed the report since this request read it) is answered 409 (peacekeeper/api.py).
    recording.update_report(
        user=request.user, event=event, changes=changes, reason=reason, release_reason=release_reason
    )
    return event_read(_event_for(request, event_id), user=request.user)


@router.post(
    "/{int:event_id}/transitions",
    response={200: EventRead, 409: ErrorOut},
    summary="Submit, validate, publish, reject or reopen",
)
def transition_event(request: HttpRequest, event_id: int, payload: TransitionIn) -> EventRead:
    event = _event_for(request, event_id)
    workflow.transition(user=request.user, event=event, name=payload.transition, reason=payload.reason)
    return event_read(_event_for(request, event_id), user=request.user)


@router.get("/{int:event_id}/history", response=list[ChangeRead], summary="The report's append-only history")
def event_history(request: HttpRequest, event_id: int) -> list[ChangeRead]:
    event = _event_for(request, event_id)
    entries = history.visible_history(event=event, user=request.user)
    record_access(user=request.user, action=AuditEntry.Action.VIEWED, record=event, detail="history api")
    history.audit_earlier_versions(user=request.user, event=event, entries=entries, detail="history api")
    return [change_read(entry) for entry in entries]


@router.get(
    "/{int:event_id}/duplicates", response=list[DuplicateRead], summary="Likely reports of the same happening"
)
def event_duplicates(request: HttpRequest, event_id: int) -> list[DuplicateRead]:
    event = _event_for(request, event_id)
    suggestions = duplicates.suggest_duplicates(event=event, user=request.user)
    # Each suggestion tells of its report (its place, time, category and wording): a restricted one is shown.
    record_bulk_view(user=request.user, records=[s.event for s in suggestions], detail="duplicates api")
    return [
        DuplicateRead(
            event_id=s.event.pk,
            score=s.score,
            hours_apart=s.hours_apart,
            km_apart=s.km_apart,
            same_category=s.same_category,
            related=s.related,
            narrative_similarity=s.narrative_similarity,
            explanation=s.explanation,
        )
        for s in suggestions
    ]


@router.post(
    "/incidents", response={201: IncidentRead, **errors(404)}, summary="Link reports into one incident"
)
def merge_reports(request: HttpRequest, payload: MergeIn) -> Status[IncidentRead]:
    events = [_event_for(request, event_id) for event_id in payload.event_ids]
    incident = incidents.merge(user=request.user, events=events, title=payload.title)
    report_ids = list(
        incidents.visible_reports_of(incident=incident, user=request.user).values_list("pk", flat=True)
    )
    title = incidents.title_for(incident, user=request.user)
    return Status(201, IncidentRead(id=incident.pk, title=title, report_ids=report_ids))


@router.post("/incidents/links/{int:link_id}/undo", response=EventRead, summary="Undo one merge")
def undo_merge(request: HttpRequest, link_id: int) -> EventRead:
    link = incidents.get_visible_link(user=request.user, link_id=link_id)
    incidents.undo_link(user=request.user, link=link)
    return event_read(_event_for(request, link.event_id), user=request.user)


@router.post(
    "/bulk",
    response={200: BulkOut, 413: ErrorOut, 422: ErrorOut, 503: ErrorOut},
    summary="Ingest many reports; idempotent by source_system + source_id",
    description=BULK_RULES,
)
def bulk_ingest(request: HttpRequest, payload: BulkIn) -> BulkOut | Status[ErrorOut]:
    if not policy.can_edit(request.user):
        raise HttpError(403, "your role does not allow logging reports")
    items = [EventInput(**item.dict()) for item in payload.items]
    # One transaction (ingest's batches nest in it as savepoints): a failure part-way stores nothing.
    try:
        with transaction.atomic():
            summary = ingest(
                items=items,
                source_system=payload.source_system,
                user=request.user,
                default_marking=default_marking(request.user),
                keep_results=True,
                file_name="api",
                refuse_repeats=True,
            )
    except DatabaseError as error:  # e.g. "database is locked": rolled back whole, so worth sending again
        logger.exception("bulk ingest of %d items failed and was rolled back", len(items))
        detail = f"the database failed part-way ({type(error).__name__}); nothing was stored: send it again"
        return Status(503, ErrorOut(detail=detail, errors=[]))
    return BulkOut(
        created=summary.created,
        updated=summary.updated,
        unchanged=summary.unchanged,
        rejected=summary.rejected,
        results=[
            {
                "index": r.index,
                "outcome": r.outcome,
                "event_id": r.event_id,
                "errors": [{"field": e.field, "reason": e.reason} for e in r.errors],
            }
            for r in summary.results
        ],
    )


@router.get(
    "/export/{fmt}",
    response={200: str},
    openapi_extra=answers(CSV, GEOJSON, KML, file=True),
    summary="Export the filtered events the caller may see: csv, geojson, kml or acled",
)
def export(request: HttpRequest, fmt: str, params: Query[ListParams]) -> FileResponse:
    if fmt not in FORMATS:
        raise HttpError(404, f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    # Spooled to disk past 16 MB: a million-row export neither fills memory nor half-arrives.
    spool = tempfile.SpooledTemporaryFile(max_size=16 << 20, mode="w+b")  # noqa: SIM115 (FileResponse closes it)
    text = io.TextIOWrapper(spool, encoding="utf-8", newline="")
    export_events(user=request.user, filters=_filters(params), fmt=fmt, out=text)
    text.flush()
    text.detach()
    spool.seek(0)
    name = f"peacekeeper-events.{FORMATS[fmt].extension}"
    response = FileResponse(spool, as_attachment=True, filename=name, content_type=FORMATS[fmt].content_type)
    return response


@router.post(
    "/import/acled",
    response={200: ImportOut, 422: ErrorOut},
    summary="Import an ACLED CSV file (idempotent by event_id_cnty)",
    description="A file that cannot be read (its encoding, a binary file, its CSV structure, its header) is "
    "refused whole with 422, nothing stored; otherwise each rejected row is listed and the others stored.",
)
def import_acled_file(
    request: HttpRequest,
    file: File[UploadedFile],
    marking: str | None = Query(
        None,
        description="release label to apply (default: NATO UNCLASSIFIED // REL TO KFOR); may be sent as a "
        "form field instead",
    ),
    form_marking: str = Form(
        "", alias="marking", description="release label to apply (or as a query parameter)"
    ),
    encoding: str = Form(
        "",
        description="the file's encoding when it is not UTF-8 (UTF-16/32 with a byte order mark are "
        "recognised), e.g. cp1252",
    ),
) -> ImportOut | Status[ErrorOut]:
    if not policy.can_edit(request.user):
        raise HttpError(403, "your role does not allow importing reports")
    # A marking sent with the file was once ignored for the default: never label rows other than asked.
    if marking and form_marking and marking != form_marking:
        reason = "given twice, differently (query and form); send it once"
        return Status(
            422, ErrorOut(detail="invalid input", errors=[ErrorItem(field="marking", reason=reason)])
        )
    try:
        report = import_acled(
            stream=file.file,
            user=request.user,
            marking=form_marking or marking or DEFAULT_ACLED_MARKING,
            file_name=file.name or "upload",
            encoding=encoding or None,
        )
    except AcledFormatError as error:
        reason = refusal_reason(error, name_encoding="send its encoding (encoding=cp1252)")
        refused = ErrorOut(
            detail="the file was refused; nothing was imported",
            errors=[ErrorItem(field="file", reason=reason)],
        )
        return Status(422, refused)
    return ImportOut(**report.as_json())
