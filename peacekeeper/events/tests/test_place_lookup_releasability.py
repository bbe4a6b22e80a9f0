"""A place given by id is looked up among the places the writer may know of: the place of a site not released
to them answers exactly as a place that does not exist, and a user who may not log reports learns nothing."""

import pytest

from peacekeeper.access.classification import Role
from peacekeeper.access.labels import label_from_marking
from peacekeeper.conftest import make_user
from peacekeeper.theatre.models import Place, Site

MISSING_PLACE_ID = 999_999


@pytest.fixture
def german_camp(theatre, organisations) -> Site:
    place = Place.objects.create(
        name="Camp Geheim", kind=Place.Kind.SITE, lat=42.9, lon=20.86, scenario_key="test:geheim"
    )
    return Site.objects.create(
        place=place,
        name="Camp Geheim",
        kind=Site.Kind.CAMP,
        label=label_from_marking("NATO RESTRICTED // DEU ONLY"),
    )


@pytest.fixture
def german_camp_without_position(theatre, organisations) -> Site:
    place = Place.objects.create(name="Depot Unbekannt", kind=Place.Kind.SITE, scenario_key="test:depot")
    return Site.objects.create(
        place=place,
        name="Depot Unbekannt",
        kind=Site.Kind.CAMP,
        label=label_from_marking("NATO RESTRICTED // DEU ONLY"),
    )


@pytest.fixture
def italian_watchkeeper(organisations):
    return make_user("marco", "ITA", "ITA", ("KFOR",), "NATO SECRET", (Role.WATCHKEEPER,))


def _log_at(client, place_id: int):
    body = {"category": "fom.roadblock", "occurred_dtg": "now", "place_id": place_id}
    return client.post("/api/events/", body, content_type="application/json")


def _normalised(response, place_id: int) -> tuple[int, str]:
    return response.status_code, response.content.decode().replace(str(place_id), "<id>")


def test_logging_at_a_hidden_camp_answers_as_for_a_missing_place(
    client, german_camp, german_camp_without_position, italian_watchkeeper
):
    client.force_login(italian_watchkeeper)
    missing = _normalised(_log_at(client, MISSING_PLACE_ID), MISSING_PLACE_ID)
    for site in (german_camp, german_camp_without_position):
        answer = _normalised(_log_at(client, site.place_id), site.place_id)
        assert answer == missing
        assert "Geheim" not in answer[1]
        assert "Unbekannt" not in answer[1]
    assert missing[0] == 422


def test_a_german_writer_logs_at_the_camp(client, german_camp, german_watchkeeper):
    client.force_login(german_watchkeeper)
    body = {"category": "fom.roadblock", "occurred_dtg": "now", "place_id": german_camp.place_id}
    body["marking"] = "NATO RESTRICTED // DEU ONLY"  # no wider than the camp
    response = client.post("/api/events/", body, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["location_name"] == "Camp Geheim"


def test_the_location_check_answers_alike_for_a_hidden_and_a_missing_place(
    client, german_camp, german_camp_without_position, italian_watchkeeper
):
    client.force_login(italian_watchkeeper)

    def check(place_id: int) -> tuple[int, str]:
        return _normalised(client.post("/log/check/location/", {"place_id": place_id}), place_id)

    missing = check(MISSING_PLACE_ID)
    assert check(german_camp.place_id) == missing
    assert check(german_camp_without_position.place_id) == missing


def test_a_user_who_may_not_log_reports_learns_nothing_of_any_place(
    client, theatre, german_camp, eulex_partner
):
    client.force_login(eulex_partner)
    visible_place = Place.objects.filter(lat__isnull=False).exclude(pk=german_camp.place_id).first()
    answers = set()
    for place_id in (visible_place.pk, german_camp.place_id, MISSING_PLACE_ID):
        checked = client.post("/log/check/location/", {"place_id": place_id})
        answers.add(checked.content.decode())
        logged = _log_at(client, place_id)
        assert logged.status_code == 403
        assert logged.json()["detail"] == "your role does not allow logging reports"
    assert len(answers) == 1
    assert "does not allow logging reports" in answers.pop()
