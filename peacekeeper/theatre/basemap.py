"""What every map draws under the mission's layers: the theatre's own basemap, and a deployment's tiles.

The drawn basemap is data of the theatre, in its folder's `basemap/` (settlements and rivers as GeoJSON,
`basemap.json` with the zoom limits and credits, `SOURCES.md`), read at run time like `map.json`; a
theatre without that folder draws none. A deployment that carries a national map package names its raster
tile archive in `PEACEKEEPER_BASEMAP` (`tile_archives.py`); the product serves its tiles itself, so a map
never asks anything of another host.
"""

from functools import cache
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from peacekeeper.theatre.scenarios import configured_scenario, read_json
from peacekeeper.theatre.tile_archives import TileArchive, open_archive

# When a theatre's basemap.json says nothing: zooms a drawn map of towns and roads can show.
DEFAULT_ZOOMS = {"min_zoom": 6, "max_zoom": 13}


@cache
def _drawn(folder: Path) -> dict:
    base = folder / "basemap"

    def layer(name: str) -> list[dict]:
        path = base / f"{name}.geojson"
        return read_json(path)["features"] if path.exists() else []

    described = read_json(base / "basemap.json") if (base / "basemap.json").exists() else {}
    sources = base / "SOURCES.md"
    return {
        "places": layer("places"),
        "rivers": layer("rivers"),
        "min_zoom": int(described.get("min_zoom", DEFAULT_ZOOMS["min_zoom"])),
        "max_zoom": int(described.get("max_zoom", DEFAULT_ZOOMS["max_zoom"])),
        "credits": [str(credit) for credit in described.get("credits", [])],
        "sources": sources.read_text(encoding="utf-8") if sources.exists() else "",
    }


def place_features() -> list[dict]:
    """The theatre's settlements, each with its `rank` for labelling (1 first: cities, then by size)."""
    return _drawn(configured_scenario())["places"]


def river_features() -> list[dict]:
    return _drawn(configured_scenario())["rivers"]


def basemap_sources() -> str:
    """The drawn basemap's SOURCES.md, for the About page."""
    return _drawn(configured_scenario())["sources"]


def tile_archive() -> TileArchive | None:
    """The deployment's tile archive, if it configures one (settings checked it at start)."""
    return open_archive(Path(settings.BASEMAP)) if settings.BASEMAP else None


def drawn_basemap(*, places: str, rivers: str, roads: str) -> dict:
    """What a page's map script needs to draw the theatre's own basemap, its layers served at these
    addresses (a layer the theatre lacks is None): zoom limits and credits, no tiles. The public site, which
    has no mission API, serves the layers itself (public/notices_map.py)."""
    drawn = _drawn(configured_scenario())
    return {
        "places": places if drawn["places"] else None,
        "rivers": rivers if drawn["rivers"] else None,
        # The theatre's road segments, drawn by class where a page does not draw them itself.
        "roads": roads,
        "minZoom": drawn["min_zoom"],
        "maxZoom": drawn["max_zoom"],
        "credits": drawn["credits"],
        "tiles": None,
    }


def map_basemap() -> dict:
    """What a page's map script needs to draw the basemap: the layers' addresses, zoom limits, credits and,
    with a tile archive, its tile address, extent and credit (which then set the zoom limits)."""
    drawn = _drawn(configured_scenario())
    answer = drawn_basemap(
        places=reverse("api-1:basemap_places_layer"),
        rivers=reverse("api-1:basemap_rivers_layer"),
        roads=reverse("api-1:roads_layer"),
    )
    archive = tile_archive()
    if archive is not None:
        info = archive.info
        template = reverse("api-1:basemap_tile", kwargs={"z": 0, "x": 0, "y": 0})
        answer["tiles"] = {
            "url": template.removesuffix("0/0/0") + "{z}/{x}/{y}",
            "minZoom": info.min_zoom,
            "maxZoom": info.max_zoom,
            # Leaflet's order: [[south, west], [north, east]].
            "bounds": [[info.bounds[1], info.bounds[0]], [info.bounds[3], info.bounds[2]]]
            if info.bounds
            else None,
            "attribution": info.attribution,
        }
        # The tiles replace the drawn rivers and names (basemap.js), and so their credits; the roads keep
        # theirs, which their data gives.
        answer["credits"] = []
        answer["maxZoom"] = info.max_zoom
        answer["minZoom"] = min(drawn["min_zoom"], info.max_zoom)
    return answer
