"""The common operational picture: the map page."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from peacekeeper.access.marking import banner
from peacekeeper.theatre.layers import visible_sites


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
        },
    )
