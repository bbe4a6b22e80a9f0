"""ACLED export read back by the ACLED reader gives the same events."""

import csv
import io
from dataclasses import replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peacekeeper.events.acled_mapping import acled_to_event_input
from peacekeeper.events.inputs import EventInput
from peacekeeper.events.taxonomy import CATEGORIES, category_for_acled, get_category
from peacekeeper.interop.acled import ACLED_COLUMNS, AcledRow, read_acled
from peacekeeper.interop.acled_writer import write_acled_csv
from peacekeeper.interop.records import ExportRecord
from peacekeeper.interop.tests.factories import ACLED_ROW, file_marking, make_record, only_row

BELGRADE = ZoneInfo("Europe/Belgrade")
EXPORTED_AT = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Text as it comes back from a CSV cell: the reader strips cells, and formula-like text gains an apostrophe.
# No NUL: a file with one is refused as binary (acled_csv), and no stored report holds one.
cell_text = (
    st.text(alphabet=st.characters(blacklist_characters="\x00"))
    .map(str.strip)
    .filter(lambda text: not text.startswith(FORMULA_STARTS))
)


def export_acled(records: list[ExportRecord]) -> str:
    out = io.StringIO(newline="")
    write_acled_csv(records, out, marking=file_marking(records), now=EXPORTED_AT)
    return out.getvalue()


def round_trip(records: list[ExportRecord]) -> list[AcledRow]:
    rows = list(read_acled(io.StringIO(export_acled(records), newline=""), categorise=category_for_acled))
    assert all(isinstance(row, AcledRow) for row in rows), rows
    return rows


def round_trip_one(record: ExportRecord) -> EventInput:
    (row,) = round_trip([record])
    return acled_to_event_input(row)


def test_the_export_has_the_31_acled_columns_in_order_then_the_marking() -> None:
    header = export_acled([]).splitlines()[0]

    assert header.split(",") == [*ACLED_COLUMNS, "marking"]


@pytest.mark.parametrize("category", list(CATEGORIES))
def test_every_category_comes_back_with_its_acled_coding(category: str) -> None:
    coded = get_category(category)

    event = round_trip_one(make_record(category))

    assert event.category == category_for_acled(coded.acled_event_type, coded.acled_sub_event_type).code
    if not coded.peace_support:
        assert event.category == category


def test_an_own_event_comes_back_with_its_facts() -> None:
    record = make_record(
        killed_civilians=1, killed_police=2, killed_force=0, killed_other=1, time_precision=2
    )

    event = round_trip_one(record)

    assert event.occurred_at == datetime(2026, 11, 29, tzinfo=UTC)
    assert (event.lat, event.lon, event.time_precision, event.geo_precision) == (42.8914, 20.866, 2, 1)
    assert (event.actor1, event.inter1, event.actor2, event.inter2) == (
        "Protesters (Kosovo)",
        6,
        "Police Forces of Kosovo (2008-)",
        1,
    )
    assert event.killed_other == 4
    assert (event.narrative, event.location_name, event.source_name) == (
        record.narrative,
        "Main bridge",
        "KFOR patrol",
    )
    assert (event.source_id, event.source_timestamp) == ("KFOR-" + record.uid, int(EXPORTED_AT.timestamp()))
    assert (event.extra["admin2"], event.extra["country"], event.extra["iso"]) == (
        "Mitrovica North",
        "Kosovo",
        0,
    )
    assert event.extra["interaction"] == 16


def test_an_acled_event_keeps_its_acled_id_and_timestamp() -> None:
    record = make_record(source_system="acled", source_id="XKX1234", source_timestamp=1764460800)

    event = round_trip_one(record)

    assert (event.source_system, event.source_id, event.source_timestamp) == ("acled", "XKX1234", 1764460800)


def test_an_acled_import_exported_again_reads_as_the_same_event() -> None:
    imported = acled_to_event_input(only_row(ACLED_ROW))
    record = make_record(
        imported.category,
        occurred_at=imported.occurred_at,
        lat=imported.lat,
        lon=imported.lon,
        location_name=imported.location_name,
        area_name=imported.extra["admin2"],
        actor1=imported.actor1,
        assoc_actor_1=imported.assoc_actor_1,
        inter1=imported.inter1,
        actor2=imported.actor2,
        assoc_actor_2=imported.assoc_actor_2,
        inter2=imported.inter2,
        narrative=imported.narrative,
        source_name=imported.source_name,
        source_scale=imported.source_scale,
        tags=imported.tags,
        killed_other=imported.killed_other,
        source_system=imported.source_system,
        source_id=imported.source_id,
        source_timestamp=imported.source_timestamp,
    )

    again = round_trip_one(record)

    # Only admin1 is lost: ACLED's Kosovo district is not something we hold.
    assert replace(again, extra={}) == replace(imported, extra={})
    assert again.extra == imported.extra | {"admin1": ""}


def test_the_event_date_is_the_local_day_in_kosovo() -> None:
    late_evening_utc = datetime(2026, 11, 29, 23, 30, tzinfo=UTC)

    event = round_trip_one(make_record(occurred_at=late_evening_utc))

    assert event.occurred_at == datetime(2026, 11, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("inter1", "inter2", "interaction"),
    [(1, 7, "17"), (7, 1, "17"), (6, 0, "60"), (0, 5, "50"), (0, 0, "0"), (3, 3, "33")],
)
def test_interaction_is_the_two_inter_codes_lower_first(inter1: int, inter2: int, interaction: str) -> None:
    text = export_acled([make_record(inter1=inter1, inter2=inter2)])

    (written,) = csv.DictReader(io.StringIO(text, newline=""))
    assert written["interaction"] == interaction


def test_exercise_events_carry_an_exercise_tag() -> None:
    (row,) = round_trip([make_record(exercise=True, tags="crowd size=50")])

    assert row.tags == "EXERCISE; crowd size=50"


def test_civilian_targeting_and_fatalities_survive() -> None:
    (row,) = round_trip([make_record("violence.attack", civilian_targeting=True, killed_civilians=2)])

    assert (row.civilian_targeting, row.fatalities, row.category.code) == (True, 2, "violence.attack")


def test_formula_like_text_comes_back_defused() -> None:
    (row,) = round_trip([make_record(actor1="=cmd|' /C calc'!A0")])

    assert row.actor1 == "'=cmd|' /C calc'!A0"


@given(
    occurred_at=st.datetimes(
        min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31), timezones=st.just(UTC)
    ),
    lat=st.floats(min_value=-90, max_value=90),
    lon=st.floats(min_value=-180, max_value=180),
    actor1=cell_text,
    actor2=cell_text,
    narrative=cell_text,
    killed=st.integers(min_value=0, max_value=10_000),
)
def test_any_event_survives_the_round_trip(
    occurred_at: datetime, lat: float, lon: float, actor1: str, actor2: str, narrative: str, killed: int
) -> None:
    record = make_record(
        occurred_at=occurred_at,
        lat=lat,
        lon=lon,
        actor1=actor1,
        actor2=actor2,
        narrative=narrative,
        killed_force=killed,
    )

    event = round_trip_one(record)

    assert event.occurred_at.date() == occurred_at.astimezone(BELGRADE).date()
    assert (event.lat, event.lon) == (lat, lon)
    assert (event.actor1, event.actor2, event.narrative) == (actor1, actor2, narrative)
    assert event.killed_other == killed
