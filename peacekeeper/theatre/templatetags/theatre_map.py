"""`{% theatre_map_view %}`: where the theatre's maps open, handed to a page's map script as JSON."""

from django import template
from django.utils.html import json_script
from django.utils.safestring import SafeString

from peacekeeper.theatre.scenarios import map_view

register = template.Library()


@register.simple_tag
def theatre_map_view() -> SafeString:
    """A <script type="application/json" id="theatre-map-view"> with {"centre": [lat, lon], "zoom": z}."""
    return json_script(map_view(), "theatre-map-view")
