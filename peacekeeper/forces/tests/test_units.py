"""KFOR's units: loaded from the scenario, with APP-6D SIDCs, shown only to those who may see them."""

import json

import pytest
from django.core.exceptions import ValidationError

from peacekeeper.access.labels import label_from_marking
from peacekeeper.access.models import AuditEntry, Organisation
from peacekeeper.forces.loading import load_units
from peacekeeper.forces.models import Echelon, Unit, validate_unit_sidc
from peacekeeper.theatre.loading import SCENARIO_ROOT

KFOR_FACTS_UNIT_COUNT = 11
# National contingents the scenario invents for the posture exercise (scripts/kosovo_units.py).
EXERCISE_UNIT_COUNT = 14
ALL_UNITS = KFOR_FACTS_UNIT_COUNT + EXERCISE_UNIT_COUNT
EXERCISE_KEYS = "unit:x-"


def layer(client) -> dict:
    response = client.get("/api/forces/units.geojson")
    assert response.status_code == 200
    return response.json()


def short_names_in_layer(client) -> set[str]:
    return {feature["properties"]["short_name"] for feature in layer(client)["features"]}


def test_the_scenario_loads_every_kfor_unit_once(forces):
    assert forces.units.created == ALL_UNITS
    assert Unit.objects.exclude(scenario_key__startswith=EXERCISE_KEYS).count() == KFOR_FACTS_UNIT_COUNT
    for unit in Unit.objects.filter(scenario_key__startswith=EXERCISE_KEYS):
        assert unit.role.startswith("EXERCISE UNIT"), unit
        assert "EXERCISE ASSUMPTION" in unit.source, unit


def test_a_second_load_changes_nothing(forces):
    again = load_units(name="kosovo")
    assert again.changed == 0
    assert again.units.unchanged == ALL_UNITS
    assert Unit.objects.count() == ALL_UNITS


def test_a_reload_keeps_a_label_the_administrator_set(forces):
    unit = Unit.objects.get(scenario_key="unit:msu")
    unit.label = label_from_marking("NATO RESTRICTED // ITA ONLY")
    unit.save()
    load_units(name="kosovo")
    unit.refresh_from_db()
    assert unit.label.marking == "NATO RESTRICTED // ITA ONLY"


def test_every_sidc_is_a_friendly_land_unit_in_version_10_whose_echelon_matches(forces):
    for unit in Unit.objects.all():
        assert len(unit.sidc) == 20, unit
        assert unit.sidc.isdigit(), unit
        assert unit.sidc[:2] == "10", unit
        assert unit.sidc[2:4] == "03", f"{unit}: friend (3) in reality (0)"
        assert unit.sidc[4:6] == "10", f"{unit}: land unit symbol set"
        assert unit.echelon == unit.sidc[8:10], unit
        assert unit.echelon in Echelon.values, unit
        assert "assigned by Peacekeeper" in unit.sidc_note, unit


def test_headquarters_carry_the_hq_flag_and_their_echelon(forces):
    hq = Unit.objects.get(short_name="HQ KFOR")
    assert hq.sidc[7] == "2"
    assert hq.sidc[10:16] == "110000"
    for short_name in ("RC-E", "RC-W"):
        command = Unit.objects.get(short_name=short_name)
        assert command.sidc[7] == "2"
        assert command.echelon == Echelon.BRIGADE
    assert Unit.objects.get(short_name="KTRBN").sidc == "10031000161211000000"
    assert Unit.objects.get(short_name="MSU").sidc[10:16] == "141200"


@pytest.mark.parametrize(
    "sidc",
    [
        "1003100016121100000",  # 19 digits
        "1003100016121100000X",
        "13031000161211000000",  # edition E, not D
        "10031500161211000000",  # land equipment, not a unit
        "10031000001211000000",  # no echelon
    ],
)
def test_a_malformed_sidc_is_rejected(sidc):
    with pytest.raises(ValidationError):
        validate_unit_sidc(sidc)


def test_units_link_to_their_camps_and_nations_as_the_facts_say(forces):
    expected = {
        "HQ KFOR": ("Camp Film City", None),
        "RC-E": ("Camp Bondsteel", "USA"),
        "RC-W": ("Camp Villaggio Italia", "ITA"),
        "KTRBN": ("Camp Novo Selo (Camp Maréchal de Lattre de Tassigny)", "HUN"),
        "MSU": ("MSU base", "ITA"),
        "JRD-N": ("Camp Novo Selo (Camp Maréchal de Lattre de Tassigny)", "CHE"),
        "JRD-C": ("Camp Film City", "ITA"),
        "JRD-S": ("Camp Sultan Murat", "TUR"),
        "LMTs": (None, None),
        "ISR MNBN": (None, "ITA"),
        "NALT": (None, "DEU"),
    }
    actual = {
        unit.short_name: (unit.camp.name if unit.camp else None, unit.nation.code if unit.nation else None)
        for unit in Unit.objects.select_related("camp", "nation").exclude(
            scenario_key__startswith=EXERCISE_KEYS
        )
    }
    assert actual == expected
    # The exercise contingents sit at camps with a position, so the planner can task them.
    for unit in Unit.objects.filter(scenario_key__startswith=EXERCISE_KEYS).select_related("camp__place"):
        assert unit.camp.place.lat is not None, unit


def test_the_facts_source_text_is_kept(forces):
    rows = json.loads((SCENARIO_ROOT / "kosovo" / "units.json").read_text(encoding="utf-8"))
    for row in rows:
        assert Unit.objects.get(scenario_key=row["scenario_key"]).source == row["source"]


def test_units_are_drawn_at_their_camps_and_approximate_where_the_camp_is(forces):
    hq = Unit.objects.select_related("place", "camp").get(short_name="HQ KFOR")
    assert hq.place == hq.camp.place
    assert hq.approximate
    assert "Camp Film City" in hq.approximation_note
    rc_east = Unit.objects.get(short_name="RC-E")
    assert rc_east.place is not None
    assert not rc_east.approximate
    nalt = Unit.objects.select_related("place").get(short_name="NALT")
    assert nalt.place.name == "Pristina"
    assert nalt.approximate
    assert set(forces.not_drawn) == {"KTRBN", "MSU", "JRD-N", "LMTs", "ISR MNBN"}
    assert not Unit.objects.filter(short_name__in=forces.not_drawn, place__isnull=False).exists()


def test_kfor_users_see_the_positioned_units_with_their_symbols(client, forces, german_watchkeeper):
    client.force_login(german_watchkeeper)
    body = layer(client)
    exercise = set(
        Unit.objects.filter(scenario_key__startswith=EXERCISE_KEYS).values_list("short_name", flat=True)
    )
    assert {feature["properties"]["short_name"] for feature in body["features"]} == exercise | {
        "HQ KFOR",
        "RC-E",
        "RC-W",
        "JRD-C",
        "JRD-S",
        "NALT",
    }
    assert body["marking"] == "NATO UNCLASSIFIED // REL TO KFOR"
    rc_west = next(f for f in body["features"] if f["properties"]["short_name"] == "RC-W")
    assert rc_west["properties"]["sidc"] == "10031002181100000000"
    assert rc_west["properties"]["nation"] == "ITA"
    assert rc_west["properties"]["approximate"] is True
    assert rc_west["geometry"]["type"] == "Point"


def test_the_eulex_partner_sees_no_unit_released_to_kfor_only(client, forces, eulex_partner):
    client.force_login(eulex_partner)
    body = layer(client)
    assert body["features"] == []
    assert body.get("marking") is None


def test_a_unit_record_is_404_for_a_partner_and_readable_for_kfor(
    client, forces, eulex_partner, italian_analyst
):
    unit = Unit.objects.get(short_name="JRD-N")
    client.force_login(eulex_partner)
    assert client.get(f"/api/forces/units/{unit.pk}").status_code == 404
    client.force_login(italian_analyst)
    response = client.get(f"/api/forces/units/{unit.pk}")
    assert response.status_code == 200
    record = response.json()
    assert record["nation"] == "CHE"
    assert record["echelon"] == Echelon.BATTALION
    assert record["lat"] is None
    assert record["camp"].startswith("Camp Novo Selo")
    assert record["marking"] == "NATO UNCLASSIFIED // REL TO KFOR"


def test_a_national_only_unit_is_seen_by_that_nation_only(
    client, forces, german_watchkeeper, italian_analyst
):
    camp = Unit.objects.select_related("camp").get(short_name="RC-E").camp
    secret_cell = Unit.objects.create(
        name="German liaison cell",
        short_name="DEU LC",
        nation=Organisation.objects.get(code="DEU"),
        sidc="10031000141105000000",
        camp=camp,
        place=camp.place,
        label=label_from_marking("NATO RESTRICTED // DEU ONLY"),
        scenario_key="test:deu-liaison-cell",
    )
    assert secret_cell.echelon == Echelon.PLATOON
    client.force_login(german_watchkeeper)
    assert "DEU LC" in short_names_in_layer(client)
    # With the units released to KFOR: only a German in KFOR may see them all.
    assert layer(client)["marking"] == "NATO RESTRICTED // DEU ONLY // REL TO KFOR"
    assert client.get(f"/api/forces/units/{secret_cell.pk}").status_code == 200
    client.force_login(italian_analyst)
    assert "DEU LC" not in short_names_in_layer(client)
    assert client.get(f"/api/forces/units/{secret_cell.pk}").status_code == 404


def test_viewing_a_restricted_unit_is_audited(client, forces, german_watchkeeper):
    unit = Unit.objects.get(short_name="RC-E")
    unit.label = label_from_marking("NATO RESTRICTED // REL TO KFOR")
    unit.save()
    client.force_login(german_watchkeeper)
    assert client.get(f"/api/forces/units/{unit.pk}").status_code == 200
    assert AuditEntry.objects.filter(record_type="forces.unit", record_id=str(unit.pk)).count() == 1


def test_anonymous_readers_get_no_units(client, forces):
    unit = Unit.objects.first()
    assert client.get("/api/forces/units.geojson").status_code == 401
    assert client.get(f"/api/forces/units/{unit.pk}").status_code == 401
