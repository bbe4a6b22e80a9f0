"""Loading the shipped Kosovo scenario into the database."""

import json

import pytest
from shapely.geometry import Point, shape

from peacekeeper.access.models import Organisation
from peacekeeper.theatre.boundaries import assign_area
from peacekeeper.theatre.loading import SCENARIO_ROOT, LoadReport, load_scenario
from peacekeeper.theatre.models import Area, CrossingPoint, Place, RoadSegment, Site
from peacekeeper.theatre.names import fold

KOSOVO = SCENARIO_ROOT / "kosovo"


@pytest.fixture
def loaded(db: None) -> LoadReport:
    return load_scenario()


def municipalities() -> list[Area]:
    return list(Area.objects.filter(level=Area.Level.MUNICIPALITY))


def test_it_loads_all_38_municipalities_with_boundaries_inside_their_districts(loaded: LoadReport) -> None:
    areas = municipalities()
    assert len(areas) == 38
    for area in areas:
        assert area.boundary["type"] in ("Polygon", "MultiPolygon")
        assert shape(area.boundary).contains(Point(area.centroid_lon, area.centroid_lat))
        assert area.parent.level == Area.Level.REGION
        assert area.parent.parent.code == "XK"
    assert Area.objects.filter(level=Area.Level.REGION).count() == 7


def test_every_boundary_feature_is_matched_to_its_own_municipality(loaded: LoadReport) -> None:
    shipped = json.loads((KOSOVO / "municipalities.geojson").read_text(encoding="utf-8"))["features"]
    shape_ids = {feature["properties"]["external_ids"]["geoBoundaries"] for feature in shipped}
    assert len(shape_ids) == 38
    assert {area.external_ids["geoBoundaries"] for area in municipalities()} == shape_ids


def test_zvecan_has_names_in_four_scripts(loaded: LoadReport) -> None:
    zvecan = Area.objects.get(code="XK-MUN-ZVECAN")
    assert (zvecan.name_en, zvecan.name_sq, zvecan.name_sr_latn, zvecan.name_sr_cyrl) == (
        "Zvečan",
        "Zveçan",
        "Zvečan",
        "Звечан",
    )
    seat = Place.objects.get(scenario_key=zvecan.attributes["seat_place"])
    names = {row.name: row for row in seat.names.all()}
    assert {"Zvečan", "Zveçan", "Звечан"} <= set(names)
    assert names["Звечан"].language == "sr-Cyrl"
    assert {names[name].folded for name in ("Zvečan", "Zveçan", "Звечан")} == {"zvecan"}


def test_loading_twice_changes_nothing(loaded: LoadReport) -> None:
    counts = (Area.objects.count(), Place.objects.count(), Site.objects.count(), RoadSegment.objects.count())
    again = load_scenario()
    assert again.changed == 0
    assert again.places.unchanged == loaded.places.created
    assert counts == (
        Area.objects.count(),
        Place.objects.count(),
        Site.objects.count(),
        RoadSegment.objects.count(),
    )


def test_camps_without_coordinates_stay_null(loaded: LoadReport) -> None:
    for name in ("Camp Slim Lines", "Camp Vrelo", "MSU base"):
        camp = Site.objects.get(name=name)
        assert (camp.place.lat, camp.place.lon) == (None, None)
    assert Site.objects.get(name="Camp Slim Lines").place.area.code == "XK-MUN-PRISTINA"


def test_stand_in_positions_stay_approximate(loaded: LoadReport) -> None:
    film_city = Site.objects.get(name="Camp Film City")
    assert film_city.approximate
    assert "no camp coordinates found" in film_city.approximation_note
    bondsteel = Site.objects.get(name="Camp Bondsteel")
    assert not bondsteel.approximate
    assert bondsteel.place.area.code == "XK-MUN-FERIZAJ"
    konculj = CrossingPoint.objects.get(name_en__startswith="Dheu i Bardhë")
    assert konculj.approximate
    assert not RoadSegment.objects.filter(approximate=False).exists()


def test_crossings_keep_their_kfor_gate_and_unknown_positions(loaded: LoadReport) -> None:
    jarinje = CrossingPoint.objects.get(name_en="Jarinje")
    assert jarinje.kfor_designation == "Gate 1"
    assert CrossingPoint.objects.get(name_en="Mutivode").place.lat is None


def test_camps_are_released_to_kfor_and_protected_sites_to_the_public(loaded: LoadReport) -> None:
    assert Site.objects.get(name="Camp Bondsteel").label.marking == "NATO UNCLASSIFIED // REL TO KFOR"
    assert Site.objects.get(name="Visoki Dečani monastery").label.marking == "PUBLIC"
    assert Site.objects.filter(kind=Site.Kind.BRIDGE).count() == 2


def test_places_lie_in_the_municipality_their_point_is_in(loaded: LoadReport) -> None:
    assert Place.objects.get(geonames_id=783770).area.code == "XK-MUN-ZVECAN"
    assert Place.objects.get(scenario_key="seat:XK-MUN-NORTH-MITROVICA").area.code == "XK-MUN-NORTH-MITROVICA"
    assert assign_area(42.6629, 21.1655).code == "XK-MUN-PRISTINA"
    assert assign_area(45.0, 10.0) is None


def test_roads_join_resolved_places_and_skip_what_lies_outside_kosovo(loaded: LoadReport) -> None:
    first = RoadSegment.objects.get(road_code="N-PR-MI-JA", sequence=1)
    assert (first.start.name, first.end.name) == ("Pristina", "Vushtrri")
    assert 20 < first.length_km < 30
    last = RoadSegment.objects.filter(road_code="N-PR-MI-JA").last()
    assert last.end.crossing.name_en == "Jarinje"
    roads = {road["code"]: road for road in json.loads((KOSOVO / "roads.json").read_text(encoding="utf-8"))}
    assert {"entry": "(Raška, Serbia)", "reason": "outside Kosovo or not a named place"} in roads[
        "N-PR-MI-JA"
    ]["dropped"]


def test_organisations_record_nato_membership(loaded: LoadReport) -> None:
    members = dict(Organisation.objects.values_list("code", "nato_member"))
    assert members["FIN"]
    assert members["SWE"]
    assert not members["CHE"]
    assert not members["AUT"]
    assert not members["SRB"]
    assert Organisation.objects.get(code="KFOR").kind == Organisation.Kind.MISSION
    assert Organisation.objects.get(code="EULEX").kind == Organisation.Kind.INTERNATIONAL
    assert Organisation.objects.get(code="KP").kind == Organisation.Kind.LOCAL


def test_place_names_are_folded_for_lookup(loaded: LoadReport) -> None:
    mitrovica = Place.objects.get(geonames_id=789225)
    assert all(row.folded == fold(row.name) for row in mitrovica.names.all())
