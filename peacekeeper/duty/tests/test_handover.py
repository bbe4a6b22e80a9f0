"""Shift handover: the summary compiled from the data for each reader (SIGEVENTs, open actions, restrictions
in force, unacknowledged alerts, threat-level changes), kept at handover and never changed again, the
incoming officer's acknowledgement, and the PDF with its markings."""

import io
from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from peacekeeper.core.errors import Conflict, InputError, NotAllowed
from peacekeeper.duty import actions, shifts
from peacekeeper.duty.models import HandoverItem, Shift
from peacekeeper.duty.summary import summary_for
from peacekeeper.duty.tests.conftest import DEU_ONLY, KFOR
from peacekeeper.movement.recording import record_restriction
from peacekeeper.theatre.dtg import format_dtg
from peacekeeper.theatre.models import CrossingPoint

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def shift(german_watchkeeper):
    now = timezone.now()
    return Shift.objects.create(starts_at=now - timedelta(hours=2), ends_at=now + timedelta(hours=10),
                                duty_officer=german_watchkeeper)  # fmt: skip


@pytest.fixture
def floor(theatre, sigevent, german_watchkeeper):
    """A shift's worth of data: a KFOR SIGEVENT with an action on its alert, a German-only SIGEVENT, a
    closure at a crossing; the KFOR alert is acknowledged, the German one not."""
    kfor = sigevent(location_name="Zvečan bridge")
    german = sigevent(marking=DEU_ONLY, location_name="Mitrovica north")
    kfor.acknowledged_by, kfor.acknowledged_at = german_watchkeeper, timezone.now()
    kfor.save()
    subject = actions.find_subject(user=german_watchkeeper, kind="alert", subject_id=kfor.pk)
    action = actions.create_action(
        user=german_watchkeeper, subject=subject, text="inform COS", owner="hans",
        due=format_dtg(timezone.now() + timedelta(hours=1)),
    )  # fmt: skip
    restriction = record_restriction(
        user=german_watchkeeper, status="closed", cause="Barricade of trucks",
        crossing_ids=[CrossingPoint.objects.order_by("pk").first().pk], marking=KFOR,
    )  # fmt: skip
    return {"kfor": kfor, "german": german, "action": action, "restriction": restriction}


def _texts(summary, kind):
    return [line.content for line in summary.sections[kind]]


def test_shifts_change_at_six_and_eighteen_local_time():
    winter = datetime(2026, 12, 7, 4, 59, tzinfo=UTC)  # 05:59 in Kosovo (UTC+1)
    assert shifts.shift_bounds(winter) == (
        datetime(2026, 12, 6, 17, tzinfo=UTC),
        datetime(2026, 12, 7, 5, tzinfo=UTC),
    )
    assert shifts.shift_bounds(datetime(2026, 12, 7, 5, tzinfo=UTC))[0] == datetime(
        2026, 12, 7, 5, tzinfo=UTC
    )
    summer = datetime(2026, 7, 1, 12, tzinfo=UTC)  # 14:00 in Kosovo (UTC+2)
    assert shifts.shift_bounds(summer) == (
        datetime(2026, 7, 1, 4, tzinfo=UTC),
        datetime(2026, 7, 1, 16, tzinfo=UTC),
    )
    # The night the clocks go back is thirteen hours long.
    start, end = shifts.shift_bounds(datetime(2026, 10, 25, 1, tzinfo=UTC))
    assert end - start == timedelta(hours=13)


def test_the_summary_lists_what_the_reader_may_see(shift, floor, german_watchkeeper, italian_analyst):
    german = summary_for(shift=shift, user=german_watchkeeper)
    assert [c["report_id"] for c in _texts(german, "sigevent")] == [
        floor["kfor"].report_id, floor["german"].report_id
    ]  # fmt: skip
    assert [c["text"] for c in _texts(german, "action")] == ["inform COS"]
    assert [c["cause"] for c in _texts(german, "restriction")] == ["Barricade of trucks"]
    assert [c["report_id"] for c in _texts(german, "alert")] == [floor["german"].report_id]
    italian = summary_for(shift=shift, user=italian_analyst)
    assert [c["report_id"] for c in _texts(italian, "sigevent")] == [floor["kfor"].report_id]
    assert _texts(italian, "alert") == []
    assert [c["text"] for c in _texts(italian, "action")] == ["inform COS"]


def test_handover_keeps_the_summary_as_it_stood(
    shift, floor, german_watchkeeper, german_officer, italian_analyst
):
    shifts.hand_over(user=german_watchkeeper, shift_id=shift.pk, remarks="Quiet night; watch Jarinje.",
                     incoming="greta", marking=DEU_ONLY)  # fmt: skip
    kept = HandoverItem.objects.filter(shift=shift).count()
    actions.close_action(user=german_watchkeeper, action_id=floor["action"].pk, state="done")
    later = summary_for(shift=Shift.objects.get(pk=shift.pk), user=german_watchkeeper)
    assert later.kept
    assert [c["text"] for c in _texts(later, "action")] == ["inform COS"]  # open when handed over
    assert HandoverItem.objects.filter(shift=shift).count() == kept
    italian = summary_for(shift=Shift.objects.get(pk=shift.pk), user=italian_analyst)
    assert [c["report_id"] for c in _texts(italian, "sigevent")] == [floor["kfor"].report_id]
    page = _client(italian_analyst).get(f"/duty/shifts/{shift.pk}/").content.decode()
    assert "watch Jarinje" not in page
    assert "None released to you" in page
    assert "watch Jarinje" in _client(german_officer).get(f"/duty/shifts/{shift.pk}/").content.decode()


def test_a_handed_over_shift_is_never_changed_again(shift, floor, german_watchkeeper, german_officer):
    shifts.hand_over(user=german_watchkeeper, shift_id=shift.pk, remarks="first", incoming="greta")
    with pytest.raises(Conflict):
        shifts.hand_over(user=german_watchkeeper, shift_id=shift.pk, remarks="second", incoming="greta")
    assert Shift.objects.get(pk=shift.pk).remarks == "first"
    assert _client(german_watchkeeper).post(
        f"/duty/shifts/{shift.pk}/handover/", {"remarks": "third", "incoming": "greta"}
    ).status_code in (403, 422)
    assert Shift.objects.get(pk=shift.pk).remarks == "first"


def test_the_incoming_officer_acknowledges_and_takes_the_next_shift(
    shift, german_watchkeeper, german_officer
):
    shifts.hand_over(user=german_watchkeeper, shift_id=shift.pk, remarks="", incoming="greta")
    with pytest.raises(NotAllowed):
        shifts.acknowledge(user=german_watchkeeper, shift_id=shift.pk)
    answer = _client(german_officer).post(f"/duty/shifts/{shift.pk}/acknowledge/")
    assert answer.status_code == 302
    done = Shift.objects.get(pk=shift.pk)
    assert done.acknowledged_by == german_officer
    assert done.acknowledged_at is not None
    following = Shift.objects.get(starts_at=shifts.shift_bounds(done.ends_at)[0])
    assert following.duty_officer == german_officer
    with pytest.raises(Conflict):
        shifts.acknowledge(user=german_officer, shift_id=shift.pk)


def test_handover_refuses_bad_input_naming_each_field(shift, german_watchkeeper, planner):
    with pytest.raises(InputError) as refused:
        shifts.hand_over(user=german_watchkeeper, shift_id=shift.pk, remarks="x" * 4001, incoming="jordan",
                         marking="NATO SECRET // REL TO KFOR")  # fmt: skip
    assert {e.field for e in refused.value.errors} == {"remarks", "incoming", "marking"}
    answer = _client(german_watchkeeper).post(
        f"/duty/shifts/{shift.pk}/handover/", {"remarks": "x", "incoming": ""}
    )
    assert answer.status_code == 422
    assert not Shift.objects.get(pk=shift.pk).handed_over
    assert not HandoverItem.objects.exists()


def test_only_the_shifts_people_hand_it_over(shift, italian_analyst):
    with pytest.raises(NotAllowed):
        shifts.hand_over(user=italian_analyst, shift_id=shift.pk, remarks="", incoming="hans")
    assert not Shift.objects.get(pk=shift.pk).handed_over


def _pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_the_pdf_is_marked_with_the_highest_marking_of_what_it_holds(
    shift, floor, german_watchkeeper, german_officer, italian_analyst
):
    shifts.hand_over(user=german_watchkeeper, shift_id=shift.pk, remarks="Watch Jarinje.", incoming="greta")
    german = _pdf_text(_client(german_watchkeeper).get(f"/duty/shifts/{shift.pk}/pdf/"))
    assert german.startswith("NATO RESTRICTED // DEU ONLY")
    assert "inform COS" in german
    assert "Mitrovica north" in german
    assert "Barricade of trucks" in german
    assert "Watch Jarinje." in german
    italian = _pdf_text(_client(italian_analyst).get(f"/duty/shifts/{shift.pk}/pdf/"))
    assert italian.startswith("NATO UNCLASSIFIED // REL TO KFOR")
    assert "Mitrovica north" not in italian
    assert "inform COS" in italian
    assert "Zvecan bridge" in italian


def test_a_threat_level_changed_in_the_shift_is_listed_for_its_readers(
    shift, report, italian_analyst, german_watchkeeper, eulex_partner
):
    from peacekeeper.assessment.snapshots import override_level
    from peacekeeper.theatre.models import Area

    report()  # something in the log, so the assessment has cells to read
    zvecan = Area.objects.get(level=Area.Level.MUNICIPALITY, name_en="Zvečan")
    override_level(user=italian_analyst, area=zvecan, level=5, rationale="Clashes expected at the bridge.",
                   valid_until=timezone.now() + timedelta(days=2), marking=KFOR)  # fmt: skip
    [line] = summary_for(shift=shift, user=german_watchkeeper).sections["level"]
    assert line.content["area"] == "Zvečan"
    assert line.content["to"] == 5
    assert line.content["why"] == "analyst's override"
    assert summary_for(shift=shift, user=eulex_partner).sections["level"] == []


def test_the_demo_opens_the_current_shift_once(theatre):
    from peacekeeper.access.services import create_demo_users
    from peacekeeper.duty.demo import open_demo_shift

    create_demo_users()
    assert "opened" in open_demo_shift()
    assert "already" in open_demo_shift()
    shift = shifts.current_shift()
    assert shift.duty_officer.username == "watchkeeper"
    assert [u.username for u in shift.watchkeepers.all()] == ["analyst"]


def test_the_sigevent_section_lists_only_alerts_announced_to_the_floor(
    shift, report, german_watchkeeper, settings
):
    from peacekeeper.duty.tests.conftest import label
    from peacekeeper.watch.matching import match_reports
    from peacekeeper.watch.models import Alert, Ccir

    settings.ALERT_RECENT_HOURS = 6
    Ccir.objects.create(title="Any fatality", rule={"min_fatalities": 1}, label=label(KFOR))
    now = timezone.now()
    fresh = report(killed_civilians=1, occurred_at=now - timedelta(hours=1))
    # Logged now, but it occurred before the recent window: matching flags it without a banner.
    old = report(killed_civilians=1, occurred_at=now - timedelta(hours=7))

    match_reports([fresh.pk, old.pk])

    assert Alert.objects.get(report=fresh).announced
    assert not Alert.objects.get(report=old).announced
    sigevents = summary_for(shift=shift, user=german_watchkeeper).sections["sigevent"]
    assert [line.content["report_id"] for line in sigevents] == [fresh.pk]


def test_a_sigevent_line_says_near_or_at_as_the_report_names_the_place(shift, sigevent, german_watchkeeper):
    from peacekeeper.duty.presenting import line_text

    sigevent(location_name="near Zvečan", minutes_ago=20, category="civil.demonstration")
    sigevent(location_name="Zvečan", minutes_ago=10, category="civil.demonstration")

    lines = summary_for(shift=shift, user=german_watchkeeper).sections["sigevent"]

    texts = [line_text("sigevent", line.content) for line in lines]
    assert ": Demonstration near Zvečan, 1 killed - CCIR Any fatality" in texts[0]
    assert ": Demonstration at Zvečan, 1 killed - CCIR Any fatality" in texts[1]
