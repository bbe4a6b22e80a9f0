"""A boundary file with one absurd feature is refused whole, every problem listed, and nothing changes.

Each case is one finding of issue 11: the file was accepted and the municipality (and the places in it)
moved to wherever the feature said.
"""

import copy
import json
import math
import os
from pathlib import Path

import pytest
from shapely.geometry import mapping, shape

from peacekeeper.cli import main
from peacekeeper.theatre import boundaries as boundaries_module
from peacekeeper.theatre.boundaries import BoundaryFileError, replace_boundaries
from peacekeeper.theatre.boundary_checks import MAX_BOUNDARY_FILE_BYTES, MAX_BOUNDARY_VERTICES
from peacekeeper.theatre.loading import SCENARIO_ROOT
from peacekeeper.theatre.models import Area, Place

SHIPPED = SCENARIO_ROOT / "kosovo" / "municipalities.geojson"
ZVECAN = "Municipality of Zveçan"


@pytest.fixture
def collection() -> dict:
    """The shipped boundaries as a geoBoundaries release names them."""
    features = json.loads(SHIPPED.read_text(encoding="utf-8"))["features"]
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"shapeName": f"Municipality of {feature['properties']['name_sq']}"},
                "geometry": copy.deepcopy(feature["geometry"]),
            }
            for feature in features
        ],
    }


def stored() -> tuple[dict, dict]:
    """Everything a boundary replacement changes: boundaries (with their centroids) and the places' areas."""
    areas = {
        code: (boundary, lat, lon, source)
        for code, boundary, lat, lon, source in Area.objects.values_list(
            "code", "boundary", "centroid_lat", "centroid_lon", "boundary_source"
        )
    }
    return areas, dict(Place.objects.values_list("id", "area_id"))


def with_geometry(collection: dict, name: str, geometry: dict) -> int:
    index = [feature["properties"]["shapeName"] for feature in collection["features"]].index(name)
    collection["features"][index]["geometry"] = geometry
    return index


def write(tmp_path: Path, collection: dict) -> Path:
    path = tmp_path / "adm2.geojson"
    path.write_text(json.dumps(collection), encoding="utf-8")
    return path


def box(west: float, south: float, east: float, north: float) -> dict:
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


def refusal(tmp_path: Path, collection: dict) -> list[str]:
    before = stored()
    with pytest.raises(BoundaryFileError) as error:
        replace_boundaries(path=write(tmp_path, collection))
    assert stored() == before
    return error.value.problems


@pytest.mark.usefixtures("theatre")
def test_a_municipality_as_a_box_of_1e300_degrees_is_refused(tmp_path: Path, collection: dict) -> None:
    index = with_geometry(collection, ZVECAN, box(-1e300, -1e300, 1e300, 1e300))
    assert refusal(tmp_path, collection) == [
        f"feature {index} ({ZVECAN}): geometry.coordinates: longitude -1e+300 is not within -180..180"
    ]


@pytest.mark.usefixtures("theatre")
def test_a_latitude_beyond_the_pole_is_refused(tmp_path: Path, collection: dict) -> None:
    index = with_geometry(collection, ZVECAN, box(20.8, 42.8, 20.9, 95.0))
    assert refusal(tmp_path, collection) == [
        f"feature {index} ({ZVECAN}): geometry.coordinates: latitude 95 is not within -90..90"
    ]


@pytest.mark.usefixtures("theatre")
def test_a_municipality_in_antarctica_is_refused(tmp_path: Path, collection: dict) -> None:
    index = with_geometry(collection, ZVECAN, box(20.8, -80.0, 20.9, -79.9))
    assert refusal(tmp_path, collection) == [
        f"feature {index} ({ZVECAN}): geometry: lies outside the theatre (Kosovo and 0.05° around it): "
        "it spans lon 20.8..20.9, lat -80..-79.9"
    ]


@pytest.mark.usefixtures("theatre")
def test_a_municipality_just_across_the_border_is_refused(tmp_path: Path, collection: dict) -> None:
    # Inside Kosovo's bounding box but in Albania (around Kukës): the outline decides, not its extent.
    index = with_geometry(collection, ZVECAN, box(20.35, 42.0, 20.45, 42.1))
    problems = refusal(tmp_path, collection)
    assert problems[0].startswith(f"feature {index} ({ZVECAN}): geometry: lies outside the theatre")


@pytest.mark.usefixtures("theatre")
def test_a_ring_of_too_many_vertices_is_refused(tmp_path: Path, collection: dict) -> None:
    # A valid circle around Zvečan town, one vertex over the limit (the ring had two million).
    count = MAX_BOUNDARY_VERTICES
    ring = [
        [20.84 + 0.02 * math.cos(2 * math.pi * i / count), 42.91 + 0.02 * math.sin(2 * math.pi * i / count)]
        for i in range(count)
    ]
    index = with_geometry(collection, ZVECAN, {"type": "Polygon", "coordinates": [[*ring, ring[0]]]})
    assert refusal(tmp_path, collection) == [
        f"feature {index} ({ZVECAN}): geometry.coordinates: "
        f"{count + 1:,} vertices; at most {MAX_BOUNDARY_VERTICES:,}"
    ]


@pytest.mark.usefixtures("theatre")
def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.geojson"
    with path.open("wb") as file:
        file.truncate(MAX_BOUNDARY_FILE_BYTES + 1)  # sparse: takes no disk space
    before = stored()
    with pytest.raises(BoundaryFileError) as error:
        replace_boundaries(path=path)
    assert error.value.problems == ["huge.geojson: is larger than 32 MB, the most a boundary file may be"]
    assert stored() == before


@pytest.mark.usefixtures("theatre")
def test_a_municipality_of_a_few_square_metres_is_refused(tmp_path: Path, collection: dict) -> None:
    index = with_geometry(collection, ZVECAN, box(20.84, 42.91, 20.841, 42.911))
    assert refusal(tmp_path, collection) == [
        f"feature {index} ({ZVECAN}): geometry: area 0.00902 km² is below 0.1 km²"
    ]


@pytest.mark.usefixtures("theatre")
def test_a_municipality_larger_than_the_theatre_is_refused(tmp_path: Path, collection: dict) -> None:
    # The outline widened a little: inside the margin, so only its area gives it away.
    outline = shape(Area.objects.get(level=Area.Level.COUNTRY).boundary).buffer(0.03)
    index = with_geometry(collection, ZVECAN, mapping(outline))
    problems = refusal(tmp_path, collection)
    assert len(problems) == 1
    assert problems[0].startswith(f"feature {index} ({ZVECAN}): geometry: area ")
    assert problems[0].endswith("km² is larger than the theatre (10,840 km²)")


@pytest.mark.usefixtures("theatre")
def test_overlapping_parts_are_refused_not_repaired(tmp_path: Path, collection: dict) -> None:
    parts = [box(20.80, 42.85, 20.86, 42.90), box(20.84, 42.88, 20.90, 42.95)]
    multi = {"type": "MultiPolygon", "coordinates": [part["coordinates"] for part in parts]}
    index = with_geometry(collection, ZVECAN, multi)
    [problem] = refusal(tmp_path, collection)
    assert problem.startswith(f"feature {index} ({ZVECAN}): geometry: not a valid polygon (Self-intersection")


@pytest.mark.usefixtures("theatre")
def test_every_problem_of_the_file_is_listed(tmp_path: Path, collection: dict) -> None:
    first = with_geometry(collection, ZVECAN, box(-1e300, -1e300, 1e300, 1e300))
    second = with_geometry(collection, "Municipality of Junik", box(20.8, -80.0, 20.9, -79.9))
    collection["features"][7] = "not a feature"
    problems = refusal(tmp_path, collection)
    assert [problem.split(":")[0] for problem in problems] == sorted(
        [f"feature {first} ({ZVECAN})", "feature 7 (no name)", f"feature {second} (Municipality of Junik)"],
        key=lambda text: int(text.split()[1]),
    )


@pytest.mark.usefixtures("theatre")
def test_an_id_with_a_nul_character_is_refused(tmp_path: Path, collection: dict) -> None:
    index = [f["properties"]["shapeName"] for f in collection["features"]].index(ZVECAN)
    collection["features"][index]["properties"]["shapeID"] = "XKX-ADM2\x00-7"
    assert refusal(tmp_path, collection) == [
        f"feature {index} ({ZVECAN}): properties.shapeID: "
        "contains a NUL character (U+0000), which cannot be stored"
    ]


@pytest.mark.usefixtures("theatre")
def test_a_file_named_in_bytes_that_are_not_utf8_is_stored_with_a_readable_source(
    tmp_path: Path, collection: dict
) -> None:
    path = Path(os.fsdecode(bytes(tmp_path) + b"/adm2-\xff.geojson"))
    path.write_text(json.dumps(collection), encoding="utf-8")
    replace_boundaries(path=path)
    source = Area.objects.get(name_en="Zvečan").boundary_source
    assert source == "adm2-\ufffd.geojson (replaced boundary)"


@pytest.mark.usefixtures("theatre")
def test_without_a_stored_outline_the_municipalities_make_the_theatre(
    tmp_path: Path, collection: dict
) -> None:
    # A theatre loaded without a country outline is still checked, against what it does hold.
    Area.objects.filter(level=Area.Level.COUNTRY).update(boundary=None)
    index = with_geometry(collection, ZVECAN, box(20.8, -80.0, 20.9, -79.9))
    [problem] = refusal(tmp_path, collection)
    assert problem.startswith(f"feature {index} ({ZVECAN}): geometry: lies outside the theatre (the stored")


@pytest.mark.usefixtures("theatre")
def test_the_command_refuses_with_exit_code_2_listing_each_problem(
    tmp_path: Path, collection: dict, capsys: pytest.CaptureFixture
) -> None:
    first = with_geometry(collection, ZVECAN, box(-1e300, -1e300, 1e300, 1e300))
    second = with_geometry(collection, "Municipality of Junik", box(20.8, -80.0, 20.9, -79.9))
    before = stored()
    assert main(["load-theatre", "--boundaries", str(write(tmp_path, collection))]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].endswith("adm2.geojson: refused whole, nothing changed:")
    assert [line.split(":")[0] for line in err[1:]] == [
        f"  feature {first} ({ZVECAN})",
        f"  feature {second} (Municipality of Junik)",
    ]
    assert stored() == before


@pytest.mark.django_db(transaction=True)
def test_a_failure_while_storing_leaves_every_boundary_as_it_was(
    tmp_path: Path, collection: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A real transaction (not the test's savepoint): the boundaries are written one by one, then places
    # are reassigned; a failure there must undo the boundaries already written.
    from peacekeeper.theatre.loading import load_scenario

    load_scenario(name="kosovo")
    with_geometry(collection, ZVECAN, box(20.83, 42.88, 20.86, 42.93))
    before = stored()

    def fail(index: object) -> int:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(boundaries_module, "reassign_places", fail)
    with pytest.raises(RuntimeError):
        replace_boundaries(path=write(tmp_path, collection))
    assert stored() == before
