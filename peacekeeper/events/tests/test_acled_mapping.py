"""From a checked ACLED row to the EventInput every ingest path produces."""

from datetime import UTC, datetime

import pytest

from peacekeeper.events.acled_mapping import acled_severity, acled_to_event_input
from peacekeeper.events.taxonomy import CATEGORIES, get_category
from peacekeeper.interop.tests.factories import ACLED_ROW, acled_row, only_row


def test_it_maps_every_acled_field_to_the_event_input() -> None:
    event = acled_to_event_input(only_row(acled_row(fatalities="3", civilian_targeting="Civilian targeting")))

    assert event.occurred_at == datetime(2026, 11, 29, tzinfo=UTC)
    assert event.occurred_at.utcoffset() is not None
    assert (event.lat, event.lon, event.time_precision, event.geo_precision) == (42.8914, 20.866, 1, 1)
    assert (event.category, event.location_name) == ("protests.peaceful", "Mitrovice")
    assert (event.actor1, event.assoc_actor_1, event.inter1) == ("Protesters (Kosovo)", "Vetevendosje", 6)
    assert (event.actor2, event.assoc_actor_2, event.inter2) == ("", "", 0)
    assert event.civilian_targeting is True
    assert event.narrative == ACLED_ROW["notes"]
    assert (event.source_type, event.source_name, event.source_scale) == ("acled", "Koha Ditore", "National")
    assert event.tags == "crowd size=around 200"
    assert (event.source_system, event.source_id, event.source_timestamp) == ("acled", "XKX1234", 1764460800)
    assert event.marking is None


def test_fatalities_go_to_other_because_acled_does_not_split_them() -> None:
    event = acled_to_event_input(only_row(acled_row(fatalities="3")))

    assert (event.killed_civilians, event.killed_police, event.killed_force, event.killed_other) == (
        0,
        0,
        0,
        3,
    )
    assert event.extra["fatalities_unsplit"] is True


def test_the_administrative_context_goes_to_extra() -> None:
    event = acled_to_event_input(only_row(ACLED_ROW))

    assert event.extra == {
        "admin1": "Mitrovice",
        "admin2": "Mitrovice",
        "admin3": "",
        "iso": 0,
        "iso3": "",
        "region": "Europe",
        "country": "Kosovo",
        "disorder_type": "Demonstrations",
        "interaction": 60,
        "fatalities_unsplit": True,
    }


@pytest.mark.parametrize(
    ("category", "fatalities", "severity"),
    [
        ("strategic.agreement", 0, 1),
        ("strategic.looting", 0, 1),
        ("protests.peaceful", 0, 1),
        ("protests.with_intervention", 0, 2),
        ("protests.excessive_force", 0, 3),
        ("riots.violent_demonstration", 0, 3),
        ("battles.armed_clash", 0, 3),
        ("explosions.grenade", 0, 3),
        ("violence.abduction", 0, 3),
        ("protests.peaceful", 1, 4),
        ("riots.mob_violence", 4, 4),
        ("strategic.other", 5, 5),
        ("battles.armed_clash", 40, 5),
    ],
)
def test_severity_follows_the_documented_rule(category: str, fatalities: int, severity: int) -> None:
    assert acled_severity(get_category(category), fatalities) == severity


@pytest.mark.parametrize(
    "category", [code for code, category in CATEGORIES.items() if not category.peace_support]
)
def test_every_acled_category_has_a_severity(category: str) -> None:
    assert acled_severity(get_category(category), 0) in (1, 2, 3)


def test_severity_reaches_the_event_input() -> None:
    event = acled_to_event_input(only_row(acled_row(event_type="Battles", sub_event_type="Armed clash")))

    assert event.severity == 3
