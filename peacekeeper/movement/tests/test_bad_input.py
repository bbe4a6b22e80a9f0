"""Bad input answers 422 naming every field at fault, never 500, and writes nothing.

A date-time without a time zone names an unknown instant: it is refused ("give a time zone") in the API;
the HTML forms say their times are UTC and read them so.
"""

import json
from datetime import UTC, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from peacekeeper.movement.models import Restriction
from peacekeeper.movement.tests.conftest import PEJA_KLINA, segment

pytestmark = pytest.mark.django_db

NAIVE = "2026-11-29T10:00:00"


@pytest.fixture
def hans(german_watchkeeper):
    client = Client(raise_request_exception=False)
    client.force_login(german_watchkeeper)
    return client


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def fields(response) -> dict[str, str]:
    assert response.status_code == 422, response.content
    return {error["field"]: error["reason"] for error in response.json()["errors"]}


def closure(**extra) -> dict:
    return {"status": "closed", "cause": "Barricade", "segment_ids": [segment("M-9", PEJA_KLINA).pk], **extra}


@pytest.mark.parametrize("name", ["started_at", "expires_at"])
def test_a_naive_time_is_refused_when_recording(theatre, hans, name):
    errors = fields(post(hans, "/api/movement/restrictions", closure(**{name: NAIVE})))
    assert errors == {name: "give a time zone, e.g. 2026-11-29T14:30:00Z"}
    assert not Restriction.objects.exists()


def test_a_naive_time_is_refused_when_lifting(theatre, hans):
    created = post(hans, "/api/movement/restrictions", closure())
    assert created.status_code == 201, created.content
    url = f"/api/movement/restrictions/{created.json()['id']}/lift"
    assert fields(post(hans, url, {"at": NAIVE})) == {"at": "give a time zone, e.g. 2026-11-29T14:30:00Z"}
    assert Restriction.objects.get().lifted_at is None
    lifted = post(hans, url, {"at": timezone.now().isoformat()})
    assert lifted.status_code == 200, lifted.content


@pytest.mark.parametrize(
    ("url", "params", "name"),
    [
        ("/api/movement/network", {"at": NAIVE}, "at"),
        ("/api/movement/restrictions", {"since": NAIVE}, "since"),
        ("/api/movement/restrictions", {"until": NAIVE}, "until"),
        ("/api/movement/route", {"origin": "Pristina", "destination": "Mitrovica", "at": NAIVE}, "at"),
    ],
)
def test_a_naive_time_is_refused_when_reading(theatre, hans, url, params, name):
    assert set(fields(hans.get(url, params))) == {name}
    assert hans.get(url, {**params, name: NAIVE + "Z"}).status_code == 200


def test_every_field_at_fault_is_named_at_once(theatre, hans):
    body = {"status": "closed", "cause": " ", "segment_ids": [999999], "marking": "NATO BOGUS",
            "started_at": NAIVE}  # fmt: skip
    errors = fields(post(hans, "/api/movement/restrictions", body))
    assert set(errors) == {"cause", "segments", "marking", "started_at"}
    assert "999999" in errors["segments"]
    assert "NATO BOGUS" in errors["marking"]
    assert not Restriction.objects.exists()


def test_a_marking_above_the_writer_is_named_with_the_other_faults(theatre, hans):
    errors = fields(
        post(
            hans,
            "/api/movement/restrictions",
            closure(segment_ids=[999999], marking="NATO SECRET // REL TO KFOR"),
        )
    )
    assert set(errors) == {"segments", "marking"}


def test_the_record_form_reads_its_times_as_utc_and_names_a_bad_one(client, theatre, german_watchkeeper):
    client.force_login(german_watchkeeper)
    form = {"status": "closed", "cause": "Barricade", "segments": [segment("M-9", PEJA_KLINA).pk],
            "marking": "NATO UNCLASSIFIED // REL TO KFOR"}  # fmt: skip
    bad = client.post(reverse("movement:restrictions"), {**form, "started_at": "2026-13-45T99:00"})
    assert bad.status_code == 422
    assert "Enter a valid date/time." in bad.content.decode()
    assert not Restriction.objects.exists()
    since = (timezone.now() - timedelta(hours=2)).astimezone(UTC).replace(second=0, microsecond=0)
    good = client.post(
        reverse("movement:restrictions"),
        {**form, "started_at": since.replace(tzinfo=None).strftime("%Y-%m-%dT%H:%M")},
    )
    assert good.status_code == 302
    assert Restriction.objects.get().started_at == since
