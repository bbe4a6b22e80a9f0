"""The common operational picture: the map page and the watch floor's wall screen."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from peacekeeper.access.marking import banner
from peacekeeper.theatre.dtg import DEFAULT_LOCAL_ZONE
from peacekeeper.theatre.layers import visible_sites
from peacekeeper.watch.alerts import on_watch_floor


@login_required
def map_view(request: HttpRequest) -> HttpResponse:
    # The banner starts with the records the page is sure to draw: the sites this user may see. The page's
    # script has the server combine their markings with those of the layers it draws, never fewer.
    return render(
        request,
        "cop/map.html",
        {
            **banner(site.label for site in visible_sites(request.user)),
            "tile_url": settings.MAP_TILE_URL,
            "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
            "on_watch_floor": on_watch_floor(request.user),
        },
    )


@login_required
def wall_view(request: HttpRequest) -> HttpResponse:
    """The watch floor's wall screen: the map of the last 24 h, the open alerts and the latest SIGEVENTs,
    live through the alert banner's one stream. Only for the watch floor: they alone get the stream."""
    if not on_watch_floor(request.user):
        raise PermissionDenied(
            "the wall screen is for the watch floor (watchkeepers, analysts, administrators)"
        )
    return render(
        request,
        "cop/wall.html",
        {
            # The wall draws no sites: its banner starts unmarked and rises with what its script draws.
            **banner(()),
            "tile_url": settings.MAP_TILE_URL,
            "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
            "local_zone": DEFAULT_LOCAL_ZONE,
        },
    )
