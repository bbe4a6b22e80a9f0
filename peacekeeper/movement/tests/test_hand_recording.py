"""Watchkeepers record, lift and end restrictions by hand; bad input names the field."""

from datetime import timedelta

import pytest
from django.utils import timezone

from peacekeeper.core.errors import InputError, NotAllowed
from peacekeeper.movement.models import Restriction
from peacekeeper.movement.recording import lift_restriction, record_restriction
from peacekeeper.movement.states import element_history, network_state
from peacekeeper.movement.tests.conftest import PEJA_KLINA, crossing, segment

pytestmark = pytest.mark.django_db


def test_a_watchkeeper_closes_a_crossing_until_it_is_lifted(theatre, german_watchkeeper):
    jarinje = crossing("Jarinje")
    started = timezone.now() - timedelta(hours=3)
    restriction = record_restriction(
        user=german_watchkeeper,
        status="closed",
        cause="Crossing shut by Kosovo Police",
        crossing_ids=[jarinje.pk],
        started_at=started,
        restricted_party="all traffic",
        restricted_by="Kosovo Police",
    )
    assert restriction.origin == "hand"
    assert restriction.ends_at is None
    assert restriction.label.marking == "NATO UNCLASSIFIED // REL TO KFOR"
    far_future = timezone.now() + timedelta(days=30)
    assert network_state(user=german_watchkeeper, at=far_future).crossings[jarinje.pk].status == "closed"

    lift_restriction(user=german_watchkeeper, restriction=restriction, note="reopened 14:10")
    restriction.refresh_from_db()
    assert restriction.ends_at == restriction.lifted_at
    assert network_state(user=german_watchkeeper, at=far_future).crossings[jarinje.pk].status == "open"
    before = started + timedelta(hours=1)
    assert network_state(user=german_watchkeeper, at=before).crossings[jarinje.pk].status == "closed"
    history = element_history(user=german_watchkeeper, kind="crossing", element_id=jarinje.pk)
    assert [r.pk for r in history] == [restriction.pk]


def test_an_expected_end_ends_a_hand_restriction(theatre, german_watchkeeper):
    road = segment("M-9", PEJA_KLINA)
    now = timezone.now()
    record_restriction(
        user=german_watchkeeper,
        status="restricted",
        cause="Convoy escort, single lane",
        segment_ids=[road.pk],
        started_at=now - timedelta(hours=2),
        expires_at=now - timedelta(hours=1),
    )
    assert network_state(user=german_watchkeeper, at=now - timedelta(minutes=90)).segments[
        road.pk
    ].status == ("restricted")
    assert network_state(user=german_watchkeeper, at=now).segments[road.pk].status == "open"


def test_bad_input_names_each_field_and_writes_nothing(theatre, german_watchkeeper):
    with pytest.raises(InputError) as raised:
        record_restriction(
            user=german_watchkeeper,
            status="blocked",
            cause=" ",
            segment_ids=[999999],
            expires_at=timezone.now() - timedelta(days=1),
        )
    fields = {error.field for error in raised.value.errors}
    assert fields == {"status", "cause", "segments", "expires_at"}
    assert not Restriction.objects.exists()


def test_a_writer_cannot_label_above_what_they_may_read(theatre, german_watchkeeper):
    with pytest.raises(InputError) as raised:
        record_restriction(
            user=german_watchkeeper,
            status="closed",
            cause="x",
            segment_ids=[segment("M-9", PEJA_KLINA).pk],
            marking="NATO SECRET // REL TO KFOR",
        )
    assert raised.value.errors[0].field == "marking"


def test_partners_and_press_officers_may_not_record_or_lift(
    theatre, german_watchkeeper, eulex_partner, uncleared_press_officer
):
    for user in (eulex_partner, uncleared_press_officer):
        with pytest.raises(NotAllowed):
            record_restriction(
                user=user, status="closed", cause="x", segment_ids=[segment("M-9", PEJA_KLINA).pk]
            )
    restriction = record_restriction(
        user=german_watchkeeper, status="closed", cause="x", segment_ids=[segment("M-9", PEJA_KLINA).pk]
    )
    with pytest.raises(NotAllowed):
        lift_restriction(user=uncleared_press_officer, restriction=restriction)


def test_a_restriction_cannot_be_lifted_twice(theatre, german_watchkeeper):
    restriction = record_restriction(
        user=german_watchkeeper, status="closed", cause="x", segment_ids=[segment("M-9", PEJA_KLINA).pk]
    )
    lift_restriction(user=german_watchkeeper, restriction=restriction)
    with pytest.raises(InputError) as raised:
        lift_restriction(user=german_watchkeeper, restriction=restriction)
    assert raised.value.errors[0].field == "lifted_at"
