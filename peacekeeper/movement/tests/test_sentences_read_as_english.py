"""The sentences the movement pages build read as English: no "at near", actors named as written (a
generic actor type in lower case, its country capitalised), a reason that starts a sentence."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from peacekeeper.events.tests.factories import ZVECAN
from peacekeeper.movement.models import Restriction
from peacekeeper.movement.planner import Endpoint, plan_route
from peacekeeper.movement.presenting import summary

NOW = datetime(2026, 12, 7, 3, 0, tzinfo=UTC)


def _restriction(**fields) -> Restriction:
    values = {"status": "restricted", "started_at": NOW - timedelta(hours=2, minutes=15)}
    return Restriction(**(values | fields))


@pytest.mark.parametrize(
    ("fields", "sentence"),
    [
        (
            {
                "restricted_party": "EULEX patrol",
                "location_name": "near Leposavić",
                "restricted_by": "Civilians (Kosovo)",
            },
            "EULEX patrol restricted near Leposavić by civilians (Kosovo), 2 h 15 min so far",
        ),
        (
            {
                "restricted_party": "all traffic",
                "status": "closed",
                "location_name": "Zvečan, main road",
                "restricted_by": "Protesters",
            },
            "All traffic stopped at Zvečan, main road by protesters, 2 h 15 min so far",
        ),
        (
            {"location_name": "on the N22.3 north of Zvečan", "restricted_by": "Kosovo Police"},
            "Movement restricted on the N22.3 north of Zvečan by Kosovo Police, 2 h 15 min so far",
        ),
        (
            {
                "restricted_party": "KFOR convoy",
                "location_name": "Jarinje",
                "restricted_by": "Rioters (Serbia)",
                "ends_at": NOW - timedelta(hours=1),
            },
            "KFOR convoy restricted at Jarinje by rioters (Serbia), 1 h 15 min",
        ),
        (
            {"restricted_party": "Civilians (Kosovo)", "restricted_by": "State forces (Kosovo)"},
            "Civilians (Kosovo) restricted on the network by state forces (Kosovo), 2 h 15 min so far",
        ),
    ],
)
def test_a_restriction_reads_as_one_english_sentence(fields, sentence):
    assert summary(_restriction(**fields), NOW) == sentence


@pytest.mark.django_db
def test_an_unroutable_trip_gives_its_reason_as_a_sentence(theatre, validate, german_watchkeeper):
    validate(lat=ZVECAN[0], lon=ZVECAN[1], location_name="Zvečan, main road")

    answer = plan_route(
        user=german_watchkeeper,
        origin=Endpoint(text="Pristina"),
        destination=Endpoint(text="Leposavić"),
        at=timezone.now(),
    )

    assert answer["unroutable"]["reason"] == (
        "Every road between these places is closed or avoided; opening the roads listed would connect them."
    )
