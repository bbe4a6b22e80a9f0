"""Alerts: only to readers who may see the report and the CCIR (list, stream, acknowledge alike), the
named user and the time recorded on acknowledgement, escalation after the set time, CCIRs kept by
administrators with bad rules refused."""

from datetime import timedelta

import orjson
import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from peacekeeper.access.labels import label_from_marking
from peacekeeper.cop import live
from peacekeeper.events.recording import create_report
from peacekeeper.events.tests.factories import an_event
from peacekeeper.watch.alerts import escalate_due, visible_alerts
from peacekeeper.watch.models import Alert, Ccir

DEU_ONLY = "NATO RESTRICTED // DEU ONLY"
NOON = timezone.now().replace(hour=12, minute=0, second=0, microsecond=0) - timedelta(days=1)


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def alerts_on_stream(user) -> list[dict]:
    cursor = live._Cursor(after_id=None, reports=False, alerts=True)
    return messages(cursor.poll(user), b"alert")


def messages(chunks: list[bytes], kind: bytes) -> list[dict]:
    found = []
    for message in b"".join(chunks).split(b"\n\n"):
        lines = dict(line.split(b": ", 1) for line in message.split(b"\n") if b": " in line)
        if lines.get(b"event") == kind:
            found.append(orjson.loads(lines[b"data"]))
    return found


@pytest.fixture
def fatality(ccirs, german_watchkeeper, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return create_report(
            user=german_watchkeeper, data=an_event(killed_civilians=1, occurred_at=timezone.now())
        )


@pytest.fixture
def german_fatality(ccirs, german_watchkeeper, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return create_report(
            user=german_watchkeeper,
            data=an_event(killed_civilians=1, occurred_at=timezone.now(), marking=DEU_ONLY),
        )


def test_the_open_alert_is_listed_and_streamed_to_a_reader_of_the_report(fatality, italian_analyst):
    listed = client_of(italian_analyst).get("/api/watch/alerts").json()
    assert [(a["report_id"], a["ccir_title"], a["state"]) for a in listed] == [
        (fatality.pk, "Any fatality", "open")
    ]
    streamed = alerts_on_stream(italian_analyst)
    assert [(a["report_id"], a["state"]) for a in streamed] == [(fatality.pk, "open")]


def test_a_stream_without_alerts_gets_none_and_one_without_reports_gets_no_reports(fatality, italian_analyst):
    map_stream = live._Cursor(after_id=0)
    assert messages(map_stream.poll(italian_analyst), b"alert") == []
    banner_stream = live._Cursor(after_id=0, reports=False, alerts=True)
    assert messages(banner_stream.poll(italian_analyst), b"event") == []


def test_a_reader_who_may_not_see_the_report_never_sees_its_alert(
    german_fatality, german_watchkeeper, italian_analyst
):
    assert visible_alerts(german_watchkeeper).count() == 1
    assert client_of(italian_analyst).get("/api/watch/alerts").json() == []
    assert alerts_on_stream(italian_analyst) == []
    alert = Alert.objects.get()
    hidden = client_of(italian_analyst).post(f"/api/watch/alerts/{alert.pk}/acknowledge")
    missing = client_of(italian_analyst).post(f"/api/watch/alerts/{alert.pk + 1000}/acknowledge")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json() | {}
    alert.refresh_from_db()
    assert alert.acknowledged_at is None


def test_a_reader_who_may_not_see_the_ccir_never_sees_its_alert(
    fatality, german_watchkeeper, italian_analyst
):
    Ccir.objects.filter(key="ccir:fatality").update(label=label_from_marking(DEU_ONLY))
    assert client_of(italian_analyst).get("/api/watch/alerts").json() == []
    assert alerts_on_stream(italian_analyst) == []
    assert len(client_of(german_watchkeeper).get("/api/watch/alerts").json()) == 1
    page = client_of(italian_analyst).get(f"/log/{fatality.pk}/").content.decode()
    assert 'data-testid="sigevent-section"' not in page
    assert 'data-testid="mark"' not in page


def test_acknowledging_records_the_named_user_and_the_time(fatality, italian_analyst, german_watchkeeper):
    alert = Alert.objects.get()
    moment = timezone.now().replace(microsecond=0) + timedelta(minutes=3)
    with time_machine.travel(moment, tick=False):
        answer = client_of(italian_analyst).post(f"/api/watch/alerts/{alert.pk}/acknowledge")
    assert answer.status_code == 200
    body = answer.json()
    assert body["state"] == "acknowledged"
    assert body["acknowledged_by"] == "Giulia"
    assert body["acknowledged_dtg"] == moment.strftime("%d%H%MZ") + moment.strftime("%b%y").upper()
    alert.refresh_from_db()
    assert alert.acknowledged_by == italian_analyst
    assert alert.acknowledged_at == moment
    # No longer open for anyone; a second acknowledgement is refused, naming who and when.
    assert client_of(german_watchkeeper).get("/api/watch/alerts").json() == []
    again = client_of(german_watchkeeper).post(f"/api/watch/alerts/{alert.pk}/acknowledge")
    assert again.status_code == 409
    assert "acknowledged by Giulia" in again.json()["detail"]


def test_the_stream_tells_an_open_page_of_the_acknowledgement(fatality, italian_analyst, german_watchkeeper):
    cursor = live._Cursor(after_id=None, reports=False, alerts=True)
    assert [a["state"] for a in messages(cursor.poll(german_watchkeeper), b"alert")] == ["open"]
    client_of(italian_analyst).post(f"/api/watch/alerts/{Alert.objects.get().pk}/acknowledge")
    [acknowledged] = messages(cursor.poll(german_watchkeeper), b"alert")
    assert acknowledged["state"] == "acknowledged"
    assert acknowledged["acknowledged_by"] == "Giulia"
    assert messages(cursor.poll(german_watchkeeper), b"alert") == []


def test_only_the_watch_floor_acknowledges(fatality, uncleared_press_officer):
    answer = client_of(uncleared_press_officer).post(
        f"/api/watch/alerts/{Alert.objects.get().pk}/acknowledge"
    )
    assert answer.status_code == 403
    assert Alert.objects.get().acknowledged_at is None


def test_an_unacknowledged_alert_escalates_after_the_set_time(
    ccirs, german_watchkeeper, settings, django_capture_on_commit_callbacks
):
    settings.ALERT_ESCALATE_MINUTES = 10
    with time_machine.travel(NOON, tick=False), django_capture_on_commit_callbacks(execute=True):
        create_report(user=german_watchkeeper, data=an_event(killed_civilians=1, occurred_at=NOON))
    with time_machine.travel(NOON + timedelta(minutes=9, seconds=59), tick=False):
        assert escalate_due() == 0
    with time_machine.travel(NOON + timedelta(minutes=10), tick=False):
        assert escalate_due() == 1
        assert escalate_due() == 0  # once
        [streamed] = alerts_on_stream(german_watchkeeper)
    assert streamed["state"] == "escalated"
    assert Alert.objects.get().escalated_at == NOON + timedelta(minutes=10)


def test_an_acknowledged_alert_does_not_escalate(fatality, german_watchkeeper, settings):
    Alert.objects.update(acknowledged_by=german_watchkeeper, acknowledged_at=timezone.now())
    with time_machine.travel(timezone.now() + timedelta(hours=2), tick=False):
        assert escalate_due() == 0


def test_the_stream_escalates_what_is_due_by_itself(fatality, german_watchkeeper, settings):
    settings.ALERT_ESCALATE_MINUTES = 10
    with time_machine.travel(timezone.now() + timedelta(minutes=11), tick=False):
        [streamed] = alerts_on_stream(german_watchkeeper)
    assert streamed["state"] == "escalated"


def test_administrators_add_ccirs_and_a_bad_rule_is_refused_with_field_and_reason(ccirs, duty_officer):
    client = client_of(duty_officer)
    bad = client.post(
        "/api/watch/ccirs",
        {"title": "Big crowds", "rule": {"min_crowd": "many"}},
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert [e["field"] for e in bad.json()["errors"]] == ["rule.min_crowd"]
    good = client.post(
        "/api/watch/ccirs",
        {"title": "Any grenade", "rule": {"categories": ["explosions.grenade"]}},
        content_type="application/json",
    )
    assert good.status_code == 201
    assert good.json()["rule_text"] == "Any report: category Grenade"


def test_a_watchkeeper_may_not_add_a_ccir(ccirs, german_watchkeeper):
    answer = client_of(german_watchkeeper).post(
        "/api/watch/ccirs", {"title": "x", "rule": {"min_fatalities": 1}}, content_type="application/json"
    )
    assert answer.status_code == 403


def test_the_ccir_page_lists_them_and_offers_changes_only_to_administrators(
    ccirs, duty_officer, german_watchkeeper
):
    page = client_of(german_watchkeeper).get("/watch/ccirs/").content.decode()
    assert "Any incident at a crossing point north of the Ibar" in page
    assert "Add a" not in page
    assert "/edit/" not in page
    assert client_of(german_watchkeeper).get("/watch/ccirs/new/").status_code == 403
    page = client_of(duty_officer).get("/watch/ccirs/").content.decode()
    assert "/watch/ccirs/new/" in page


def test_the_ccir_form_shows_a_bad_rule_on_the_rule_field(ccirs, duty_officer):
    answer = client_of(duty_officer).post(
        "/watch/ccirs/new/", {"title": "Crowds", "rule": '{"min_crowd": 0}', "active": "on"}
    )
    assert answer.status_code == 200
    assert "min_crowd: input should be greater than or equal to 1" in answer.content.decode()
    assert not Ccir.objects.filter(title="Crowds").exists()


def test_the_banner_is_on_every_page_of_the_watch_floor_only(
    ccirs, german_watchkeeper, uncleared_press_officer
):
    assert 'id="watch-alerts"' in client_of(german_watchkeeper).get("/log/").content.decode()
    assert 'id="watch-alerts"' not in client_of(uncleared_press_officer).get("/log/").content.decode()


def test_an_old_record_flagged_only_is_not_acknowledged(
    ccirs, german_watchkeeper, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        create_report(
            user=german_watchkeeper,
            data=an_event(killed_civilians=1, occurred_at=timezone.now() - timedelta(days=30)),
        )
    alert = Alert.objects.get()
    assert not alert.announced
    answer = client_of(german_watchkeeper).post(f"/api/watch/alerts/{alert.pk}/acknowledge")
    assert answer.status_code == 409
    assert "never raised on the floor" in answer.json()["detail"]
    alert.refresh_from_db()
    assert alert.acknowledged_at is None


def test_the_stream_s_cap_drops_the_oldest_open_alerts_in_the_order_of_the_list(
    ccirs, german_watchkeeper, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from peacekeeper.cop import live_alerts
    from peacekeeper.watch.alerts import open_alerts

    settings.ALERT_ESCALATE_MINUTES = 600
    with django_capture_on_commit_callbacks(execute=True):
        reports = [
            create_report(
                user=german_watchkeeper, data=an_event(killed_civilians=1, occurred_at=timezone.now())
            )
            for _ in range(3)
        ]
    oldest, middle, newest = (Alert.objects.get(report=report) for report in reports)
    now = timezone.now()
    for minutes, alert in ((30, oldest), (20, middle), (10, newest)):
        Alert.objects.filter(pk=alert.pk).update(raised_at=now - timedelta(minutes=minutes))
    monkeypatch.setattr(live_alerts, "READ_LIMIT", 2)
    streamed = [a["id"] for a in alerts_on_stream(german_watchkeeper)]
    assert streamed == [newest.pk, middle.pk]
    assert streamed == [a.pk for a in open_alerts(german_watchkeeper)][:2]
    # Escalated first, as the list gives them (on PostgreSQL too, where NULLs sort first descending).
    Alert.objects.filter(pk=oldest.pk).update(escalated_at=now)
    streamed = [a["id"] for a in alerts_on_stream(german_watchkeeper)]
    assert streamed == [oldest.pk, newest.pk]
    assert streamed == [a.pk for a in open_alerts(german_watchkeeper)][:2]
