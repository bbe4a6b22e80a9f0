"""Releasability of actions: never wider than what they hang from; seen only by readers of their label and
their subject; a hidden subject or action answers as a missing one (404), on the pages and in the API."""

import io
import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from peacekeeper.access.classification import Role
from peacekeeper.conftest import make_user
from peacekeeper.core.errors import InputError
from peacekeeper.duty import actions, shifts
from peacekeeper.duty.models import Action
from peacekeeper.duty.tests.conftest import DEU_ONLY, KFOR, label
from peacekeeper.events import incidents
from peacekeeper.movement.network import invalidate
from peacekeeper.movement.recording import record_restriction
from peacekeeper.theatre.dtg import format_dtg
from peacekeeper.theatre.models import CrossingPoint, Site
from peacekeeper.watch.models import Alert, Ccir

pytestmark = pytest.mark.django_db
RESTRICTED_KFOR = "NATO RESTRICTED // REL TO KFOR"
SECRET_KFOR = "NATO SECRET // REL TO KFOR"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _due() -> str:
    return format_dtg(timezone.now() + timedelta(hours=1))


def _open(user, report, **overrides):
    subject = actions.find_subject(user=user, kind="report", subject_id=report.pk)
    values = {"text": "request police statement", "owner": user.username, "due": _due(), **overrides}
    return actions.create_action(user=user, subject=subject, **values)


def test_an_action_may_not_be_released_wider_than_its_report(report, german_watchkeeper):
    event = report(marking=DEU_ONLY)
    with pytest.raises(InputError) as refused:
        _open(german_watchkeeper, event, marking=KFOR)
    [error] = refused.value.errors
    assert error.field == "marking"
    assert "wider than report" in error.reason
    assert _open(german_watchkeeper, event).label.marking == DEU_ONLY  # by default: as its subject


def test_an_action_on_an_alert_is_no_wider_than_the_alerts_ccir(sigevent, german_watchkeeper):
    alert = sigevent(ccir_marking=RESTRICTED_KFOR)
    subject = actions.find_subject(user=german_watchkeeper, kind="alert", subject_id=alert.pk)
    with pytest.raises(InputError):
        actions.create_action(
            user=german_watchkeeper, subject=subject, text="x", owner="hans", due=_due(), marking=KFOR
        )
    action = actions.create_action(
        user=german_watchkeeper, subject=subject, text="x", owner="hans", due=_due()
    )
    assert action.label.marking == RESTRICTED_KFOR


def test_the_owner_must_be_able_to_read_the_action(report, german_watchkeeper, italian_analyst):
    with pytest.raises(InputError) as refused:
        _open(german_watchkeeper, report(marking=DEU_ONLY), owner=italian_analyst.username)
    [error] = refused.value.errors
    assert error.field == "owner"
    # the writer is told the marking leaves the owner out, not the owner's clearance or nation
    assert "the owner must be able to read this action" in error.reason
    for told in ("giulia", "ITA", "NATO", "SECRET", "DEU"):
        assert told not in error.reason


def test_a_reader_without_the_label_sees_no_action(report, german_watchkeeper, italian_analyst):
    event = report(marking=DEU_ONLY)
    action = _open(german_watchkeeper, event)
    assert list(actions.visible_actions(german_watchkeeper)) == [action]
    assert not actions.visible_actions(italian_analyst).exists()
    client = _client(italian_analyst)
    assert client.get(f"/duty/actions/{action.pk}/").status_code == 404
    assert client.get(f"/api/duty/actions/{action.pk}").status_code == 404
    assert "request police statement" not in client.get("/duty/actions/?view=open").content.decode()
    assert client.get("/api/duty/actions?view=open").json() == []


def test_a_reader_who_sees_the_report_but_not_the_action_sees_the_report_without_it(
    report, german_watchkeeper, italian_analyst
):
    event = report(marking=KFOR)
    _open(italian_analyst, event, marking=SECRET_KFOR, text="secret errand")
    page = _client(german_watchkeeper).get(f"/log/{event.pk}/").content.decode()
    assert "secret errand" not in page
    assert "NATO SECRET" not in page
    theirs = _client(italian_analyst).get(f"/log/{event.pk}/").content.decode()
    assert theirs.count("secret errand") >= 2  # the Actions section and the history
    assert 'data-testid="banner-top">NATO SECRET // REL TO KFOR' in theirs


def test_closing_a_hidden_action_answers_as_a_missing_one(report, german_watchkeeper, italian_analyst):
    action = _open(german_watchkeeper, report(marking=DEU_ONLY))
    client = _client(italian_analyst)
    hidden = client.post(
        f"/api/duty/actions/{action.pk}/state", json.dumps({"state": "done"}), content_type="application/json"
    )
    missing = client.post(
        "/api/duty/actions/999999/state", json.dumps({"state": "done"}), content_type="application/json"
    )
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()
    assert client.post(f"/duty/actions/{action.pk}/close/", {"state": "done"}).status_code == 404
    assert Action.objects.get(pk=action.pk).state == Action.State.OPEN


def test_an_action_on_a_hidden_report_answers_as_on_a_missing_one(report, italian_analyst):
    event = report(marking=DEU_ONLY)
    client = _client(italian_analyst)
    body = {"subject": "report", "text": "x", "owner": "giulia", "due": _due()}
    hidden = client.post(
        "/api/duty/actions", json.dumps({**body, "subject_id": event.pk}), "application/json"
    )
    missing = client.post("/api/duty/actions", json.dumps({**body, "subject_id": 999999}), "application/json")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()
    assert client.get(f"/duty/actions/new/?subject=report:{event.pk}").status_code == 404
    assert (
        client.post("/duty/actions/new/", {"subject": f"report:{event.pk}", "text": "x"}).status_code == 404
    )
    assert not Action.objects.exists()


def test_an_action_on_an_incident_is_no_wider_than_any_of_its_reports(
    report, german_watchkeeper, italian_analyst
):
    wide, narrow = report(marking=f"{KFOR}, EULEX"), report(marking=KFOR)
    incident = incidents.merge(user=italian_analyst, events=[wide, narrow])
    subject = actions.find_subject(user=german_watchkeeper, kind="incident", subject_id=incident.pk)
    with pytest.raises(InputError) as refused:
        actions.create_action(
            user=german_watchkeeper,
            subject=subject,
            text="x",
            owner="hans",
            due=_due(),
            marking=f"{KFOR}, EULEX",
        )
    assert [e.field for e in refused.value.errors] == ["marking"]
    action = actions.create_action(
        user=german_watchkeeper, subject=subject, text="x", owner="hans", due=_due()
    )
    assert action.label.marking == KFOR
    assert list(actions.visible_actions(italian_analyst)) == [action]


def test_an_action_on_an_incident_a_reader_no_longer_sees_is_hidden_from_them(
    report, german_watchkeeper, italian_analyst
):
    first, second = report(), report()
    incident = incidents.merge(user=italian_analyst, events=[first, second])
    subject = actions.find_subject(user=german_watchkeeper, kind="incident", subject_id=incident.pk)
    action = actions.create_action(
        user=german_watchkeeper, subject=subject, text="x", owner="hans", due=_due()
    )
    link = incident.links.get(event=second)
    incidents.undo_link(user=italian_analyst, link=link)  # one report left: an incident nobody sees
    assert not actions.visible_actions(german_watchkeeper).filter(pk=action.pk).exists()
    assert _client(german_watchkeeper).get(f"/duty/actions/{action.pk}/").status_code == 404


def test_the_api_opens_and_closes_an_action_with_its_history(report, german_watchkeeper):
    event = report()
    client = _client(german_watchkeeper)
    body = {"subject": "report", "subject_id": event.pk, "text": "inform COS", "owner": "hans", "due": _due()}
    created = client.post("/api/duty/actions", json.dumps(body), content_type="application/json")
    assert created.status_code == 201, created.content
    action = created.json()
    assert action["state"] == "open"
    assert action["marking"] == KFOR
    assert action["subject"]["report_id"] == event.pk
    closed = client.post(
        f"/api/duty/actions/{action['id']}/state",
        json.dumps({"state": "cancel", "note": "done by phone"}),
        content_type="application/json",
    )
    assert closed.status_code == 200
    assert [h["kind"] for h in closed.json()["history"]] == ["created", "cancelled"]
    again = client.post(
        f"/api/duty/actions/{action['id']}/state",
        json.dumps({"state": "done"}),
        content_type="application/json",
    )
    assert again.status_code == 409


def test_the_api_names_each_bad_field_and_why(report, german_watchkeeper):
    event = report()
    client = _client(german_watchkeeper)
    body = {"subject": "report", "subject_id": event.pk, "text": "", "owner": "", "due": "tomorrow"}
    refused = client.post("/api/duty/actions", json.dumps(body), content_type="application/json")
    assert refused.status_code == 422
    fields = {error["field"]: error["reason"] for error in refused.json()["errors"]}
    assert set(fields) == {"text", "owner", "due"}
    assert all(fields.values())


# The handover summary: the lines kept at handover are seen by a reader only when every record they name is
# still released to them (the line's own label and its `also_labels`), on the page and in the PDF alike.


def _shift_texts(user, shift) -> tuple[str, str]:
    """The shift's page and its PDF's text, as this reader gets them."""
    client = _client(user)
    page = client.get(f"/duty/shifts/{shift.pk}/")
    pdf = client.get(f"/duty/shifts/{shift.pk}/pdf/")
    assert page.status_code == pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    return page.content.decode(), text


@pytest.fixture
def dieter(organisations):
    """A German duty officer cleared NATO SECRET: he sees the narrowed bridge and CCIR."""
    return make_user("dieter", "DEU", "DEU", ("KFOR",), "NATO SECRET", (Role.WATCHKEEPER,))


@pytest.fixture
def narrowed_bridge(theatre):
    """(narrow, bridge): the Mitrovica main bridge, and narrow() labelling it German-only SECRET (called
    after a restriction on it was recorded at a wider marking)."""

    def narrow() -> Site:
        bridge.label = label("NATO SECRET // DEU ONLY")
        bridge.save()
        invalidate()
        return bridge

    invalidate()
    bridge = Site.objects.get(kind=Site.Kind.BRIDGE, name__startswith="Mitrovica main bridge")
    return narrow, bridge


def test_a_kept_restriction_on_a_bridge_hidden_from_the_reader_is_hidden_from_them(
    narrowed_bridge, dieter, german_watchkeeper, italian_analyst
):
    narrow, bridge = narrowed_bridge
    record_restriction(
        user=dieter, status="closed", cause="Barricade on the bridge", bridge_ids=[bridge.pk],
        marking=RESTRICTED_KFOR, started_at=timezone.now() - timedelta(hours=6),
    )  # fmt: skip
    narrow()
    shift = shifts.open_shift(user=dieter, duty_officer=dieter)
    for seen in _shift_texts(italian_analyst, shift):
        assert "Mitrovica main bridge" not in seen
        assert "Barricade on the bridge" not in seen
    shifts.hand_over(user=dieter, shift_id=shift.pk, remarks="", incoming=german_watchkeeper.username)
    page, pdf = _shift_texts(italian_analyst, shift)  # as before handover: the live and kept paths agree
    for seen in (page, pdf):
        assert "Mitrovica main bridge" not in seen
        assert "Barricade on the bridge" not in seen
    assert pdf.startswith("NATO UNCLASSIFIED")  # no trace of the bridge's label either
    page, pdf = _shift_texts(dieter, shift)  # a reader of the bridge sees the kept line, marked as it
    assert "Mitrovica main bridge" in page
    assert "Mitrovica main bridge" in pdf
    assert pdf.startswith("NATO SECRET // DEU ONLY")


def test_a_kept_restriction_naming_a_hidden_bridge_among_other_elements_is_hidden_whole(
    narrowed_bridge, dieter, german_watchkeeper, italian_analyst
):
    narrow, bridge = narrowed_bridge
    crossing = CrossingPoint.objects.order_by("pk").first()
    record_restriction(
        user=dieter, status="closed", cause="Barricade of trucks", bridge_ids=[bridge.pk],
        crossing_ids=[crossing.pk], marking=RESTRICTED_KFOR,
    )  # fmt: skip
    narrow()
    shift = shifts.open_shift(user=dieter, duty_officer=dieter)
    page, _ = _shift_texts(italian_analyst, shift)  # computed for her: the crossing, without the bridge
    assert "Barricade of trucks" in page
    assert "Mitrovica main bridge" not in page
    shifts.hand_over(user=dieter, shift_id=shift.pk, remarks="", incoming=german_watchkeeper.username)
    for seen in _shift_texts(italian_analyst, shift):  # kept: one text naming the bridge, so hidden whole
        assert "Barricade of trucks" not in seen
        assert "Mitrovica main bridge" not in seen
    page, pdf = _shift_texts(dieter, shift)
    assert "Barricade of trucks" in page
    assert "Mitrovica main bridge" in pdf


def test_a_kept_action_line_is_hidden_from_a_reader_its_alerts_ccir_was_narrowed_away_from(
    report, german_watchkeeper, italian_analyst, dieter
):
    event = report(marking=KFOR, killed_civilians=1)
    ccir = Ccir.objects.create(
        title="Operation NIGHTJAR indicator", rule={"min_fatalities": 1}, label=label(KFOR)
    )
    alert = Alert.objects.create(report=event, ccir=ccir, raised_at=timezone.now(), label=event.label)
    subject = actions.find_subject(user=german_watchkeeper, kind="alert", subject_id=alert.pk)
    actions.create_action(
        user=german_watchkeeper, subject=subject, text="inform COS", owner="hans", due=_due()
    )
    ccir.label = label(SECRET_KFOR)  # narrowed: hans (NATO RESTRICTED) no longer sees the CCIR
    ccir.save()
    shift = shifts.open_shift(user=dieter, duty_officer=dieter)
    for seen in _shift_texts(german_watchkeeper, shift):
        assert "NIGHTJAR" not in seen
        assert "inform COS" not in seen
    shifts.hand_over(user=dieter, shift_id=shift.pk, remarks="", incoming=italian_analyst.username)
    page, pdf = _shift_texts(german_watchkeeper, shift)  # as before handover
    for seen in (page, pdf):
        assert "NIGHTJAR" not in seen
        assert "inform COS" not in seen
    assert not pdf.startswith("NATO SECRET")
    page, pdf = _shift_texts(italian_analyst, shift)  # a reader of the CCIR sees the kept line, marked as it
    assert "NIGHTJAR" in page
    assert "NIGHTJAR" in pdf
    assert "inform COS" in pdf
    assert pdf.startswith("NATO SECRET // REL TO KFOR")


def test_a_kept_action_line_is_hidden_from_a_reader_its_report_was_narrowed_away_from(
    report, german_watchkeeper, italian_analyst, dieter
):
    event = report(marking=KFOR)
    _open(german_watchkeeper, event, text="call the mayor")
    event.label = label(DEU_ONLY)  # narrowed after the action was opened (still KFOR)
    event.save()
    shift = shifts.open_shift(user=dieter, duty_officer=dieter)
    shifts.hand_over(user=dieter, shift_id=shift.pk, remarks="", incoming=german_watchkeeper.username)
    for seen in _shift_texts(italian_analyst, shift):
        assert "call the mayor" not in seen
        assert f"report {event.pk}" not in seen
    page, pdf = _shift_texts(german_watchkeeper, shift)
    assert "call the mayor" in page
    assert "call the mayor" in pdf
    assert pdf.startswith("NATO RESTRICTED // DEU ONLY")


def test_a_kept_action_line_on_an_incident_needs_every_one_of_its_reports(
    report, german_watchkeeper, italian_analyst, dieter
):
    first, second, third = report(), report(), report()
    incident = incidents.merge(user=italian_analyst, events=[first, second, third])
    subject = actions.find_subject(user=german_watchkeeper, kind="incident", subject_id=incident.pk)
    actions.create_action(user=german_watchkeeper, subject=subject, text="brief the JOC", owner="hans",
                          due=_due())  # fmt: skip
    third.label = label(DEU_ONLY)  # she still sees two of its reports, so the incident, but not all
    third.save()
    shift = shifts.open_shift(user=dieter, duty_officer=dieter)
    shifts.hand_over(user=dieter, shift_id=shift.pk, remarks="", incoming=german_watchkeeper.username)
    for seen in _shift_texts(italian_analyst, shift):
        assert "brief the JOC" not in seen
    page, pdf = _shift_texts(german_watchkeeper, shift)
    assert "brief the JOC" in page
    assert f"incident {incident.pk}" in pdf
