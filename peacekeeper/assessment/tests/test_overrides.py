"""Analyst overrides: who may set them, what they need, how they show beside the computed level."""

from datetime import timedelta

import pytest
from django.utils import timezone

from peacekeeper.assessment.models import LevelOverride
from peacekeeper.assessment.tests.conftest import DEU_ONLY, counted
from peacekeeper.theatre.models import Area

pytestmark = pytest.mark.django_db


def zvecan() -> Area:
    return Area.objects.get(name_en="Zvečan")


def post_override(client, user, area, **fields):
    client.force_login(user)
    payload = {
        "level": 4,
        "rationale": "Barricades expected after the arrests in Zvečan.",
        "valid_until": (timezone.now() + timedelta(days=3)).isoformat(),
        "marking": "NATO UNCLASSIFIED // REL TO KFOR",
    } | fields
    return client.post(f"/api/assessment/areas/{area.pk}/overrides", payload, content_type="application/json")


def row_of(client, user, area) -> dict:
    client.force_login(user)
    return next(r for r in client.get("/api/assessment/areas").json()["areas"] if r["id"] == area.pk)


def test_an_analyst_overrides_the_level_and_both_levels_show(
    client, theatre, german_watchkeeper, italian_analyst
):
    counted(german_watchkeeper, killed_civilians=1)  # rule fatal-7d: level 3
    area = zvecan()
    response = post_override(client, italian_analyst, area)
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["level"], body["computed_level"], body["author"]) == (4, 3, "Giulia")
    row = row_of(client, german_watchkeeper, area)
    assert (row["level"], row["computed_level"]) == (4, 3)
    assert row["override"]["rationale"] == "Barricades expected after the arrests in Zvečan."
    detail = client.get(f"/api/assessment/areas/{area.pk}").json()
    assert [o["id"] for o in detail["overrides"]] == [body["id"]]


def test_a_watchkeeper_may_not_override(client, theatre, german_watchkeeper):
    response = post_override(client, german_watchkeeper, zvecan())
    assert response.status_code == 403
    assert response.json()["detail"] == "only an analyst may override an assessed level"
    assert not LevelOverride.objects.exists()


def test_bad_input_names_each_field_and_stores_nothing(client, theatre, italian_analyst):
    response = post_override(
        client,
        italian_analyst,
        zvecan(),
        level=7,
        rationale="no",
        valid_until=(timezone.now() + timedelta(days=200)).isoformat(),
        marking="NATO TOP WHISPER",
    )
    assert response.status_code == 422
    fields = {error["field"] for error in response.json()["errors"]}
    assert fields == {"level", "rationale", "valid_until", "marking"}
    assert not LevelOverride.objects.exists()


def test_an_expired_override_no_longer_applies_but_stays_in_the_history(client, theatre, italian_analyst):
    area = zvecan()
    assert post_override(client, italian_analyst, area).status_code == 201
    LevelOverride.objects.update(
        created_at=timezone.now() - timedelta(days=5), valid_until=timezone.now() - timedelta(days=1)
    )
    row = row_of(client, italian_analyst, area)
    assert row["override"] is None
    assert row["level"] == 1
    assert len(client.get(f"/api/assessment/areas/{area.pk}").json()["overrides"]) == 1


def test_a_national_override_is_not_shown_to_another_nation(
    client, theatre, organisations, italian_analyst, german_watchkeeper
):
    from peacekeeper.access.classification import Role
    from peacekeeper.conftest import make_user

    german_analyst = make_user("petra", "DEU", "DEU", ("KFOR",), "NATO SECRET", (Role.ANALYST,))
    area = zvecan()
    assert post_override(client, german_analyst, area, marking=DEU_ONLY).status_code == 201
    assert row_of(client, german_watchkeeper, area)["level"] == 4
    italian = row_of(client, italian_analyst, area)
    assert (italian["level"], italian["override"]) == (1, None)
    assert client.get(f"/api/assessment/areas/{area.pk}").json()["overrides"] == []


def test_the_area_page_form_records_an_override(client, theatre, italian_analyst):
    area = zvecan()
    client.force_login(italian_analyst)
    page = client.get(f"/assessment/areas/{area.pk}/")
    assert b'data-testid="override-form"' in page.content
    until = (timezone.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        f"/assessment/areas/{area.pk}/",
        {
            "level": 3,
            "valid_until": until,
            "rationale": "Tension after the court ruling.",
            "marking": DEU_ONLY,
        },
    )
    assert response.status_code == 400  # an Italian may not release as DEU ONLY
    assert b"you cannot release a report as NATO RESTRICTED // DEU ONLY" in response.content
    response = client.post(
        f"/assessment/areas/{area.pk}/",
        {
            "level": 3,
            "valid_until": until,
            "rationale": "Tension after the court ruling.",
            "marking": "NATO UNCLASSIFIED // REL TO KFOR",
        },
    )
    assert response.status_code == 302
    assert LevelOverride.objects.get().level == 3


def test_readers_who_may_not_override_get_no_form(client, theatre, german_watchkeeper):
    client.force_login(german_watchkeeper)
    assert b'data-testid="override-form"' not in client.get(f"/assessment/areas/{zvecan().pk}/").content
