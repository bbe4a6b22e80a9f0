"""Loading the shipped Kosovo scenario into the database."""

import json

import pytest
from shapely.geometry import Point, shape

from peacekeeper.access.models import Organisation
from peacekeeper.theatre.boundaries import assign_area
from peacekeeper.theatre.gazetteer import lookup
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


def test_a_road_known_by_several_numbers_is_one_road_carrying_them_all(loaded: LoadReport) -> None:
    segments = list(RoadSegment.objects.select_related("start", "end"))
    on_m2 = [s for s in segments if "M-2" in s.designations]
    assert {s.road_code for s in on_m2} == {"N2"}
    assert {s.road_class for s in on_m2} == {"national"}
    # North of Pristina the N2 is also the E65 and the E80; south of it, not the E80 (the R6 is the E65).
    north = [s for s in on_m2 if all(42.70 < lat < 42.85 for _, lat in s.geometry["coordinates"])]
    assert north
    assert all(s.designations == ["N2", "M-2", "E65", "E80"] for s in north)
    south = [s for s in on_m2 if all(lat < 42.45 for _, lat in s.geometry["coordinates"])]
    assert south
    assert not any("E80" in s.designations for s in south)
    # Mitrovica–Leposavić–Jarinje is the N22.3 (ex M-22.3), not the M-2; it ends at the crossing.
    n22 = [s for s in segments if "N22.3" in s.designations]
    assert {"M-22.3"} <= set(n22[0].designations)
    assert "Jarinje" in {s.start.name for s in n22} | {s.end.name for s in n22}
    assert not any("M-2" in s.designations for s in n22)
    assert {s.credit for s in segments} == {"Travel Mapping"}
    assert all(s.approximate and "Travel Mapping" in s.approximation_note for s in segments if s.designations)


def test_junctions_are_nodes_the_gazetteer_does_not_offer(loaded: LoadReport) -> None:
    junction = Place.objects.filter(kind=Place.Kind.JUNCTION).first()
    assert junction is not None
    assert junction.approximate
    assert (
        RoadSegment.objects.filter(start=junction).exists()
        or RoadSegment.objects.filter(end=junction).exists()
    )
    assert all(
        match.kind != Place.Kind.JUNCTION for match in lookup(query=junction.name.split()[0], limit=50)
    )


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
