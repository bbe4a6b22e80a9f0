"""Replacing municipality boundaries from a newer geoBoundaries or an OCHA COD-AB file."""

import copy
import json
from pathlib import Path

import pytest
from shapely import affinity
from shapely.geometry import mapping, shape

from peacekeeper.theatre.boundaries import BoundaryFileError, assign_area, replace_boundaries
from peacekeeper.theatre.loading import SCENARIO_ROOT, load_scenario
from peacekeeper.theatre.models import Area, Place

SHIPPED = SCENARIO_ROOT / "kosovo" / "municipalities.geojson"


@pytest.fixture
def loaded(db: None) -> None:
    load_scenario()


@pytest.fixture
def geoboundaries_file() -> dict:
    """The shipped boundaries in geoBoundaries form: shapeName as geoBoundaries spells it, and shapeID."""
    features = json.loads(SHIPPED.read_text(encoding="utf-8"))["features"]
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {
                    "shapeName": f"Municipality of {feature['properties']['name_sq']}",
                    "shapeID": f"NEW-{feature['properties']['code']}",
                    "shapeType": "ADM2",
                },
                "geometry": copy.deepcopy(feature["geometry"]),
            }
            for feature in features
        ],
    }


def write(tmp_path: Path, document: dict | str) -> Path:
    path = tmp_path / "boundaries.geojson"
    path.write_text(document if isinstance(document, str) else json.dumps(document), encoding="utf-8")
    return path


def boundaries() -> dict[str, dict]:
    return dict(Area.objects.filter(level=Area.Level.MUNICIPALITY).values_list("code", "boundary"))


def index_of(document: dict, name_sq: str) -> int:
    names = [feature["properties"]["shapeName"] for feature in document["features"]]
    return names.index(f"Municipality of {name_sq}")


@pytest.mark.usefixtures("loaded")
def test_a_modified_copy_replaces_the_boundaries(tmp_path: Path, geoboundaries_file: dict) -> None:
    zvecan = geoboundaries_file["features"][index_of(geoboundaries_file, "Zveçan")]
    zvecan["geometry"] = mapping(affinity.translate(shape(zvecan["geometry"]), xoff=0.001))
    report = replace_boundaries(path=write(tmp_path, geoboundaries_file), source="test file")
    assert len(report.matched) == 38
    assert report.unmatched == []
    assert report.without_new_boundary == []
    area = Area.objects.get(code="XK-MUN-ZVECAN")
    assert shape(area.boundary).equals(shape(zvecan["geometry"]))
    assert shape(area.boundary).contains(
        shape({"type": "Point", "coordinates": [area.centroid_lon, area.centroid_lat]})
    )
    assert area.external_ids["geoBoundaries"] == "NEW-XK-MUN-ZVECAN"
    assert area.boundary_source == "test file"


@pytest.mark.usefixtures("loaded")
def test_a_renamed_feature_is_reported_and_its_municipality_keeps_its_boundary(
    tmp_path: Path, geoboundaries_file: dict
) -> None:
    before = boundaries()
    index = index_of(geoboundaries_file, "Junik")
    geoboundaries_file["features"][index]["properties"]["shapeName"] = "Municipality of Atlantis"
    report = replace_boundaries(path=write(tmp_path, geoboundaries_file))
    assert [(item.index, item.names) for item in report.unmatched] == [(index, ("Municipality of Atlantis",))]
    assert report.without_new_boundary == ["XK-MUN-JUNIK"]
    assert boundaries()["XK-MUN-JUNIK"] == before["XK-MUN-JUNIK"]


@pytest.mark.usefixtures("loaded")
def test_a_file_that_is_not_json_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(BoundaryFileError, match="is not JSON"):
        replace_boundaries(path=write(tmp_path, '{"type": "FeatureCollection", "features": ['))


@pytest.mark.usefixtures("loaded")
def test_a_feature_without_geometry_is_rejected_by_index_and_field_and_nothing_changes(
    tmp_path: Path, geoboundaries_file: dict
) -> None:
    before = boundaries()
    geoboundaries_file["features"][0]["geometry"] = mapping(
        affinity.translate(shape(geoboundaries_file["features"][0]["geometry"]), xoff=0.01)
    )
    geoboundaries_file["features"][5]["geometry"] = None
    with pytest.raises(BoundaryFileError) as error:
        replace_boundaries(path=write(tmp_path, geoboundaries_file))
    name = geoboundaries_file["features"][5]["properties"]["shapeName"]
    assert error.value.problems == [f"feature 5 ({name}): geometry: is missing"]
    assert boundaries() == before


@pytest.mark.usefixtures("loaded")
def test_a_point_geometry_is_rejected(tmp_path: Path, geoboundaries_file: dict) -> None:
    geoboundaries_file["features"][3]["geometry"] = {"type": "Point", "coordinates": [21.0, 42.5]}
    with pytest.raises(BoundaryFileError, match=r"feature 3 \(.+\): geometry.type: is 'Point'"):
        replace_boundaries(path=write(tmp_path, geoboundaries_file))


@pytest.mark.usefixtures("loaded")
def test_a_self_intersecting_polygon_is_refused_with_where_it_crosses(
    tmp_path: Path, geoboundaries_file: dict
) -> None:
    # Refused, not repaired: make_valid would turn a bow tie into two triangles, a boundary nobody drew.
    before = boundaries()
    index = index_of(geoboundaries_file, "Junik")
    bow_tie = [[20.2, 42.45], [20.3, 42.5], [20.3, 42.45], [20.2, 42.5], [20.2, 42.45]]
    geoboundaries_file["features"][index]["geometry"] = {"type": "Polygon", "coordinates": [bow_tie]}
    with pytest.raises(BoundaryFileError) as error:
        replace_boundaries(path=write(tmp_path, geoboundaries_file))
    assert error.value.problems == [
        f"feature {index} (Municipality of Junik): geometry: "
        "not a valid polygon (Self-intersection[20.25 42.475])"
    ]
    assert boundaries() == before


@pytest.mark.usefixtures("loaded")
def test_an_ocha_style_file_matches_by_name_and_stores_p_codes(tmp_path: Path) -> None:
    features = json.loads(SHIPPED.read_text(encoding="utf-8"))["features"]
    ocha = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {
                    "ADM2_EN": feature["properties"]["name_sq"],
                    "ADM2_SR": feature["properties"]["name_sr_cyrl"],
                    "ADM2_PCODE": f"XK{number:03d}",
                    "ADM1_EN": "Kosovo",
                },
                "geometry": feature["geometry"],
            }
            for number, feature in enumerate(features, start=1)
        ],
    }
    report = replace_boundaries(path=write(tmp_path, ocha))
    assert len(report.matched) == 38
    pcodes = {area.external_ids["pcode"] for area in Area.objects.filter(level=Area.Level.MUNICIPALITY)}
    assert pcodes == {f"XK{number:03d}" for number in range(1, 39)}


@pytest.mark.usefixtures("loaded")
def test_a_file_matching_no_municipality_is_rejected(tmp_path: Path, geoboundaries_file: dict) -> None:
    before = boundaries()
    for number, feature in enumerate(geoboundaries_file["features"]):
        feature["properties"] = {"shapeName": f"Nowhere {number}"}
    with pytest.raises(BoundaryFileError, match="no feature matches"):
        replace_boundaries(path=write(tmp_path, geoboundaries_file))
    assert boundaries() == before


@pytest.mark.usefixtures("loaded")
def test_places_and_assign_area_follow_the_new_boundaries(tmp_path: Path, geoboundaries_file: dict) -> None:
    zvecan_town = Place.objects.get(geonames_id=783770)
    assert assign_area(zvecan_town.lat, zvecan_town.lon).code == "XK-MUN-ZVECAN"
    # Give Junik a boundary around Zvečan town and Zvečan one in the far south: the town must move to Junik.
    junik, zvecan = index_of(geoboundaries_file, "Junik"), index_of(geoboundaries_file, "Zveçan")
    square = [[20.83, 42.9], [20.85, 42.9], [20.85, 42.92], [20.83, 42.92], [20.83, 42.9]]
    far = [[20.6, 42.1], [20.62, 42.1], [20.62, 42.12], [20.6, 42.12], [20.6, 42.1]]
    geoboundaries_file["features"][junik]["geometry"] = {"type": "Polygon", "coordinates": [square]}
    geoboundaries_file["features"][zvecan]["geometry"] = {"type": "Polygon", "coordinates": [far]}
    report = replace_boundaries(path=write(tmp_path, geoboundaries_file))
    assert report.places_reassigned >= 1
    zvecan_town.refresh_from_db()
    assert zvecan_town.area.code == "XK-MUN-JUNIK"
    assert assign_area(zvecan_town.lat, zvecan_town.lon).code == "XK-MUN-JUNIK"
