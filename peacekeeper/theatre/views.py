"""Theatre pages: the sites list and record, and where the data comes from."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from peacekeeper.access import policy
from peacekeeper.access.audit import record_access, record_bulk_view
from peacekeeper.access.marking import banner
from peacekeeper.access.models import AuditEntry
from peacekeeper.theatre.basemap import basemap_sources, tile_archive
from peacekeeper.theatre.layers import visible_places, visible_sites
from peacekeeper.theatre.models import Area, CrossingPoint, Place, PlaceName, RoadSegment
from peacekeeper.theatre.sources import scenario_sources


@login_required
def site_list(request: HttpRequest) -> HttpResponse:
    sites = list(visible_sites(request.user).order_by("kind", "name"))
    record_bulk_view(user=request.user, records=sites, detail="sites list")
    return render(request, "theatre/site_list.html", {"sites": sites, **banner([s.label for s in sites])})


@login_required
def site_detail(request: HttpRequest, site_id: int) -> HttpResponse:
    site = policy.get_visible_or_404(visible_sites(request.user), request.user, pk=site_id)
    record_access(user=request.user, action=AuditEntry.Action.VIEWED, record=site, detail="page")
    return render(request, "theatre/site_detail.html", {"site": site, **banner([site.label])})


@login_required
def about_data(request: HttpRequest) -> HttpResponse:
    # Counted and listed through the policy: a hidden site's place must not show by name, in a count of
    # approximate positions, or among the names the gazetteer knows.
    places = visible_places(request.user)
    counts = {
        "municipalities": Area.objects.filter(level=Area.Level.MUNICIPALITY).count(),
        "with_boundary": Area.objects.filter(level=Area.Level.MUNICIPALITY, boundary__isnull=False).count(),
        "places": places.filter(kind=Place.Kind.POPULATED).count(),
        "names": PlaceName.objects.filter(place__in=places).count(),
        "road_segments": RoadSegment.objects.count(),
        "crossings": CrossingPoint.objects.count(),
    }
    approximate = {
        "places": [
            {"kind": Place.Kind(row["kind"]).label.lower(), "n": row["n"]}
            for row in places.filter(approximate=True).values("kind").annotate(n=Count("id")).order_by("kind")
        ],
        "unknown_positions": places.filter(lat__isnull=True).order_by("kind", "name"),
    }
    archive = tile_archive()
    return render(
        request,
        "theatre/about.html",
        {
            "counts": counts,
            "approximate": approximate,
            "sources": scenario_sources(),
            "basemap_sources": basemap_sources(),
            "tile_attribution": archive.info.attribution if archive else None,
        },
    )
