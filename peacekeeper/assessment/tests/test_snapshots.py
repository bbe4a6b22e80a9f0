"""Level snapshots: kept per day and at each override, and shown only to readers with the same access."""

from datetime import timedelta

import pytest
from django.utils import timezone

from peacekeeper.access.classification import Role
from peacekeeper.assessment.models import LevelSnapshot
from peacekeeper.assessment.snapshots import audience_of, snapshot_all_audiences
from peacekeeper.assessment.tests.conftest import DEU_ONLY, counted
from peacekeeper.conftest import make_user
from peacekeeper.theatre.models import Area

pytestmark = pytest.mark.django_db


def zvecan() -> Area:
    return Area.objects.get(name_en="Zvečan")


def test_opening_the_table_keeps_one_snapshot_per_area_and_day(client, theatre, german_watchkeeper):
    client.force_login(german_watchkeeper)
    client.get("/assessment/")
    counted(german_watchkeeper, killed_civilians=1)
    client.get("/api/assessment/areas")
    snapshots = LevelSnapshot.objects.filter(reason="daily")
    assert snapshots.count() == 38
    assert snapshots.get(area=zvecan()).level == 3  # the later view of the day replaced the first
    assert snapshots.get(area=zvecan()).rules == ["fatal-7d"]


def test_reopening_the_table_with_nothing_changed_writes_nothing(client, theatre, german_watchkeeper):
    client.force_login(german_watchkeeper)
    client.get("/assessment/")
    first = dict(LevelSnapshot.objects.filter(reason="daily").values_list("area_id", "recorded_at"))
    client.get("/assessment/")
    again = dict(LevelSnapshot.objects.filter(reason="daily").values_list("area_id", "recorded_at"))
    assert len(first) == 38
    assert again == first


def test_an_assessment_of_the_past_records_nothing(client, theatre, german_watchkeeper):
    client.force_login(german_watchkeeper)
    client.get("/api/assessment/areas", {"at": (timezone.now() - timedelta(days=3)).isoformat()})
    assert not LevelSnapshot.objects.exists()


def test_an_override_is_snapshotted_with_the_level_computed_then(client, theatre, italian_analyst):
    client.force_login(italian_analyst)
    response = client.post(
        f"/api/assessment/areas/{zvecan().pk}/overrides",
        {
            "level": 3,
            "rationale": "Tension after the arrests.",
            "valid_until": (timezone.now() + timedelta(days=1)).isoformat(),
            "marking": "NATO UNCLASSIFIED // REL TO KFOR",
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    snapshot = LevelSnapshot.objects.get()
    assert (snapshot.reason, snapshot.level, snapshot.computed_level) == ("override", 3, 1)
    detail = client.get(f"/api/assessment/areas/{zvecan().pk}").json()
    assert [(s["reason"], s["level"]) for s in detail["snapshots"]] == [("override", 3)]


def test_snapshots_are_shown_only_to_their_audience(client, theatre, german_watchkeeper, italian_analyst):
    for _ in range(4):  # rule severe-rise-7d: level 4
        counted(german_watchkeeper, marking=DEU_ONLY, severity=5)
    client.force_login(german_watchkeeper)
    client.get("/assessment/")
    assert client.get(f"/api/assessment/areas/{zvecan().pk}").json()["snapshots"][0]["level"] == 4
    client.force_login(italian_analyst)
    assert client.get(f"/api/assessment/areas/{zvecan().pk}").json()["snapshots"] == []


def test_readers_with_the_same_access_share_an_audience(
    theatre, organisations, german_watchkeeper, italian_analyst
):
    same = make_user("klaus", "DEU", "DEU", ("KFOR",), "NATO RESTRICTED", (Role.WATCHKEEPER,))
    analyst = make_user("petra", "DEU", "DEU", ("KFOR",), "NATO SECRET", (Role.ANALYST,))
    assert audience_of(same) == audience_of(german_watchkeeper)
    assert audience_of(analyst) != audience_of(german_watchkeeper)
    assert audience_of(italian_analyst) != audience_of(german_watchkeeper)


def test_the_daily_job_snapshots_every_audience_once(
    theatre, german_watchkeeper, italian_analyst, eulex_partner
):
    assert snapshot_all_audiences() == 3
    assert LevelSnapshot.objects.filter(reason="daily").count() == 3 * 38
