"""GET /api/access/banner combines the markings a script shows, as pages and files do, and only those."""

import pytest

from peacekeeper.access.api import MAX_MARKINGS
from peacekeeper.access.labels import label_from_marking

pytestmark = pytest.mark.django_db

KFOR_RESTRICTED = "NATO RESTRICTED // REL TO KFOR"
DEU_ONLY = "NATO UNCLASSIFIED // DEU ONLY"
SHARED = "NATO UNCLASSIFIED // REL TO KFOR"


@pytest.fixture(autouse=True)
def _labels(organisations):
    for marking in (KFOR_RESTRICTED, DEU_ONLY, SHARED):
        label_from_marking(marking)


def ask(client, *markings: str):
    return client.get("/api/access/banner", {"marking": list(markings)})


def test_it_answers_the_combined_marking_and_its_colour(client, german_watchkeeper):
    client.force_login(german_watchkeeper)

    response = ask(client, KFOR_RESTRICTED, DEU_ONLY, SHARED)

    assert response.status_code == 200, response.content
    # Not "NATO RESTRICTED // REL TO KFOR": a KFOR reader who is not German may not see the DEU ONLY record,
    # nor a German outside KFOR the REL TO KFOR ones.
    assert response.json() == {
        "marking": "NATO RESTRICTED // DEU ONLY // REL TO KFOR",
        "css_class": "banner-nato-restricted",
    }


def test_one_marking_is_its_own_banner_and_none_is_no_banner(client, german_watchkeeper):
    client.force_login(german_watchkeeper)

    assert ask(client, SHARED, SHARED).json() == {"marking": SHARED, "css_class": "banner-nato-unclassified"}
    assert ask(client).json() == {"marking": None, "css_class": "banner-none"}


def test_a_marking_the_caller_may_not_see_is_refused_like_one_that_does_not_exist(client, italian_analyst):
    client.force_login(italian_analyst)

    hidden = ask(client, SHARED, DEU_ONLY)
    missing = ask(client, SHARED, "NATO RESTRICTED // REL TO ATLANTIS")

    assert hidden.status_code == missing.status_code == 422
    assert hidden.json() == {
        "detail": "invalid input",
        "errors": [{"field": "marking", "reason": f"not a marking of records you may see: {DEU_ONLY}"}],
    }
    assert missing.json()["errors"][0]["field"] == "marking"


def test_it_caps_the_number_and_length_of_markings(client, german_watchkeeper):
    client.force_login(german_watchkeeper)

    too_many = ask(client, *[f"NATO RESTRICTED // REL TO X{n}" for n in range(MAX_MARKINGS + 1)])
    too_long = ask(client, "NATO RESTRICTED // REL TO " + "KFOR, " * 100)
    empty = ask(client, "")

    for response in (too_many, too_long, empty):
        assert response.status_code == 422, response.content
        assert response.json()["detail"] == "invalid input"
        assert {error["field"] for error in response.json()["errors"]} in ({"marking"}, {"marking.0"})


def test_it_answers_only_a_signed_in_reader(client, german_watchkeeper):
    assert ask(client, SHARED).status_code == 401
