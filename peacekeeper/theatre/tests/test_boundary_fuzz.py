"""Fuzzing the boundary file reader: any input gives features or a BoundaryFileError, never another exception.

The reader needs no database: the theatre it checks against is built here from the shipped outline.
"""

import json
import re

import orjson
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from shapely.geometry import shape

from peacekeeper.theatre.boundaries import BoundaryFileError, parse_boundary_document
from peacekeeper.theatre.boundary_checks import Theatre
from peacekeeper.theatre.loading import SCENARIO_ROOT

KOSOVO = Theatre.around(
    "Kosovo",
    shape(json.loads((SCENARIO_ROOT / "kosovo" / "outline.geojson").read_bytes())["features"][0]["geometry"]),
)
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**64 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5),
    max_leaves=30,
)
# Mostly near Kosovo, so that some polygons pass every check and the later checks are reached.
numbers = (
    st.floats(min_value=19.9, max_value=21.9)
    | st.floats(min_value=41.8, max_value=43.3)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.sampled_from([0, -180, 180, 90, -90, 1e300, -1e300, 5e-324])
)
positions = st.tuples(numbers, numbers).map(list) | st.lists(numbers, max_size=4) | json_values
rings = (
    st.lists(st.tuples(numbers, numbers).map(list), min_size=3, max_size=8).map(lambda ring: [*ring, ring[0]])
    | st.lists(positions, max_size=8).map(lambda ring: [*ring, ring[0]] if ring else ring)
    | json_values
)
boxes = st.builds(
    lambda lon, lat, width, height: [
        [[lon, lat], [lon + width, lat], [lon + width, lat + height], [lon, lat + height], [lon, lat]]
    ],
    st.floats(min_value=19.5, max_value=22.0),
    st.floats(min_value=41.5, max_value=43.5),
    st.floats(min_value=0, max_value=0.3),
    st.floats(min_value=0, max_value=0.3),
)
polygons = boxes | st.lists(rings, min_size=1, max_size=3) | json_values
geometries = (
    st.fixed_dictionaries({"type": st.just("Polygon"), "coordinates": polygons})
    | st.fixed_dictionaries({"type": st.just("MultiPolygon"), "coordinates": st.lists(polygons, max_size=3)})
    | st.fixed_dictionaries(
        {
            "type": st.sampled_from(["Polygon", "MultiPolygon", "Point", "GeometryCollection"])
            | json_scalars,
            "coordinates": json_values,
        },
        optional={"geometries": json_values},
    )
    | json_values
)
properties = (
    st.fixed_dictionaries(
        {"shapeName": json_scalars, "ADM2_PCODE": json_scalars},
        optional={"shapeID": json_values, "ADM2_EN": json_values},
    )
    | json_values
)
# Plausible features get through the first checks, so the later ones (validity, theatre, area) are reached.
plausible_features = st.fixed_dictionaries(
    {
        "type": st.just("Feature"),
        "properties": st.fixed_dictionaries({"shapeName": st.text(max_size=10)}),
        "geometry": st.fixed_dictionaries({"type": st.just("Polygon"), "coordinates": boxes}),
    }
)
features = (
    plausible_features
    | st.fixed_dictionaries({"type": st.just("Feature"), "properties": properties, "geometry": geometries})
    | json_values
)
collections = st.fixed_dictionaries(
    {"type": st.just("FeatureCollection"), "features": st.lists(features, min_size=1, max_size=4)}
)


def read(data: bytes) -> None:
    try:
        parsed = parse_boundary_document(data, name="fuzz.geojson", theatre=KOSOVO)
    except BoundaryFileError as error:
        problems = error.problems
        # The kind of refusal, for --hypothesis-show-statistics: which checks the inputs reach.
        kind = re.search(r"\): ([a-z.]+: \S+)", problems[0])
        event(kind.group(1) if kind else problems[0].split(": ")[1][:12])
    else:
        problems = []
        event(f"accepted {len(parsed)}")
        assert all(feature.geometry.is_valid for feature in parsed)
    assert all(isinstance(problem, str) and problem for problem in problems)


@FUZZ
@given(collections)
def test_any_geojson_like_collection_gives_features_or_a_boundary_file_error(document: object) -> None:
    read(orjson.dumps(document))


@FUZZ
@given(json_values)
def test_any_json_gives_features_or_a_boundary_file_error(document: object) -> None:
    read(orjson.dumps(document))


@FUZZ
@given(st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_any_bytes_give_features_or_a_boundary_file_error(data: bytes) -> None:
    read(data)


@FUZZ
@given(collections.map(orjson.dumps), st.integers(min_value=0, max_value=400), st.binary(max_size=3))
def test_a_damaged_file_gives_features_or_a_boundary_file_error(data: bytes, at: int, noise: bytes) -> None:
    read(data[:at] + noise + data[at + len(noise) :])
