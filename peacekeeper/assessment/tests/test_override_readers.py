"""An override shows every reader the level computed from THEIR reports; its end must carry a time zone."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from peacekeeper.access.classification import Role
from peacekeeper.assessment.models import LevelOverride, LevelSnapshot
from peacekeeper.assessment.snapshots import audience_of, override_level
from peacekeeper.assessment.tests.conftest import DEU_ONLY, counted
from peacekeeper.conftest import make_user
from peacekeeper.theatre.models import Area

pytestmark = pytest.mark.django_db

KFOR = "NATO RESTRICTED // REL TO KFOR"


@pytest.fixture
def zvecan(theatre) -> Area:
    return Area.objects.get(name_en="Zvečan")


@pytest.fixture
def german_analyst(organisations):
    return make_user("dieter", "DEU", "DEU", ("KFOR",), "NATO SECRET", (Role.ANALYST,))


@pytest.fixture
def override_over_national_reports(zvecan, german_watchkeeper, german_analyst) -> LevelOverride:
    """A German analyst, seeing three DEU ONLY reports of killings, overrides for all of KFOR."""
    for _ in range(3):
        counted(german_watchkeeper, marking=DEU_ONLY, severity=5, killed_civilians=1)
    return override_level(
        user=german_analyst,
        area=zvecan,
        level=2,
        rationale="local calm after talks",
        valid_until=timezone.now() + timedelta(days=3),
        marking=KFOR,
    )


def test_another_nation_sees_its_own_computed_level_beside_the_override(
    client, zvecan, override_over_national_reports, italian_analyst
):
    author_saw = override_over_national_reports.computed_level
    assert author_saw > 1  # the DEU ONLY reports fired a rule for the author
    client.force_login(italian_analyst)
    detail = client.get(f"/api/assessment/areas/{zvecan.pk}").json()
    assert detail["area"]["computed_level"] == 1
    assert detail["area"]["override"]["level"] == 2
    assert detail["area"]["override"]["computed_level"] == 1
    assert [o["computed_level"] for o in detail["overrides"]] == [1]
    row = next(r for r in client.get("/api/assessment/areas").json()["areas"] if r["id"] == zvecan.pk)
    assert (row["computed_level"], row["override"]["computed_level"]) == (1, 1)
    page = client.get(f"/assessment/areas/{zvecan.pk}/").content.decode()
    assert "(computed from the reports you may see: 1)" in page
    assert "(computed for you that day: 1)" in page
    assert f": {author_saw})" not in page
    table = client.get("/assessment/").content.decode()
    assert f"computed {author_saw}" not in table


def test_the_author_and_their_audience_see_the_level_the_author_saw(
    client, zvecan, override_over_national_reports, german_analyst
):
    author_saw = override_over_national_reports.computed_level
    client.force_login(german_analyst)
    detail = client.get(f"/api/assessment/areas/{zvecan.pk}").json()
    assert detail["area"]["override"]["computed_level"] == author_saw
    assert [s["computed_level"] for s in detail["snapshots"] if s["reason"] == "override"] == [author_saw]
    snapshot = LevelSnapshot.objects.get(reason=LevelSnapshot.Reason.OVERRIDE)
    assert snapshot.audience == audience_of(german_analyst)


def api_client(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def test_an_end_without_a_time_zone_is_refused_and_nothing_stored(zvecan, italian_analyst):
    response = api_client(italian_analyst).post(
        f"/api/assessment/areas/{zvecan.pk}/overrides",
        json.dumps(
            {
                "level": 3,
                "rationale": "talks broke down today",
                "valid_until": "2026-12-05T10:00:00",
                "marking": KFOR,
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 422, response.content
    errors = response.json()["errors"]
    assert [error["field"] for error in errors] == ["valid_until"]
    assert "time zone" in errors[0]["reason"]
    assert not LevelOverride.objects.exists()
    assert not LevelSnapshot.objects.exists()


def test_the_page_form_reads_its_end_as_utc_or_names_the_field(client, zvecan, italian_analyst):
    client.force_login(italian_analyst)
    fields = {"level": 3, "rationale": "Tension after the court ruling.", "marking": KFOR}
    response = client.post(f"/assessment/areas/{zvecan.pk}/", fields | {"valid_until": "next tuesday"})
    assert response.status_code == 400
    assert not LevelOverride.objects.exists()
    until = (timezone.now() + timedelta(days=2)).replace(second=0, microsecond=0)
    naive = until.strftime("%Y-%m-%dT%H:%M")  # what datetime-local sends: the page says UTC
    response = client.post(f"/assessment/areas/{zvecan.pk}/", fields | {"valid_until": naive})
    assert response.status_code == 302
    assert LevelOverride.objects.get().valid_until == until
