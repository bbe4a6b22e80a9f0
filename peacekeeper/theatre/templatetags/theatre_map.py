"""`{% theatre_map_view %}`: where the theatre's maps open and what they draw under everything, handed to a
page's map script as JSON."""

from django import template
from django.utils.html import json_script
from django.utils.safestring import SafeString

from peacekeeper.theatre.basemap import map_basemap
from peacekeeper.theatre.scenarios import map_view

register = template.Library()


@register.simple_tag
def theatre_map_view() -> SafeString:
    """A <script type="application/json" id="theatre-map-view"> with {"centre": [lat, lon], "zoom": z},
    and one id="theatre-basemap": the basemap's layers, zoom limits, credits and tiles (map_basemap)."""
    return json_script(map_view(), "theatre-map-view") + json_script(map_basemap(), "theatre-basemap")
