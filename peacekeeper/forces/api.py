"""Forces API: the units layer, unit records, troop contributions (placemats) and national caveats."""

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Router
from ninja.responses import Status

from peacekeeper.access import policy
from peacekeeper.access.audit import record_access, record_bulk_view
from peacekeeper.access.models import AuditEntry
from peacekeeper.core.geojson import feature_collection_response
from peacekeeper.core.openapi import GEOJSON_BODY, etagged
from peacekeeper.core.schemas import ErrorOut
from peacekeeper.forces import layers
from peacekeeper.forces.caveat_editing import CaveatInput, save_caveat
from peacekeeper.forces.models import Caveat, Unit
from peacekeeper.forces.placemats import parse_day, placemat_on
from peacekeeper.forces.registry import caveats_by_unit, visible_caveats
from peacekeeper.forces.schemas import (
    CaveatRead,
    CaveatWrite,
    NationFigureRead,
    PlacematRead,
    UnitLayer,
    UnitRead,
)

router = Router(tags=["forces"])


@router.get(
    "/units.geojson",
    response=etagged(UnitLayer),
    openapi_extra=GEOJSON_BODY,
    summary="Units the caller may see, where they are known",
)
def units_layer(request: HttpRequest) -> HttpResponse:
    features, marking = layers.unit_features(user=request.user)
    return feature_collection_response(features, **marking, request=request)


@router.get("/units/{int:unit_id}", response=UnitRead, summary="One unit, if the caller may see it")
def unit_detail(request: HttpRequest, unit_id: int) -> UnitRead:
    unit: Unit = policy.get_visible_or_404(layers.visible_units(request.user), request.user, pk=unit_id)
    record_access(user=request.user, action=AuditEntry.Action.VIEWED, record=unit, detail="api")
    caveats = caveats_by_unit(request.user, [unit])[unit.pk]
    camps = layers.visible_camp_names(request.user)
    position = layers.shown_position(unit, camps)
    return UnitRead(
        id=unit.pk,
        name=unit.name,
        short_name=unit.short_name,
        nation=unit.nation.code if unit.nation else None,
        nation_name=unit.nation.name if unit.nation else None,
        echelon=unit.echelon,
        echelon_label=unit.get_echelon_display(),
        sidc=unit.sidc,
        sidc_note=unit.sidc_note,
        role=unit.role,
        location=position.location,
        camp=camps.get(unit.camp_id),
        lat=position.lat,
        lon=position.lon,
        approximate=position.approximate,
        approximation_note=position.approximation_note,
        source=unit.source,
        marking=unit.label.marking,
        capabilities=unit.capabilities,
        strength=unit.strength,
        readiness_hours=unit.readiness_hours,
        rotation_start=unit.rotation_start,
        rotation_end=unit.rotation_end,
        transfer_of_authority=unit.transfer_of_authority,
        assumptions=unit.assumptions,
        registry_note=unit.registry_note,
        caveats=[caveat_read(caveat) for caveat in caveats],
    )


@router.get(
    "/contributions",
    response={200: PlacematRead, 422: ErrorOut},
    summary="Troops by nation on the latest placemat on or before `date` (YYYY-MM-DD; default today)",
)
def contributions(request: HttpRequest, date: str | None = None) -> Status:
    # A bad or too early date is an InputError, answered 422 on `date` by the API's handler.
    placemat = placemat_on(parse_day(date, default=timezone.localdate()))
    return Status(
        200,
        PlacematRead(
            requested=placemat.requested,
            as_of=placemat.as_of,
            as_of_text=placemat.as_of_text,
            total=placemat.total,
            listed_total=placemat.listed_total,
            stated_total=placemat.stated_total,
            partial=placemat.partial,
            approximation_notes=list(placemat.approximation_notes),
            sources=list(placemat.sources),
            nations=[
                NationFigureRead(
                    nation=figure.code,
                    nation_name=figure.name,
                    troops=figure.troops,
                    name_inferred=figure.name_inferred,
                    note=figure.note,
                )
                for figure in placemat.nations
            ],
        ),
    )


@router.get("/caveats", response=list[CaveatRead], summary="National and unit caveats the caller may see")
def list_caveats(request: HttpRequest) -> list[CaveatRead]:
    caveats = list(visible_caveats(request.user))
    record_bulk_view(user=request.user, records=caveats, detail="caveats api")
    return [caveat_read(caveat) for caveat in caveats]


@router.post(
    "/caveats",
    response={201: CaveatRead, 403: ErrorOut, 422: ErrorOut},
    summary="Record a caveat (planners and administrators)",
)
def create_caveat(request: HttpRequest, payload: CaveatWrite) -> Status:
    return _save(request, payload, None, created=True)


@router.put(
    "/caveats/{int:caveat_id}",
    response={200: CaveatRead, 403: ErrorOut, 422: ErrorOut},
    summary="Change a caveat the caller may see (planners and administrators)",
)
def update_caveat(request: HttpRequest, caveat_id: int, payload: CaveatWrite) -> Status:
    caveat = policy.get_visible_or_404(visible_caveats(request.user), request.user, pk=caveat_id)
    return _save(request, payload, caveat, created=False)


def _save(request: HttpRequest, payload: CaveatWrite, caveat: Caveat | None, *, created: bool) -> Status:
    data = CaveatInput(**payload.dict())
    saved = save_caveat(user=request.user, data=data, caveat=caveat)
    saved = visible_caveats(request.user).get(pk=saved.pk)
    return Status(201 if created else 200, caveat_read(saved))


def caveat_read(caveat: Caveat) -> CaveatRead:
    return CaveatRead(
        id=caveat.pk,
        nation=caveat.nation.code if caveat.nation_id else None,
        unit=caveat.unit_id,
        unit_name=str(caveat.unit) if caveat.unit_id else None,
        kind=caveat.kind,
        params=caveat.params,
        description=caveat.description,
        note=caveat.note,
        source=caveat.source,
        marking=caveat.label.marking,
    )
