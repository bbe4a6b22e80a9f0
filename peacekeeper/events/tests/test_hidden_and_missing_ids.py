"""Every endpoint of the log that takes an id answers the same for a record hidden from the caller as for
one that does not exist: same status, same body."""

import re

import pytest
from django.urls import reverse

from peacekeeper.conftest import make_user
from peacekeeper.events.incidents import merge
from peacekeeper.events.models import EventReport, Incident, IncidentLink
from peacekeeper.events.recording import create_report
from peacekeeper.events.tests.factories import an_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden(theatre, german_watchkeeper):
    """As the Italian analyst sees it: a German-only report, linked with a KFOR report into an incident.

    The link of the German report names a hidden report; the KFOR report's link names an incident of which
    the Italian sees one report only, i.e. no incident at all.
    """
    german_analyst = make_user("klaus", "DEU", "DEU", ("KFOR",), "NATO SECRET", ("analyst",))
    national = create_report(user=german_watchkeeper, data=an_event(marking="NATO RESTRICTED // DEU ONLY"))
    shared = create_report(user=german_watchkeeper, data=an_event())
    incident = merge(user=german_analyst, events=[national, shared])
    return {
        "report": national.pk,
        "incident": incident.pk,
        "visible_report": shared.pk,
        "links": [link.pk for link in IncidentLink.objects.order_by("pk")],
    }


def _missing_id(model) -> int:
    return (model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1000


def _answer(response, record_id: int) -> tuple[int, str]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    # The ids differ by construction (a page may echo its path); anything else in the answer must not.
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "CSRF", body.decode())  # new per response
    return response.status_code, re.sub(rf"(?<=/){record_id}\b|(?<=id ){record_id}\b", "ID", text)


def _same_for_hidden_and_missing(request, hidden_id: int, missing_id: int) -> None:
    assert _answer(request(hidden_id), hidden_id) == _answer(request(missing_id), missing_id)


def test_undoing_a_link_answers_the_same_for_a_hidden_and_a_missing_link(client, hidden, italian_analyst):
    client.force_login(italian_analyst)
    missing = _missing_id(IncidentLink)
    for link_id in hidden["links"]:
        _same_for_hidden_and_missing(
            lambda pk: client.post(f"/api/events/incidents/links/{pk}/undo"), link_id, missing
        )
        _same_for_hidden_and_missing(
            lambda pk: client.post(
                reverse("events:undo_link", args=[pk]), {"back": hidden["visible_report"]}
            ),
            link_id,
            missing,
        )
    assert EventReport.objects.filter(incident__isnull=False).count() == 2, "nothing was undone"


def test_merging_answers_the_same_for_a_hidden_and_a_missing_report(client, hidden, italian_analyst):
    client.force_login(italian_analyst)
    visible = hidden["visible_report"]
    _same_for_hidden_and_missing(
        lambda pk: client.post(
            "/api/events/incidents", {"event_ids": [visible, pk]}, content_type="application/json"
        ),
        hidden["report"],
        _missing_id(EventReport),
    )
    _same_for_hidden_and_missing(
        lambda pk: client.post(reverse("events:link", args=[visible]), {"other": pk}),
        hidden["report"],
        _missing_id(EventReport),
    )
    _same_for_hidden_and_missing(
        lambda pk: client.post(reverse("events:link", args=[pk]), {"other": visible}),
        hidden["report"],
        _missing_id(EventReport),
    )


def test_every_report_endpoint_answers_the_same_for_a_hidden_and_a_missing_report(
    client, hidden, italian_analyst
):
    client.force_login(italian_analyst)
    requests = [
        lambda pk: client.get(f"/api/events/{pk}"),
        lambda pk: client.get(f"/api/events/{pk}/history"),
        lambda pk: client.get(f"/api/events/{pk}/duplicates"),
        lambda pk: client.patch(f"/api/events/{pk}", {"severity": 5}, content_type="application/json"),
        lambda pk: client.post(
            f"/api/events/{pk}/transitions", {"transition": "validate"}, content_type="application/json"
        ),
        lambda pk: client.get(reverse("events:detail", args=[pk])),
        lambda pk: client.get(reverse("events:edit", args=[pk])),
        lambda pk: client.post(reverse("events:transition", args=[pk]), {"transition": "validate"}),
    ]
    for request in requests:
        _same_for_hidden_and_missing(request, hidden["report"], _missing_id(EventReport))


def test_filtering_by_an_incident_answers_the_same_for_a_hidden_and_a_missing_incident(
    client, hidden, italian_analyst
):
    client.force_login(italian_analyst)
    for path in ("/api/events/?incident={}", "/api/events/export/geojson?incident={}"):
        _same_for_hidden_and_missing(
            lambda pk, path=path: client.get(path.format(pk)), hidden["incident"], _missing_id(Incident)
        )
