"""Validated FoM reports close or restrict the network near them; rejection and correction undo or move it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from peacekeeper.events.recording import update_report
from peacekeeper.events.tests.factories import IBAR_BRIDGE, ZVECAN
from peacekeeper.events.workflow import transition
from peacekeeper.movement.derive import REPORT_LIFETIME, sync_reports
from peacekeeper.movement.models import Restriction
from peacekeeper.movement.network import current_network
from peacekeeper.movement.states import network_state
from peacekeeper.movement.tests.conftest import PEJA_KLINA, SUHAREKA, crossing, midpoint, segment
from peacekeeper.theatre.models import Site

pytestmark = pytest.mark.django_db


def test_a_validated_barricade_closes_the_roads_near_it_with_the_reports_label(
    theatre, validate, german_watchkeeper
):
    event = validate(lat=ZVECAN[0], lon=ZVECAN[1])
    restriction = Restriction.objects.get(report=event)
    assert restriction.status == "closed"
    assert restriction.label_id == event.label_id
    assert restriction.started_at == event.occurred_at
    assert restriction.expires_at == event.occurred_at + REPORT_LIFETIME["closed"]
    assert restriction.recorded_by.get_username() == "klaus"
    # A report at Zvečan's own position closes the roads meeting there: the N22.3 into and out of it.
    into_and_out = [s for s in restriction.segments.all() if "N22.3" in s.designations]
    assert len(into_and_out) >= 2
    state = network_state(user=german_watchkeeper, at=timezone.now())
    assert state.segments[segment("N22.3", ZVECAN).pk].status == "closed"
    assert state.segments[segment("M-9", PEJA_KLINA).pk].status == "open"


def test_a_report_in_review_changes_nothing(theatre, german_watchkeeper, django_capture_on_commit_callbacks):
    from peacekeeper.events.recording import create_report
    from peacekeeper.events.tests.factories import an_event

    with django_capture_on_commit_callbacks(execute=True):
        create_report(user=german_watchkeeper, data=an_event(), submit=True)
    assert not Restriction.objects.exists()


def test_other_fom_reports_restrict_and_reports_of_other_categories_do_nothing(theatre, validate):
    road = segment("M-9", PEJA_KLINA)
    validate(category="fom.restriction", **midpoint(road))
    validate(category="riots.violent_demonstration", **midpoint(segment("R7", SUHAREKA)))
    restriction = Restriction.objects.get()
    assert restriction.status == "restricted"
    assert list(restriction.segments.all()) == [road]


def test_a_barricade_on_the_ibar_bridge_closes_the_bridge_and_the_road_across_it(
    theatre, validate, german_watchkeeper
):
    validate(lat=IBAR_BRIDGE[0], lon=IBAR_BRIDGE[1], location_name="Ibar main bridge")
    bridge = Site.objects.get(kind=Site.Kind.BRIDGE, place__lat__isnull=False)
    state = network_state(user=german_watchkeeper, at=timezone.now())
    assert state.bridges[bridge.pk].status == "closed"
    [on_bridge, *_] = next(point.segments for point in current_network().points if point.kind == "bridge")
    across = state.segments[on_bridge]
    assert across.status == "closed"
    assert across.as_dict()["cause"] == "Roadblock or barricade — Ibar main bridge"


def test_a_crossing_incident_restricts_the_crossing(theatre, validate, german_watchkeeper):
    jarinje = crossing("Jarinje")
    validate(category="fom.crossing_incident", lat=jarinje.place.lat, lon=jarinje.place.lon)
    state = network_state(user=german_watchkeeper, at=timezone.now())
    assert state.crossings[jarinje.pk].status == "restricted"
    # The crossing lies at the end of the road from Leposavić, which takes its status.
    road = segment("N22.3", (jarinje.place.lat, jarinje.place.lon))
    assert state.segments[road.pk].as_dict()["via"] == ["Jarinje"]


def test_rejecting_the_report_reopens_the_road(
    theatre, validate, german_analyst, django_capture_on_commit_callbacks
):
    event = validate(lat=ZVECAN[0], lon=ZVECAN[1])
    assert Restriction.objects.filter(report=event).exists()
    with django_capture_on_commit_callbacks(execute=True):
        transition(user=german_analyst, event=event, name="reject", reason="duplicate of an older report")
    assert not Restriction.objects.exists()


def test_correcting_the_reports_position_moves_the_closure_once_revalidated(
    theatre, validate, german_watchkeeper, german_analyst, django_capture_on_commit_callbacks
):
    event = validate(lat=ZVECAN[0], lon=ZVECAN[1])
    elsewhere = midpoint(segment("M-9", PEJA_KLINA))
    with django_capture_on_commit_callbacks(execute=True):
        event = update_report(user=german_watchkeeper, event=event, changes=elsewhere, reason="wrong grid")
    assert not Restriction.objects.exists(), "a corrected report is back in review: it counts no more"
    with django_capture_on_commit_callbacks(execute=True):
        transition(user=german_analyst, event=event, name="validate")
    restriction = Restriction.objects.get(report=event)
    assert [s.designations[:2] for s in restriction.segments.all()] == [["N9", "M-9"]]


def test_a_closure_expires_without_a_new_report_and_a_new_report_renews_it(
    theatre, validate, german_watchkeeper
):
    now = timezone.now().replace(microsecond=0)
    validate(lat=ZVECAN[0], lon=ZVECAN[1], occurred_at=now - timedelta(hours=30))
    road = segment("N22.3", ZVECAN).pk
    assert (
        network_state(user=german_watchkeeper, at=now - timedelta(hours=10)).segments[road].status == "closed"
    )
    assert network_state(user=german_watchkeeper, at=now).segments[road].status == "open"
    validate(lat=ZVECAN[0], lon=ZVECAN[1], occurred_at=now - timedelta(hours=1))
    assert network_state(user=german_watchkeeper, at=now).segments[road].status == "closed"


def test_a_rescan_rebuilds_what_the_reports_say_and_keeps_hand_lifts(theatre, validate, german_analyst):
    event = validate(lat=ZVECAN[0], lon=ZVECAN[1])
    restriction = Restriction.objects.get(report=event)
    lifted_at = timezone.now()
    Restriction.objects.filter(pk=restriction.pk).update(lifted_at=lifted_at, lifted_by=german_analyst)
    Restriction.segments.through.objects.all().delete()
    sync_reports(None)
    restriction.refresh_from_db()
    assert restriction.segments.count() >= 2
    assert restriction.lifted_at == lifted_at
    assert restriction.ends_at == lifted_at


def test_generated_exercise_reports_reach_the_log_through_the_bulk_announcement(
    theatre, german_watchkeeper, django_capture_on_commit_callbacks
):
    from peacekeeper.events.models import EventReport
    from peacekeeper.exercise.generator import generate_and_store

    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        generate_and_store(count=400, seed=11, start=now - timedelta(days=3), end=now)
    fom = EventReport.objects.filter(
        category__in=["fom.roadblock", "fom.restriction", "fom.crossing_incident"]
    )
    assert fom.exists()
    assert set(Restriction.objects.values_list("report_id", flat=True)) == set(
        fom.values_list("pk", flat=True)
    )
    assert all(Restriction.objects.values_list("exercise", flat=True))
