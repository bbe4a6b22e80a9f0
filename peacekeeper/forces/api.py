"""Forces API: the units layer and unit records (the registry grows with the force-posture issue)."""

from django.http import HttpRequest, HttpResponse
from ninja import Router

from peacekeeper.access import policy
from peacekeeper.access.audit import record_access
from peacekeeper.access.models import AuditEntry
from peacekeeper.core.geojson import feature_collection_response
from peacekeeper.forces import layers
from peacekeeper.forces.models import Unit
from peacekeeper.forces.schemas import UnitLayer, UnitRead

router = Router(tags=["forces"])


@router.get("/units.geojson", response=UnitLayer, summary="Units the caller may see, where they are known")
def units_layer(request: HttpRequest) -> HttpResponse:
    features, marking = layers.unit_features(user=request.user)
    return feature_collection_response(features, marking=marking, request=request)


@router.get("/units/{int:unit_id}", response=UnitRead, summary="One unit, if the caller may see it")
def unit_detail(request: HttpRequest, unit_id: int) -> UnitRead:
    unit: Unit = policy.get_visible_or_404(layers.visible_units(request.user), request.user, pk=unit_id)
    record_access(user=request.user, action=AuditEntry.Action.VIEWED, record=unit, detail="api")
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
        location=unit.location,
        camp=unit.camp.name if unit.camp else None,
        lat=unit.place.lat if unit.place else None,
        lon=unit.place.lon if unit.place else None,
        approximate=unit.approximate,
        approximation_note=unit.approximation_note,
        source=unit.source,
        marking=unit.label.marking,
    )
