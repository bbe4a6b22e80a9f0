"""Force registry pages: the units table, a unit's record and the nations' troops over time."""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from peacekeeper.access import policy
from peacekeeper.access.audit import record_access, record_bulk_view
from peacekeeper.access.marking import banner, marking_banner
from peacekeeper.access.models import AuditEntry, ReleaseLabel
from peacekeeper.forces.capabilities import Capability
from peacekeeper.forces.charts import nation_rows, strength_chart
from peacekeeper.forces.layers import shown_position, visible_units
from peacekeeper.forces.models import Unit
from peacekeeper.forces.placemats import nation_series, strength_series
from peacekeeper.forces.registry import SORT_KEYS, UnitFilter, caveats_by_unit, filtered_units
from peacekeeper.theatre.layers import visible_sites


def present(user: User, units: list[Unit]) -> list[ReleaseLabel]:
    """Attach what the pages show of each unit (camp only if released to the reader, and a position only
    if the camp is, caveats); return the labels of the units and camps, for the banner (a page showing
    caveats adds theirs)."""
    sites = {site.pk: site for site in visible_sites(user)}
    caveats = caveats_by_unit(user, units)
    today = timezone.localdate()
    labels = []
    for unit in units:
        unit.shown_camp = sites.get(unit.camp_id)
        unit.position = shown_position(unit, sites)
        unit.shown_caveats = caveats[unit.pk]
        unit.capability_labels = [Capability(code).label for code in unit.capabilities]
        unit.rotation_ending = bool(unit.rotation_end and (unit.rotation_end - today).days <= 14)
        labels.append(unit.label)
        if unit.shown_camp:
            labels.append(unit.shown_camp.label)
    return labels


def _unit_filter(request: HttpRequest) -> UnitFilter:
    camp = request.GET.get("camp", "")
    return UnitFilter(
        nation=request.GET.get("nation", "").upper(),
        capability=request.GET.get("capability", ""),
        camp=int(camp) if camp.isdigit() else None,
        sort=request.GET.get("sort", "echelon") if request.GET.get("sort") in SORT_KEYS else "echelon",
        descending=request.GET.get("dir") == "desc",
    )


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    wanted = _unit_filter(request)
    units = filtered_units(request.user, wanted)
    labels = present(request.user, units)
    record_bulk_view(user=request.user, records=units, detail="units list")
    everything = list(visible_units(request.user))
    sites = {site.pk: site for site in visible_sites(request.user)}
    context = {
        "units": units,
        "wanted": wanted,
        "nations": sorted({(u.nation.code, u.nation.name) for u in everything if u.nation}),
        "camps": sorted({(u.camp_id, sites[u.camp_id].name) for u in everything if u.camp_id in sites}),
        "capabilities": Capability.choices,
        "columns": [
            ("nation", "Nation"),
            ("name", "Unit"),
            ("echelon", "Echelon"),
            ("strength", "Strength"),
            ("readiness", "Notice to move"),
            ("camp", "Camp"),
            ("rotation", "Rotation"),
        ],
        "total_strength": sum(unit.strength or 0 for unit in units),
    }
    return render(request, "forces/unit_list.html", context | banner(labels))


@login_required
def unit_detail(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = policy.get_visible_or_404(visible_units(request.user), request.user, pk=unit_id)
    labels = present(request.user, [unit]) + [caveat.label for caveat in unit.shown_caveats]
    record_access(user=request.user, action=AuditEntry.Action.VIEWED, record=unit, detail="page")
    return render(request, "forces/unit_detail.html", {"unit": unit} | banner(labels))


# Troop contributions and strength figures come from public sources and are not labelled records.
PUBLIC_FIGURES = marking_banner("PUBLIC")


@login_required
def nations(request: HttpRequest) -> HttpResponse:
    dates, series = nation_series()
    context = {
        "strength": strength_chart(strength_series()),
        "dates": dates,
        "rows": nation_rows(dates, series),
    }
    return render(request, "forces/nations.html", context | PUBLIC_FIGURES)
